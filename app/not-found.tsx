import { NotFoundMessage } from '@/components/portal/not-found-message';

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-6 text-center">
      <NotFoundMessage />
    </main>
  );
}

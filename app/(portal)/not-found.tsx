import { NotFoundMessage } from '@/components/portal/not-found-message';

// Inside the portal the layout already provides <main>: one main landmark, with the navigation kept.
export default function PortalNotFound() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center px-6 text-center">
      <NotFoundMessage />
    </div>
  );
}

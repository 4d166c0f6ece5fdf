import { cn } from '@/components/ui/cn';
import type { LiveConnection } from './use-live';

const labels: Record<LiveConnection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  revoked: 'Access withdrawn — reload the page',
};

export function LiveIndicator({ connection }: { connection: LiveConnection }) {
  return (
    <p role="status" className="flex items-center gap-2 text-xs text-slate-600">
      <span
        aria-hidden="true"
        className={cn('size-2 rounded-full', connection === 'live' ? 'bg-emerald-500' : connection === 'revoked' ? 'bg-red-500' : 'animate-pulse bg-amber-400')}
      />
      {labels[connection]}
    </p>
  );
}

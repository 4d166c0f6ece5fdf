import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';

export interface RolloutView {
  state: 'progressing' | 'complete' | 'failed';
  /** kubectl rollout status's line */
  message: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  conditions: { type: string; status: string; reason: string | null; message: string | null }[];
}

const bars = [
  { key: 'updated', label: 'Updated', color: 'bg-indigo-500' },
  { key: 'ready', label: 'Ready', color: 'bg-sky-500' },
  { key: 'available', label: 'Available', color: 'bg-emerald-500' },
] as const;

const stateLook = {
  progressing: { tone: 'info', label: 'Progressing', box: 'bg-indigo-50 ring-indigo-200 text-indigo-900' },
  complete: { tone: 'success', label: 'Rolled out', box: 'bg-emerald-50 ring-emerald-200 text-emerald-900' },
  failed: { tone: 'danger', label: 'Failed', box: 'bg-red-50 ring-red-200 text-red-900' },
} as const;

/** desired/updated/ready/available as bars, kubectl's status line, the Deployment's conditions. */
export function RolloutProgress({ rollout, verdict }: { rollout: RolloutView; verdict?: { verdict: string; reason: string | null } | null }) {
  const look = stateLook[rollout.state];
  const max = Math.max(rollout.desired, rollout.updated, rollout.ready, rollout.available, 1);
  return (
    <div className="space-y-4">
      <div className={cn('flex flex-wrap items-center gap-3 rounded-md px-3 py-2 text-sm ring-1', look.box)}>
        <Badge tone={look.tone}>{look.label}</Badge>
        <p role="status" aria-label="Rollout status" aria-live="polite" className="font-mono text-xs break-all">
          {rollout.message}
        </p>
      </div>
      <dl className="grid gap-3 sm:grid-cols-4">
        <div>
          <dt className="text-xs font-medium text-slate-500 uppercase">Desired</dt>
          <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{rollout.desired}</dd>
        </div>
        {bars.map((bar) => {
          const value = rollout[bar.key];
          return (
            <div key={bar.key}>
              <dt className="text-xs font-medium text-slate-500 uppercase">{bar.label}</dt>
              <dd>
                <span className="text-2xl font-semibold text-slate-900 tabular-nums">{value}</span>
                <span className="text-sm text-slate-500">/{rollout.desired}</span>
                <div
                  role="progressbar"
                  aria-label={`${bar.label} replicas`}
                  aria-valuemin={0}
                  aria-valuemax={max}
                  aria-valuenow={value}
                  aria-valuetext={`${value} of ${rollout.desired}`}
                  className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100"
                >
                  <div className={cn('h-full rounded-full transition-[width] duration-500', bar.color)} style={{ width: `${Math.min(100, (value / max) * 100)}%` }} />
                </div>
              </dd>
            </div>
          );
        })}
      </dl>
      {verdict ? (
        <p className="text-sm text-slate-700">
          Verdict of the current revision: <strong>{verdict.verdict}</strong>
          {verdict.reason && verdict.reason !== rollout.message ? <span className="text-slate-600"> — {verdict.reason}</span> : null}
        </p>
      ) : null}
      {rollout.conditions.length > 0 ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Conditions</h3>
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
            {rollout.conditions.map((c) => (
              <li key={c.type} className="flex flex-wrap items-baseline gap-x-3 px-3 py-1.5 text-xs">
                <span className="w-24 font-medium text-slate-800">{c.type}</span>
                <Badge tone={c.status === 'True' ? 'success' : c.status === 'False' ? 'danger' : 'neutral'}>{c.status}</Badge>
                <span className="text-slate-600">{c.reason}</span>
                <span className="min-w-0 flex-1 text-slate-500">{c.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

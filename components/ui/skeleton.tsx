import { cn } from './cn';

/** Placeholder blocks while a page loads; announced once as "Loading …". */
export function PageSkeleton({ label, rows = 4, className }: { label: string; rows?: number; className?: string }) {
  return (
    <div role="status" aria-label={label} className={cn('animate-pulse space-y-4', className)}>
      <div className="h-7 w-48 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-8 rounded bg-slate-100" />
        ))}
      </div>
      <span className="sr-only">{label}</span>
    </div>
  );
}

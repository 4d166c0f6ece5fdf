import { cn } from '@/components/ui/cn';

export interface DiffContent {
  unified: string;
  summary: string[];
  objects: { kind: string; name: string; change: 'added' | 'removed' | 'changed' }[];
}

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'font-semibold text-slate-700 bg-slate-100';
  if (line.startsWith('@@')) return 'text-indigo-700 bg-indigo-50/60';
  if (line.startsWith('+')) return 'bg-emerald-50 text-emerald-900';
  if (line.startsWith('-')) return 'bg-red-50 text-red-900';
  return 'text-slate-700';
}

/** A `kubectl diff`-style unified diff with a plain-language summary above it. */
export function DiffView({ diff, label, emptyText = 'No changes: the cluster already matches.', maxHeight = 'max-h-96' }: { diff: DiffContent; label: string; emptyText?: string; maxHeight?: string }) {
  if (diff.unified.trim() === '') {
    return (
      <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200">
        {emptyText}
      </p>
    );
  }
  const lines = diff.unified.replace(/\n$/, '').split('\n');
  return (
    <div className="space-y-2">
      {diff.summary.length > 0 ? (
        <ul aria-label={`${label}: summary`} className="space-y-0.5 text-sm text-slate-800">
          {diff.summary.map((line) => (
            <li key={line} className="flex gap-2">
              <span aria-hidden="true" className="text-slate-400">
                •
              </span>
              <span className="font-mono text-xs break-all">{line}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <pre
        aria-label={label}
        tabIndex={0}
        className={cn('overflow-auto rounded-md bg-white py-2 text-xs leading-5 ring-1 ring-slate-200 focus-visible:outline-2 focus-visible:outline-indigo-600', maxHeight)}
      >
        <code>
          {lines.map((line, i) => (
            <span key={i} className={cn('block px-3 whitespace-pre', lineClass(line))}>
              {line || ' '}
            </span>
          ))}
        </code>
      </pre>
    </div>
  );
}

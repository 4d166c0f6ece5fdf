import type { ActionError } from '@/lib/errors';
import { Button } from '@/components/ui/button';

const titles: Partial<Record<ActionError['code'], string>> = {
  CONFLICT: 'Conflict',
  CLUSTER_UNAVAILABLE: 'The cluster is unavailable',
  CLUSTER_REJECTED: 'The cluster refused the change',
  INVALID_INPUT: 'Check the input',
  FORBIDDEN_OR_NOT_FOUND: 'Not allowed',
  UNAUTHENTICATED: 'Signed out',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Something went wrong',
};

/** The server's refusal, said plainly; a conflict offers "Force" to those who may take the fields over. */
export function ActionErrorNotice({ error, onForce, onRetry, pending }: { error: ActionError; onForce?: () => void; onRetry?: () => void; pending?: boolean }) {
  // A message already shown next to its field is not repeated here.
  const fieldMessages = Object.values(error.fieldErrors ?? {}).flat();
  const repeated = fieldMessages.some((message) => error.message.startsWith(message));
  const fieldCount = Object.keys(error.fieldErrors ?? {}).length;
  return (
    <div role="alert" className="space-y-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">
      <p>
        <strong className="font-semibold">{titles[error.code] ?? 'Error'}:</strong> {repeated ? (fieldCount > 1 ? `fix the ${fieldCount} highlighted fields.` : 'fix the highlighted field.') : error.message}
      </p>
      {error.code === 'CONFLICT' && !onForce ? <p className="text-xs">Ask a maintainer of this namespace to resolve it or to force the change.</p> : null}
      {(error.code === 'CONFLICT' && onForce) || (error.code === 'CLUSTER_UNAVAILABLE' && onRetry) ? (
        <div className="flex gap-2">
          {error.code === 'CONFLICT' && onForce ? (
            <Button size="sm" variant="danger" onClick={onForce} pending={pending}>
              Force and take over these fields
            </Button>
          ) : null}
          {error.code === 'CLUSTER_UNAVAILABLE' && onRetry ? (
            <Button size="sm" variant="secondary" onClick={onRetry} pending={pending}>
              Try again
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

import { Badge, type BadgeTone } from '@/components/ui/badge';

export type RolloutStateName = 'progressing' | 'complete' | 'failed';

const rolloutTones: Record<RolloutStateName, { tone: BadgeTone; label: string }> = {
  progressing: { tone: 'info', label: 'Progressing' },
  complete: { tone: 'success', label: 'Rolled out' },
  failed: { tone: 'danger', label: 'Failed' },
};

export function RolloutStateBadge({ state }: { state: RolloutStateName | null }) {
  if (state === null) return <Badge tone="warning">Unknown</Badge>;
  const { tone, label } = rolloutTones[state];
  return <Badge tone={tone}>{label}</Badge>;
}

const verdictTones: Record<string, BadgeTone> = {
  PENDING: 'neutral',
  PROGRESSING: 'info',
  SUCCEEDED: 'success',
  FAILED: 'danger',
  SUPERSEDED: 'neutral',
};

export function VerdictBadge({ verdict }: { verdict: string }) {
  return <Badge tone={verdictTones[verdict] ?? 'neutral'}>{verdict}</Badge>;
}

const outcomeTones: Record<string, BadgeTone> = { SUCCEEDED: 'success', FAILED: 'danger', DENIED: 'warning', REQUESTED: 'info' };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <Badge tone={outcomeTones[outcome] ?? 'neutral'}>{outcome}</Badge>;
}

/** Pod phase or container reason: a waiting reason such as ImagePullBackOff outranks the phase. */
export function PodStateBadge({ phase, reason }: { phase: string; reason: string | null }) {
  if (reason) {
    const bad = /BackOff|Err|Invalid|Fail|OOM/i.test(reason);
    return <Badge tone={bad ? 'danger' : 'warning'}>{reason}</Badge>;
  }
  const tone: BadgeTone = phase === 'Running' ? 'success' : phase === 'Failed' ? 'danger' : phase === 'Terminating' ? 'neutral' : 'warning';
  return <Badge tone={tone}>{phase}</Badge>;
}

// kubectl's DeploymentStatusViewer (kubectl pkg/polymorphichelpers/rollout_status.go), used by the
// tests to check that the controllers produce the messages a user of `kubectl rollout status` sees.
export interface RolloutView {
  name: string;
  generation?: number;
  replicas?: number;
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    conditions?: Array<{ type: string; reason?: string }>;
  };
}

export function rolloutStatusMessage(d: RolloutView): { message: string; done: boolean; error?: string } {
  const s = d.status ?? {};
  if ((d.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  if (s.conditions?.find((c) => c.type === 'Progressing')?.reason === 'ProgressDeadlineExceeded') {
    return { message: '', done: false, error: `deployment "${d.name}" exceeded its progress deadline` };
  }
  const updated = s.updatedReplicas ?? 0;
  const replicas = s.replicas ?? 0;
  const available = s.availableReplicas ?? 0;
  if (d.replicas !== undefined && updated < d.replicas) {
    return { message: `Waiting for deployment "${d.name}" rollout to finish: ${updated} out of ${d.replicas} new replicas have been updated...`, done: false };
  }
  if (replicas > updated) return { message: `Waiting for deployment "${d.name}" rollout to finish: ${replicas - updated} old replicas are pending termination...`, done: false };
  if (available < updated) return { message: `Waiting for deployment "${d.name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${d.name}" successfully rolled out`, done: true };
}

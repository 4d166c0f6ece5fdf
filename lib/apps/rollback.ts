// app.rollback: re-applies a whole stored Berth revision (Deployment, Service, HPA, Ingress …) as a
// new, forward revision. DEPLOYER. Unlike undo, which only swaps the pod template for an older
// ReplicaSet's, this brings back everything Berth managed at that revision.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import type { DesiredState } from '@/lib/manifests';
import { loadAppForChange } from './app-scope';
import { runChange } from './change';
import { changeEnvelope } from './inputs';
import type { ChangeResult } from './types';

export const rollbackAppInput = z.object({
  ...changeEnvelope,
  toRevision: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: 'Choose the revision to roll back to' }).int({ error: 'Revision must be a whole number' }).min(1, { error: 'Revision numbers start at 1' }),
  ),
});
export type RollbackAppInput = z.input<typeof rollbackAppInput>;

export async function rollbackApp(actor: AnyActor | null, raw: RollbackAppInput): Promise<ChangeResult> {
  const input = parseInput(rollbackAppInput, raw);
  const app = await loadAppForChange(actor, input.appId, 'app.deploy', 'app.rollback');
  const target = await db.revision.findUnique({ where: { appId_number: { appId: app.id, number: input.toRevision } }, select: { manifest: true } });
  if (!target) throw new BerthError('INVALID_INPUT', `The app has no revision ${input.toRevision}.`, { toRevision: ['no such revision'] });
  const state = target.manifest as unknown as DesiredState;
  return runChange({
    actor: actor!,
    app,
    action: 'app.rollback',
    operation: 'rollback',
    params: { toRevision: input.toRevision, preview: input.preview || undefined, force: input.force || undefined },
    preview: input.preview,
    force: input.force,
    changeCause: input.changeCause ?? `Rolled back to revision ${input.toRevision}`,
    plan: () => structuredClone(state),
  });
}

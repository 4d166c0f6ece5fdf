// One revision with its full desired state (JSON and the YAML a user can paste back). VIEWER and up.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { BerthError } from '@/lib/errors';
import { stateToYaml, type DesiredState } from '@/lib/manifests';
import { loadAppForView } from './app-scope';
import { appIdField } from './inputs';
import { revisionSummarySelect, toRevisionSummary, type RevisionSummary } from './types';

export const revisionNumberField = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
  z.number({ error: 'Revision must be a number' }).int({ error: 'Revision must be a whole number' }).min(1, { error: 'Revision numbers start at 1' }),
);

export const getRevisionInput = z.object({ appId: appIdField, number: revisionNumberField });

export interface RevisionDetail extends RevisionSummary {
  appId: string;
  isCurrent: boolean;
  state: DesiredState;
  yaml: string;
}

export async function loadRevisionState(appId: string, number: number): Promise<{ row: Parameters<typeof toRevisionSummary>[0]; state: DesiredState }> {
  const row = await db.revision.findUnique({ where: { appId_number: { appId, number } }, select: { ...revisionSummarySelect, manifest: true } });
  if (!row) throw new BerthError('INVALID_INPUT', `The app has no revision ${number}.`, { number: ['no such revision'] });
  return { row, state: row.manifest as unknown as DesiredState };
}

export async function getRevision(actor: AnyActor | null, input: z.input<typeof getRevisionInput>): Promise<RevisionDetail> {
  const { appId, number } = parseInput(getRevisionInput, input);
  const app = await loadAppForView(actor, appId);
  const { row, state } = await loadRevisionState(app.id, number);
  return { ...toRevisionSummary(row), appId: app.id, isCurrent: app.currentRevision?.id === row.id, state, yaml: stateToYaml(state) };
}

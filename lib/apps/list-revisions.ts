// The app's revisions, newest first. VIEWER and up.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { loadAppForView } from './app-scope';
import { appIdField } from './inputs';
import { revisionSummarySelect, toRevisionSummary, type RevisionSummary } from './types';

export const listRevisionsInput = z.object({ appId: appIdField });

export async function listRevisions(actor: AnyActor | null, input: z.input<typeof listRevisionsInput>): Promise<RevisionSummary[]> {
  const { appId } = parseInput(listRevisionsInput, input);
  const app = await loadAppForView(actor, appId);
  const rows = await db.revision.findMany({ where: { appId: app.id }, orderBy: { number: 'desc' }, select: revisionSummarySelect });
  return rows.map(toRevisionSummary);
}

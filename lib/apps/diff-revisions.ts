// What changed between two revisions of an app (unified diff per object and field summary). VIEWER and up.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { diffStates } from '@/lib/manifests';
import { loadAppForView } from './app-scope';
import { loadRevisionState, revisionNumberField } from './get-revision';
import { appIdField } from './inputs';

export const diffRevisionsInput = z.object({ appId: appIdField, from: revisionNumberField, to: revisionNumberField });

export interface RevisionDiff {
  appId: string;
  from: number;
  to: number;
  unified: string;
  summary: string[];
  objects: { kind: string; name: string; change: 'added' | 'removed' | 'changed' }[];
}

export async function diffRevisions(actor: AnyActor | null, input: z.input<typeof diffRevisionsInput>): Promise<RevisionDiff> {
  const { appId, from, to } = parseInput(diffRevisionsInput, input);
  const app = await loadAppForView(actor, appId);
  const [a, b] = await Promise.all([loadRevisionState(app.id, from), loadRevisionState(app.id, to)]);
  const diff = diffStates(a.state, b.state);
  return { appId: app.id, from, to, unified: diff.unified, summary: diff.summary, objects: diff.objects.map((o) => ({ kind: o.kind, name: o.name, change: o.change })) };
}

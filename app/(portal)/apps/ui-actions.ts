'use server';

// Server actions of the app pages' editor that are not operations: converting between the form and
// YAML. No cluster call, no audit record; signed-in users only.
import { z } from 'zod';
import { defineAction } from '@/lib/action';
import { requireActor } from '@/lib/access/require';
import { getRevision } from '@/lib/apps/get-revision';
import { listRevisions } from '@/lib/apps/list-revisions';
import type { AppFormInput } from '@/lib/manifests';
import { convertFormToYaml, convertYamlToForm } from './manifest-conversion';

const convertAppManifestInput = z.discriminatedUnion('direction', [
  z.object({
    direction: z.literal('toYaml'),
    name: z.string().trim().max(63),
    namespace: z.string().trim().max(63),
    form: z.record(z.string(), z.unknown()),
    /** An existing app: its Service, Ingress and autoscaler stay in the YAML. */
    appId: z.string().trim().min(1).max(64).optional(),
  }),
  z.object({ direction: z.literal('toForm'), name: z.string().trim().max(63), namespace: z.string().trim().max(63), yaml: z.string().max(1_000_000) }),
]);

export const convertAppManifestAction = defineAction(convertAppManifestInput, async (actor, input) => {
  const signedIn = requireActor(actor);
  const ref = { name: input.name, namespace: input.namespace };
  if (input.direction === 'toForm') return { direction: 'toForm' as const, ...convertYamlToForm(ref, input.yaml) };
  let base = null;
  if (input.appId) {
    const [newest] = await listRevisions(signedIn, { appId: input.appId });
    base = newest ? (await getRevision(signedIn, { appId: input.appId, number: newest.number })).state : null;
  }
  return { direction: 'toYaml' as const, yaml: convertFormToYaml(ref, input.form as AppFormInput, base) };
});

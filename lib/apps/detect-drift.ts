// Drift: the fields changed on the cluster outside Berth (kubectl scale, edit, another tool),
// comparing the live objects with the current revision. VIEWER and up.
import { parseInput } from '@/lib/manifests/parse-input';
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { getKubeClients } from '@/lib/kube/client';
import { driftBetween, type DriftEntry } from '@/lib/manifests';
import { loadAppForView } from './app-scope';
import { readLiveObjects } from './apply-state';
import { appIdField } from './inputs';

export const detectDriftInput = z.object({ appId: appIdField });

export interface DriftReport {
  appId: string;
  revision: number | null;
  hasDrift: boolean;
  entries: DriftEntry[];
  checkedAt: string;
}

export async function detectDrift(actor: AnyActor | null, input: z.input<typeof detectDriftInput>): Promise<DriftReport> {
  const { appId } = parseInput(detectDriftInput, input);
  const app = await loadAppForView(actor, appId);
  const checkedAt = new Date().toISOString();
  const current = app.currentRevision;
  if (!current) return { appId: app.id, revision: null, hasDrift: false, entries: [], checkedAt };
  const live = await readLiveObjects(await getKubeClients(app.clusterId), [current.manifest]);
  const entries = driftBetween(current.manifest, live);
  return { appId: app.id, revision: current.number, hasDrift: entries.length > 0, entries, checkedAt };
}

// Lists a pasted kubeconfig's contexts so the admin can choose one. Reads nothing, writes nothing.
import { z } from 'zod';
import type { AnyActor } from '@/lib/access/actor';
import { requireAdmin } from '@/lib/access/require';
import { parseInput } from '@/lib/access/validate';
import { listKubeconfigContexts, type KubeconfigContexts } from '@/lib/kube/kubeconfig';
import { kubeconfigTextInput } from './cluster-input';

export const previewKubeconfigInput = z.object({ kubeconfig: kubeconfigTextInput });
export type PreviewKubeconfigInput = z.input<typeof previewKubeconfigInput>;

export async function previewKubeconfig(actor: AnyActor | null, input: PreviewKubeconfigInput): Promise<KubeconfigContexts> {
  requireAdmin(actor);
  const data = parseInput(previewKubeconfigInput, input);
  return listKubeconfigContexts(data.kubeconfig);
}

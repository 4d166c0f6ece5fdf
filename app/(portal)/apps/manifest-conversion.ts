// Form ⇄ YAML for the manifest editor. Pure lib/manifests calls: nothing reaches a cluster, nothing is
// stored; the operations re-validate whatever is finally submitted.
import { mergeFormState } from '@/lib/apps/deploy';
import { buildDesiredState, formFromState, parseManifests, stateToYaml, type AppForm, type AppFormInput, type DesiredState } from '@/lib/manifests';

export interface FormRecovered {
  form: AppForm | null;
  /** Why the YAML cannot be shown as the form (it uses something the form has no field for). */
  reason: string | null;
  /** Objects the YAML holds beyond what the form edits (Service, Ingress, autoscaler). */
  extras: string[];
}

const extraLabels = { service: 'Service', ingress: 'Ingress', hpa: 'autoscaler' } as const;

/** The YAML a form stands for; with `base` (an existing app's state) its Service/Ingress/HPA are kept. */
export function convertFormToYaml(ref: { name: string; namespace: string }, form: AppFormInput, base: DesiredState | null): string {
  const built = buildDesiredState(ref, { ...form, name: ref.name });
  return stateToYaml(base ? mergeFormState(base, built) : built);
}

export function convertYamlToForm(ref: { name: string; namespace: string }, yaml: string): FormRecovered {
  const state = parseManifests(yaml, ref);
  const recovered = formFromState(state);
  const extras = (Object.keys(extraLabels) as (keyof typeof extraLabels)[]).filter((key) => state[key]).map((key) => extraLabels[key]);
  if (recovered.form === null) return { form: null, reason: recovered.reason, extras };
  return { form: recovered.form, reason: null, extras };
}

export function recoverForm(state: DesiredState): { form: AppForm | null; reason: string | null } {
  const recovered = formFromState(state);
  return recovered.form === null ? { form: null, reason: recovered.reason } : { form: recovered.form, reason: null };
}

// lib/manifests: an app's desired state — build from the form, parse from YAML, label, normalize,
// compare. Pure functions: no I/O, no database, no cluster.
export * from './types';
export { appFormInput, type AppForm, type AppFormInput } from './app-form-input';
export { maxAppNameLength } from './field-schemas';
export {
  autoscaleInput,
  exposeInput,
  ingressInput,
  scaleInput,
  setImageInput,
  type AutoscaleForm,
  type AutoscaleInput,
  type ExposeForm,
  type ExposeInput,
  type IngressForm,
  type IngressInput,
  type ScaleInput,
  type SetImageInput,
} from './change-inputs';
export { buildDesiredState, claimNameFor, configMapNameFor } from './build';
export {
  annotationRestartedAt,
  withChangeCause,
  withHpa,
  withImage,
  withIngress,
  withoutHpa,
  withoutIngress,
  withoutService,
  withReplicas,
  withRestart,
  restartedAtOf,
  withService,
} from './builders';
export { labelState, type LabelOptions } from './labels';
export { parseManifests } from './parse-yaml';
export { objectToYaml, stateToYaml } from './render-yaml';
export { isSameState, normalizeObject, normalizeState } from './normalize';
export { parseInput } from './parse-input';
export { parseImageRef, type ImageRef } from './image-ref';
export { isSameQuantity, parseQuantity } from './quantity';
export { diffStates, type DiffOptions, type ObjectChange, type ObjectDiff, type StateDiff } from './diff';
export type { FieldChange } from './field-changes';
export type { Hunk } from './line-diff';
export { driftBetween, liveToState, type DriftEntry, type LiveObject, type LiveState } from './drift';
export { formFromState, type FormRecovery } from './form-from-state';

// State → form, so the editor can switch between the form and YAML without losing anything. The form is
// read off the objects and then proven: rebuilding from it must give back the same state, otherwise the
// YAML uses something the form cannot show and the UI stays in YAML mode.
import type { V1Container, V1Probe } from '@kubernetes/client-node';
import type { AppForm, ProbeForm } from './app-form-input';
import { buildDesiredState, configMapNameFor, dataVolumeName } from './build';
import { annotationRestartedAt, withHpa, withIngress, withService } from './builders';
import type { AutoscaleForm, ExposeForm, IngressForm } from './change-inputs';
import { compareFields } from './field-changes';
import { normalizeState, type Json } from './normalize';
import { annotationChangeCause, annotationRevision, labelManagedBy, labelName, managedKinds, ManifestError, type DesiredState } from './types';

export type FormRecovery =
  | { form: AppForm; expose?: ExposeForm; ingress?: IngressForm; autoscale?: AutoscaleForm }
  | { form: null; reason: string };

function readProbe(probe: V1Probe | undefined): ProbeForm | undefined {
  if (!probe) return undefined;
  const timing = {
    ...(probe.initialDelaySeconds !== undefined ? { initialDelaySeconds: probe.initialDelaySeconds } : {}),
    ...(probe.periodSeconds !== undefined ? { periodSeconds: probe.periodSeconds } : {}),
    ...(probe.timeoutSeconds !== undefined ? { timeoutSeconds: probe.timeoutSeconds } : {}),
    ...(probe.failureThreshold !== undefined ? { failureThreshold: probe.failureThreshold } : {}),
  };
  if (probe.httpGet && typeof probe.httpGet.port === 'number') return { type: 'http', path: probe.httpGet.path ?? '/', port: probe.httpGet.port, ...timing };
  if (probe.tcpSocket && typeof probe.tcpSocket.port === 'number') return { type: 'tcp', port: probe.tcpSocket.port, ...timing };
  return undefined;
}

function readResources(container: V1Container): AppForm['resources'] {
  const requests = container.resources?.requests ?? {};
  const limits = container.resources?.limits ?? {};
  if (Object.keys(requests).length === 0 && Object.keys(limits).length === 0) return undefined;
  const pick = (m: Record<string, string>) => ({ ...(m.cpu !== undefined ? { cpu: m.cpu } : {}), ...(m.memory !== undefined ? { memory: m.memory } : {}) });
  return { requests: pick(requests), limits: pick(limits) };
}

function readForm(state: DesiredState): AppForm {
  const deployment = state.deployment;
  const name = deployment.metadata?.name ?? '';
  const [main, ...others] = deployment.spec?.template?.spec?.containers ?? [];
  const envFromName = main?.envFrom?.[0]?.configMapRef?.name;
  const pvcVolume = deployment.spec?.template?.spec?.volumes?.find((v) => v.name === dataVolumeName);
  const mount = main?.volumeMounts?.find((m) => m.name === dataVolumeName);
  const pvc = state.pvc;
  const rollingUpdate = deployment.spec?.strategy?.rollingUpdate;
  const form: AppForm = {
    name,
    image: main?.image ?? '',
    replicas: deployment.spec?.replicas ?? state.hpa?.spec?.minReplicas ?? 1,
    env: (main?.env ?? []).map((e) => ({ name: e.name, value: e.value ?? '' })),
    sidecars: others.map((c) => ({ name: c.name, image: c.image ?? '', ...(c.ports?.[0] ? { port: c.ports[0].containerPort } : {}) })),
  };
  if (main?.ports?.[0]) form.containerPort = main.ports[0].containerPort;
  if (envFromName !== undefined) {
    form.envFrom =
      envFromName === configMapNameFor(name) && state.configMap
        ? { mode: 'create', data: Object.entries(state.configMap.data ?? {}).map(([key, value]) => ({ key, value })) }
        : { mode: 'existing', name: envFromName };
  }
  if (main) form.resources = readResources(main);
  form.livenessProbe = readProbe(main?.livenessProbe);
  form.readinessProbe = readProbe(main?.readinessProbe);
  if (rollingUpdate) {
    form.rollingUpdate = {
      ...(rollingUpdate.maxSurge !== undefined ? { maxSurge: rollingUpdate.maxSurge } : {}),
      ...(rollingUpdate.maxUnavailable !== undefined ? { maxUnavailable: rollingUpdate.maxUnavailable } : {}),
    };
  }
  if (pvc && pvcVolume?.persistentVolumeClaim && mount) {
    form.volume = {
      claimName: pvcVolume.persistentVolumeClaim.claimName,
      size: pvc.spec?.resources?.requests?.storage ?? '',
      accessMode: (pvc.spec?.accessModes?.[0] ?? 'ReadWriteOnce') as NonNullable<AppForm['volume']>['accessMode'],
      mountPath: mount.mountPath,
      ...(pvc.spec?.storageClassName !== undefined ? { storageClassName: pvc.spec.storageClassName } : {}),
    };
  }
  const cause = deployment.metadata?.annotations?.[annotationChangeCause];
  if (cause !== undefined) form.changeCause = cause;
  for (const key of Object.keys(form) as (keyof AppForm)[]) if (form[key] === undefined) delete form[key];
  return form;
}

function readExpose(state: DesiredState): ExposeForm | undefined {
  const spec = state.service?.spec;
  if (!spec) return undefined;
  return {
    type: (spec.type ?? 'ClusterIP') as ExposeForm['type'],
    ports: (spec.ports ?? []).map((p) => ({
      port: p.port,
      protocol: (p.protocol ?? 'TCP') as ExposeForm['ports'][number]['protocol'],
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
      ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    })),
  };
}

function readIngress(state: DesiredState): IngressForm | undefined {
  const spec = state.ingress?.spec;
  if (!spec) return undefined;
  const rule = spec.rules?.[0];
  const path = rule?.http?.paths?.[0];
  const port = path?.backend?.service?.port;
  return {
    path: path?.path ?? '/',
    pathType: (path?.pathType ?? 'Prefix') as IngressForm['pathType'],
    servicePort: port?.number ?? port?.name ?? 0,
    ...(rule?.host !== undefined ? { host: rule.host } : {}),
    ...(spec.tls?.[0]?.secretName !== undefined ? { tlsSecretName: spec.tls[0].secretName } : {}),
    ...(spec.ingressClassName !== undefined ? { ingressClassName: spec.ingressClassName } : {}),
  };
}

function readAutoscale(state: DesiredState): AutoscaleForm | undefined {
  const spec = state.hpa?.spec;
  if (!spec) return undefined;
  return {
    minReplicas: spec.minReplicas ?? 1,
    maxReplicas: spec.maxReplicas,
    cpuUtilization: spec.metrics?.[0]?.resource?.target?.averageUtilization ?? 80,
  };
}

/** Berth's own labels and annotations (labelState adds them on every deploy) are not part of what the form shows. */
function withoutBookkeeping(state: DesiredState): DesiredState {
  const next = normalizeState(state);
  for (const { key } of managedKinds) {
    const object = next[key];
    if (!object?.metadata) continue;
    if (object.metadata.labels) {
      delete object.metadata.labels[labelManagedBy];
      delete object.metadata.labels[labelName];
    }
    if (object.metadata.annotations) delete object.metadata.annotations[annotationRevision];
  }
  const templateLabels = next.deployment.spec?.template?.metadata?.labels;
  if (templateLabels) delete templateLabels[labelManagedBy];
  // A restart stamp is not form input; the caller carries it over (see README) so a deploy does not roll pods.
  const templateAnnotations = next.deployment.spec?.template?.metadata?.annotations;
  if (templateAnnotations) delete templateAnnotations[annotationRestartedAt];
  return normalizeState(next);
}

/**
 * Recovers the form (and the expose, ingress and autoscale inputs) a state was built from, or
 * `{ form: null, reason }` when the state uses something the form cannot express.
 */
export function formFromState(state: DesiredState): FormRecovery {
  const form = readForm(state);
  const expose = readExpose(state);
  const ingress = readIngress(state);
  const autoscale = readAutoscale(state);
  const ref = { name: form.name, namespace: state.deployment.metadata?.namespace ?? '' };
  let rebuilt: DesiredState;
  try {
    rebuilt = buildDesiredState(ref, form);
    if (!ref.namespace) for (const { key } of managedKinds) if (rebuilt[key]?.metadata) delete rebuilt[key].metadata.namespace;
    if (expose) rebuilt = withService(rebuilt, expose);
    if (ingress) rebuilt = withIngress(rebuilt, ingress);
    if (autoscale) rebuilt = withHpa(rebuilt, autoscale);
  } catch (error) {
    if (error instanceof ManifestError) return { form: null, reason: `The form cannot show this state: ${error.message}` };
    throw error;
  }
  const a = withoutBookkeeping(rebuilt);
  const b = withoutBookkeeping(state);
  const differences = managedKinds.flatMap(({ key, kind }) =>
    compareFields(a[key] as unknown as Json, b[key] as unknown as Json).map((c) => `${kind} ${c.path || '(whole object)'}`),
  );
  if (differences.length > 0) {
    const shown = differences.slice(0, 3).join(', ');
    return { form: null, reason: `The form cannot express: ${shown}${differences.length > 3 ? ` and ${differences.length - 3} more` : ''}` };
  }
  return { form, ...(expose ? { expose } : {}), ...(ingress ? { ingress } : {}), ...(autoscale ? { autoscale } : {}) };
}

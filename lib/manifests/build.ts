// Form input → the Deployment (and its ConfigMap and PVC). Only fields the user chose are written:
// everything else is left to the API server's defaults, so the applied object stays small and
// server-side apply does not claim ownership of fields Berth never meant to set.
import type { V1ConfigMap, V1Container, V1Deployment, V1PersistentVolumeClaim, V1Probe, V1ResourceRequirements } from '@kubernetes/client-node';
import { appFormInput, type AppForm, type AppFormInput, type ProbeForm } from './app-form-input';
import { parseInput } from './parse-input';
import { annotationChangeCause, labelName, ManifestError, type AppRef, type DesiredState } from './types';

/** The pod volume name Berth uses for the form's PVC; formFromState recognises it by this name. */
export const dataVolumeName = 'data';

export function configMapNameFor(app: string): string {
  return `${app}-config`;
}

export function claimNameFor(app: string): string {
  return `${app}-data`;
}

function buildProbe(probe: ProbeForm): V1Probe {
  const out: V1Probe =
    probe.type === 'http' ? { httpGet: { path: probe.path, port: probe.port } } : { tcpSocket: { port: probe.port } };
  if (probe.initialDelaySeconds !== undefined) out.initialDelaySeconds = probe.initialDelaySeconds;
  if (probe.periodSeconds !== undefined) out.periodSeconds = probe.periodSeconds;
  if (probe.timeoutSeconds !== undefined) out.timeoutSeconds = probe.timeoutSeconds;
  if (probe.failureThreshold !== undefined) out.failureThreshold = probe.failureThreshold;
  return out;
}

function buildResources(form: AppForm): V1ResourceRequirements | undefined {
  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  for (const key of ['cpu', 'memory'] as const) {
    const request = form.resources?.requests[key];
    const limit = form.resources?.limits[key];
    if (request !== undefined) requests[key] = request;
    if (limit !== undefined) limits[key] = limit;
  }
  const out: V1ResourceRequirements = {};
  if (Object.keys(requests).length > 0) out.requests = requests;
  if (Object.keys(limits).length > 0) out.limits = limits;
  return Object.keys(out).length > 0 ? out : undefined;
}

function buildMainContainer(form: AppForm): V1Container {
  const container: V1Container = { name: form.name, image: form.image };
  if (form.containerPort !== undefined) container.ports = [{ containerPort: form.containerPort }];
  if (form.env.length > 0) container.env = form.env.map(({ name, value }) => ({ name, value }));
  if (form.envFrom) {
    const name = form.envFrom.mode === 'create' ? configMapNameFor(form.name) : form.envFrom.name;
    container.envFrom = [{ configMapRef: { name } }];
  }
  const resources = buildResources(form);
  if (resources) container.resources = resources;
  if (form.livenessProbe) container.livenessProbe = buildProbe(form.livenessProbe);
  if (form.readinessProbe) container.readinessProbe = buildProbe(form.readinessProbe);
  if (form.volume) container.volumeMounts = [{ name: dataVolumeName, mountPath: form.volume.mountPath }];
  return container;
}

function buildDeployment(ref: AppRef, form: AppForm): V1Deployment {
  const sidecars: V1Container[] = form.sidecars.map((sc) => ({
    name: sc.name,
    image: sc.image,
    ...(sc.port !== undefined ? { ports: [{ containerPort: sc.port }] } : {}),
  }));
  const selector = { [labelName]: ref.name };
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: ref.name, namespace: ref.namespace, labels: { ...selector } },
    spec: {
      replicas: form.replicas,
      selector: { matchLabels: { ...selector } },
      template: {
        metadata: { labels: { ...selector } },
        spec: { containers: [buildMainContainer(form), ...sidecars] },
      },
    },
  };
  if (form.changeCause) deployment.metadata!.annotations = { [annotationChangeCause]: form.changeCause };
  if (form.rollingUpdate && (form.rollingUpdate.maxSurge !== undefined || form.rollingUpdate.maxUnavailable !== undefined)) {
    const rollingUpdate: { maxSurge?: number | string; maxUnavailable?: number | string } = {};
    if (form.rollingUpdate.maxSurge !== undefined) rollingUpdate.maxSurge = form.rollingUpdate.maxSurge;
    if (form.rollingUpdate.maxUnavailable !== undefined) rollingUpdate.maxUnavailable = form.rollingUpdate.maxUnavailable;
    deployment.spec!.strategy = { type: 'RollingUpdate', rollingUpdate };
  }
  if (form.volume) {
    deployment.spec!.template.spec!.volumes = [
      { name: dataVolumeName, persistentVolumeClaim: { claimName: form.volume.claimName ?? claimNameFor(ref.name) } },
    ];
  }
  return deployment;
}

function buildConfigMap(ref: AppRef, data: { key: string; value: string }[]): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: configMapNameFor(ref.name), namespace: ref.namespace, labels: { [labelName]: ref.name } },
    data: Object.fromEntries(data.map(({ key, value }) => [key, value])),
  };
}

function buildPvc(ref: AppRef, volume: NonNullable<AppForm['volume']>): V1PersistentVolumeClaim {
  const pvc: V1PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: volume.claimName ?? claimNameFor(ref.name), namespace: ref.namespace, labels: { [labelName]: ref.name } },
    spec: { accessModes: [volume.accessMode], resources: { requests: { storage: volume.size } } },
  };
  if (volume.storageClassName !== undefined) pvc.spec!.storageClassName = volume.storageClassName;
  return pvc;
}

/**
 * Builds the desired state of an app from the form. Throws a ManifestError (INVALID_INPUT) listing every
 * problem with the input. Service, Ingress and HPA are added afterwards with withService/withIngress/withHpa.
 */
export function buildDesiredState(ref: AppRef, input: AppFormInput): DesiredState {
  const form = parseInput(appFormInput, input);
  if (form.name !== ref.name) {
    throw new ManifestError([{ path: 'name', message: `App name "${form.name}" does not match the app being deployed ("${ref.name}")` }]);
  }
  const state: DesiredState = { deployment: buildDeployment(ref, form) };
  if (form.envFrom?.mode === 'create') state.configMap = buildConfigMap(ref, form.envFrom.data);
  if (form.volume) state.pvc = buildPvc(ref, form.volume);
  return state;
}

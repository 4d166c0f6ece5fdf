// PodSpec and PodTemplateSpec defaulting as pkg/apis/core/v1/defaults.go does it (SetDefaults_PodSpec,
// SetDefaults_Container, probes, ports, volumes), plus the pod-only extras (SetDefaults_Pod).
import { asObject, asObjects, ensureObject, isObject, setDefault, setDefaultString, type JsonObject } from './json';

/** The tag parsers.ParseImageName reports: "latest" when neither tag nor digest is given. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const nameAndTag = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = nameAndTag.lastIndexOf('/');
  const lastColon = nameAndTag.lastIndexOf(':');
  const tag = lastColon > lastSlash ? nameAndTag.slice(lastColon + 1) : '';
  if (!tag && at < 0) return 'latest';
  return tag;
}

function defaultProbe(probe: unknown): void {
  if (!isObject(probe)) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  defaultHandler(probe);
}

function defaultHandler(handler: unknown): void {
  if (!isObject(handler)) return;
  const httpGet = asObject(handler.httpGet);
  if (httpGet) {
    setDefaultString(httpGet, 'path', '/');
    setDefaultString(httpGet, 'scheme', 'HTTP');
  }
  const grpc = asObject(handler.grpc);
  if (grpc) setDefault(grpc, 'service', '');
}

function defaultEnv(env: unknown): void {
  for (const e of asObjects(env)) {
    const fieldRef = asObject(asObject(e.valueFrom)?.fieldRef);
    if (fieldRef) setDefaultString(fieldRef, 'apiVersion', 'v1');
  }
}

function defaultContainer(c: JsonObject): void {
  if (typeof c.imagePullPolicy !== 'string' || !c.imagePullPolicy) {
    c.imagePullPolicy = imageTag(typeof c.image === 'string' ? c.image : '') === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefaultString(c, 'terminationMessagePath', '/dev/termination-log');
  setDefaultString(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'resources', {});
  for (const p of asObjects(c.ports)) setDefaultString(p, 'protocol', 'TCP');
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lifecycle = asObject(c.lifecycle);
  if (lifecycle) {
    defaultHandler(lifecycle.postStart);
    defaultHandler(lifecycle.preStop);
  }
  defaultEnv(c.env);
}

const defaultModeSources = ['configMap', 'secret', 'downwardAPI', 'projected'];
const volumeSources = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
];

function defaultVolume(v: JsonObject): void {
  if (!volumeSources.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const source of defaultModeSources) {
    const src = asObject(v[source]);
    if (src) setDefault(src, 'defaultMode', 420);
  }
  const hostPath = asObject(v.hostPath);
  if (hostPath) setDefault(hostPath, 'type', '');
}

/** SetDefaults_PodSpec and the container/volume defaults, for both pods and pod templates. */
export function defaultPodSpec(spec: JsonObject): void {
  setDefaultString(spec, 'dnsPolicy', 'ClusterFirst');
  setDefaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefaultString(spec, 'schedulerName', 'default-scheduler');
  // The deprecated serviceAccount field mirrors serviceAccountName in v1 (conversion does this).
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else if (typeof spec.serviceAccount === 'string' && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  for (const c of [...asObjects(spec.initContainers), ...asObjects(spec.containers), ...asObjects(spec.ephemeralContainers)]) {
    defaultContainer(c);
  }
  for (const v of asObjects(spec.volumes)) defaultVolume(v);
  if (spec.hostNetwork === true) {
    for (const c of [...asObjects(spec.initContainers), ...asObjects(spec.containers)]) {
      for (const p of asObjects(c.ports)) if (p.hostPort === undefined) p.hostPort = p.containerPort;
    }
  }
}

/**
 * A pod template gets PodSpec defaults. Its metadata serializes with `creationTimestamp: null`, as Go's
 * non-pointer metav1.Time does on 1.31-era servers (`kubectl get deploy -o yaml` shows it).
 */
export function defaultPodTemplate(template: JsonObject): void {
  const meta = ensureObject(template, 'metadata');
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  defaultPodSpec(ensureObject(template, 'spec'));
}

/** SetDefaults_Pod: requests default to limits; service links on. Pods only, not templates. */
export function defaultPodOnly(spec: JsonObject): void {
  for (const c of [...asObjects(spec.initContainers), ...asObjects(spec.containers)]) {
    const resources = asObject(c.resources);
    const limits = asObject(resources?.limits);
    if (!resources || !limits || Object.keys(limits).length === 0) continue;
    const requests = ensureObject(resources, 'requests');
    for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
  }
  setDefault(spec, 'enableServiceLinks', true);
}

// Later changes to a state. Each returns a new state and leaves its argument untouched; each validates
// its input and throws a ManifestError (INVALID_INPUT) with a message fit for the user.
import type { V1HTTPIngressPath, V1IngressTLS, V1Service, V1ServicePort, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { autoscaleInput, changeCauseInput, exposeInput, ingressInput, scaleInput, setImageInput, type AutoscaleInput, type ExposeInput, type IngressInput, type SetImageInput } from './change-inputs';
import { parseInput } from './parse-input';
import { annotationChangeCause, labelName, ManifestError, type DesiredState } from './types';

export const annotationRestartedAt = 'kubectl.kubernetes.io/restartedAt';

function fail(path: string, message: string): never {
  throw new ManifestError([{ path, message }]);
}

function appNameOf(state: DesiredState): string {
  return state.deployment.metadata?.name ?? '';
}

function selectorOf(state: DesiredState): Record<string, string> {
  return { ...(state.deployment.spec?.selector?.matchLabels ?? { [labelName]: appNameOf(state) }) };
}

function baseMetadata(state: DesiredState) {
  return {
    name: appNameOf(state),
    ...(state.deployment.metadata?.namespace ? { namespace: state.deployment.metadata.namespace } : {}),
    labels: { [labelName]: state.deployment.metadata?.labels?.[labelName] ?? appNameOf(state) },
  };
}

function containersOf(state: DesiredState) {
  return state.deployment.spec?.template?.spec?.containers ?? [];
}

/** `kubectl set image`: a new image for one container (the first, i.e. the app's own, by default). */
export function withImage(state: DesiredState, input: SetImageInput): DesiredState {
  const { container, image } = parseInput(setImageInput, input);
  const next = structuredClone(state);
  const containers = containersOf(next);
  const target = container === undefined ? containers[0] : containers.find((c) => c.name === container);
  if (!target) {
    fail('container', `Container "${container ?? ''}" not found; the pod has ${containers.map((c) => `"${c.name}"`).join(', ') || 'no containers'}`);
  }
  target.image = image;
  return next;
}

/** Sets spec.replicas. Refused while an HPA owns the replica count: the two would fight. */
export function withReplicas(state: DesiredState, replicas: number | string): DesiredState {
  const parsed = parseInput(scaleInput, { replicas });
  if (state.hpa) {
    fail('replicas', `Replicas are managed by the HorizontalPodAutoscaler "${state.hpa.metadata?.name ?? ''}" (min ${state.hpa.spec?.minReplicas ?? 1}, max ${state.hpa.spec?.maxReplicas}); change or remove the autoscaler instead`);
  }
  const next = structuredClone(state);
  next.deployment.spec = { ...next.deployment.spec!, replicas: parsed.replicas };
  return next;
}

/** The Service in front of the app (named like the app, selecting its pods): ClusterIP, NodePort or LoadBalancer. */
export function withService(state: DesiredState, input: ExposeInput): DesiredState {
  const expose = parseInput(exposeInput, input);
  const containerPortNames = new Set(containersOf(state).flatMap((c) => (c.ports ?? []).map((p) => p.name).filter((n): n is string => !!n)));
  expose.ports.forEach((p, i) => {
    if (typeof p.targetPort === 'string' && !containerPortNames.has(p.targetPort)) {
      fail(`ports.${i}.targetPort`, `Target port "${p.targetPort}" is not the name of a container port of the app`);
    }
  });
  const ports: V1ServicePort[] = expose.ports.map((p) => {
    const port: V1ServicePort = { port: p.port, protocol: p.protocol };
    if (p.name !== undefined) port.name = p.name;
    if (p.targetPort !== undefined) port.targetPort = p.targetPort;
    if (p.nodePort !== undefined) port.nodePort = p.nodePort;
    return port;
  });
  const service: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: baseMetadata(state),
    spec: { type: expose.type, selector: selectorOf(state), ports },
  };
  const next = structuredClone(state);
  next.service = service;
  const routed = ingressBackendPort(next);
  if (routed !== undefined) checkIngressBackend(next, routed);
  return next;
}

export function withoutService(state: DesiredState): DesiredState {
  if (state.ingress) fail('service', 'Remove the Ingress first: it routes traffic to this Service');
  const next = structuredClone(state);
  delete next.service;
  return next;
}

function ingressBackendPort(state: DesiredState): number | string | undefined {
  const port = state.ingress?.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service?.port;
  return port?.number ?? port?.name;
}

function checkIngressBackend(state: DesiredState, servicePort: number | string): void {
  const service = state.service;
  if (!service) fail('servicePort', 'Expose the app with a Service before adding an Ingress');
  const ports = service.spec?.ports ?? [];
  const matches = ports.some((p) => (typeof servicePort === 'number' ? p.port === servicePort : p.name === servicePort));
  if (!matches) {
    const list = ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ');
    fail('servicePort', `Service port ${typeof servicePort === 'number' ? servicePort : `"${servicePort}"`} is not a port of Service "${service.metadata?.name ?? ''}" (ports: ${list})`);
  }
}

/** One host/path rule routing to the app's Service, optionally with TLS from an existing Secret. */
export function withIngress(state: DesiredState, input: IngressInput): DesiredState {
  const ingress = parseInput(ingressInput, input);
  checkIngressBackend(state, ingress.servicePort);
  const path: V1HTTPIngressPath = {
    path: ingress.path ?? '/',
    pathType: ingress.pathType,
    backend: {
      service: {
        name: state.service!.metadata!.name!,
        port: typeof ingress.servicePort === 'number' ? { number: ingress.servicePort } : { name: ingress.servicePort },
      },
    },
  };
  const next = structuredClone(state);
  next.ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: baseMetadata(state),
    spec: {
      ...(ingress.ingressClassName ? { ingressClassName: ingress.ingressClassName } : {}),
      rules: [{ ...(ingress.host ? { host: ingress.host } : {}), http: { paths: [path] } }],
    },
  };
  if (ingress.tlsSecretName) {
    const tls: V1IngressTLS = { secretName: ingress.tlsSecretName };
    if (ingress.host) tls.hosts = [ingress.host];
    next.ingress.spec!.tls = [tls];
  }
  return next;
}

export function withoutIngress(state: DesiredState): DesiredState {
  const next = structuredClone(state);
  delete next.ingress;
  return next;
}

/**
 * An autoscaling/v2 HPA on CPU utilization. The Deployment loses spec.replicas: if Berth kept applying a
 * replica count, every deploy would reset what the autoscaler chose (Kubernetes docs, "Migrating
 * Deployments and StatefulSets to horizontal autoscaling").
 */
export function withHpa(state: DesiredState, input: AutoscaleInput): DesiredState {
  const scale = parseInput(autoscaleInput, input);
  const hpa: V2HorizontalPodAutoscaler = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: baseMetadata(state),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: appNameOf(state) },
      minReplicas: scale.minReplicas,
      maxReplicas: scale.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scale.cpuUtilization } } }],
    },
  };
  const next = structuredClone(state);
  next.hpa = hpa;
  if (next.deployment.spec) delete next.deployment.spec.replicas;
  return next;
}

/** Removes the HPA and pins the replica count again (default: the HPA's minimum, so nothing scales up by surprise). */
export function withoutHpa(state: DesiredState, replicas?: number): DesiredState {
  const count = replicas ?? state.hpa?.spec?.minReplicas ?? state.deployment.spec?.replicas ?? 1;
  const next = structuredClone(state);
  delete next.hpa;
  return withReplicas(next, count);
}

/** The reason shown by `kubectl rollout history`; an empty cause removes the annotation. */
export function withChangeCause(state: DesiredState, changeCause: string | undefined): DesiredState {
  const cause = parseInput(changeCauseInput, changeCause);
  const next = structuredClone(state);
  const metadata = (next.deployment.metadata ??= {});
  const annotations = { ...(metadata.annotations ?? {}) };
  if (cause === undefined) delete annotations[annotationChangeCause];
  else annotations[annotationChangeCause] = cause;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return next;
}

/**
 * `kubectl rollout restart`: stamps the pod template with `kubectl.kubernetes.io/restartedAt` (RFC 3339,
 * as kubectl writes it), so the template changes and the Deployment rolls every pod. Keeping the stamp
 * in the desired state means the next deploy does not undo the restart, and drift does not report it.
 */
export function withRestart(state: DesiredState, at: Date): DesiredState {
  const next = structuredClone(state);
  const spec = next.deployment.spec;
  if (!spec) fail('deployment', 'The Deployment has no pod template to restart');
  const metadata = (spec.template.metadata ??= {});
  metadata.annotations = { ...(metadata.annotations ?? {}), [annotationRestartedAt]: at.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return next;
}

/** The restart stamp of a state, to carry over into a state rebuilt from the form. */
export function restartedAtOf(state: DesiredState): Date | undefined {
  const stamp = state.deployment.spec?.template?.metadata?.annotations?.[annotationRestartedAt];
  const at = stamp === undefined ? undefined : new Date(stamp);
  return at && !Number.isNaN(at.getTime()) ? at : undefined;
}

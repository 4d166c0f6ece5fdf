// What a kubelet would report for a pod, as a pure function of cluster time since the pod was bound
// to a node. The failure rules (documented in pods.ts and lib/sandbox/README.md) pick a behaviour per
// container; everything else follows upstream's kubelet timings, compressed by the clock.
import type { Container, ContainerState, ContainerStatus, Pod } from './objects';

export type ContainerBehaviour = 'ok' | 'pull-error' | 'crash' | 'never-ready' | 'liveness-fail';

/** Cluster seconds an image pull takes before the container is created. */
export const PULL_SECONDS = 1;
/** Cluster seconds a crash-looping container runs before it exits with code 1. */
export const CRASH_RUN_SECONDS = 2;
/** Kubelet back-off: 10 s doubling to a 300 s cap (image pulls and container restarts alike). */
export function backoffSeconds(attempt: number): number {
  return Math.min(300, 10 * 2 ** attempt);
}

const PULL_FAILURE_TAGS = new Set(['doesnotexist', 'broken', 'invalid', 'notfound', 'does-not-exist']);
const TRUTHY = new Set(['1', 'true', 'yes']);

function envValue(c: Container, name: string): string | undefined {
  return c.env?.find((e) => e.name === name)?.value;
}

export function splitImage(image: string): { repo: string; tag: string } {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: at >= 0 ? '' : 'latest' };
}

export function containerBehaviour(c: Container): ContainerBehaviour {
  const { repo, tag } = splitImage(c.image ?? '');
  if (!c.image || PULL_FAILURE_TAGS.has(tag.toLowerCase()) || /invalid|doesnotexist|does-not-exist/i.test(repo)) return 'pull-error';
  if (tag.toLowerCase() === 'crashloop' || TRUTHY.has((envValue(c, 'SANDBOX_CRASH') ?? '').toLowerCase())) return 'crash';
  if (TRUTHY.has((envValue(c, 'SANDBOX_NEVER_READY') ?? '').toLowerCase()) || c.readinessProbe?.httpGet?.path === '/never-ready') return 'never-ready';
  if (TRUTHY.has((envValue(c, 'SANDBOX_LIVENESS_FAIL') ?? '').toLowerCase()) || c.livenessProbe?.httpGet?.path === '/fail-liveness') return 'liveness-fail';
  return 'ok';
}

/** The kubelet's pull policy default: Always for :latest or untagged images, else IfNotPresent. */
export function pullPolicy(c: Container): string {
  const policy = c.imagePullPolicy;
  if (typeof policy === 'string' && policy) return policy;
  const image = c.image ?? '';
  return !image.includes('@') && splitImage(image).tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The fully qualified reference containerd reports, e.g. docker.io/library/nginx:1.25. */
export function qualifiedImage(image: string): string {
  const first = image.split('/')[0];
  const hasRegistry = image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let ref = hasRegistry ? image : image.includes('/') ? `docker.io/${image}` : `docker.io/library/${image}`;
  if (!ref.includes('@') && splitImage(ref).tag === 'latest' && !ref.slice(ref.lastIndexOf('/')).includes(':')) ref += ':latest';
  return ref;
}

export function hex64(seed: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    h = Math.imul(h ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

export interface SimEvent {
  at: number;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  fieldPath: string;
}

export interface ContainerSim {
  status: ContainerStatus;
  /** Cluster time of the next change of this container's state, if any. */
  next?: number;
  events: SimEvent[];
}

/**
 * Simulates one container `t` cluster seconds after binding. `wall(t)` converts cluster time to an
 * RFC3339 wall-clock time. `imagePresent`: the node already has the image and the pull policy lets the
 * kubelet use it, so there is no pull.
 */
export function simulateContainer(pod: Pod, c: Container, t: number, wall: (t: number) => string, imagePresent = false): ContainerSim {
  const behaviour = containerBehaviour(c);
  const image = c.image ?? '';
  const qualified = qualifiedImage(image);
  const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  const fieldPath = `spec.containers{${c.name}}`;
  const ev = (at: number, type: SimEvent['type'], reason: string, message: string): SimEvent => ({ at, type, reason, message, fieldPath });
  const base = { name: c.name, image: qualified, imageID: '', started: false, ready: false, restartCount: 0 };
  const present = imagePresent && behaviour !== 'pull-error';
  const events: SimEvent[] = present ? [] : [ev(0, 'Normal', 'Pulling', `Pulling image "${image}"`)];
  const containerID = (n: number) => `containerd://${hex64(`${pod.metadata.uid}/${c.name}/${n}`)}`;
  const imageID = `${splitImage(qualified).repo}@sha256:${hex64(qualified)}`;

  if (t < PULL_SECONDS && behaviour !== 'pull-error') {
    return { status: { ...base, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} }, next: PULL_SECONDS, events };
  }

  if (behaviour === 'pull-error') {
    const reason = `rpc error: code = NotFound desc = failed to pull and unpack image "${qualified}": failed to resolve reference "${qualified}": ${qualified}: not found`;
    let attemptAt = 0;
    let attempt = 0;
    let state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
    let next: number | undefined = PULL_SECONDS;
    for (;;) {
      if (attempt > 0) events.push(ev(attemptAt, 'Normal', 'Pulling', `Pulling image "${image}"`));
      const failedAt = attemptAt + PULL_SECONDS;
      if (t < failedAt) {
        next = failedAt;
        break;
      }
      events.push(ev(failedAt, 'Warning', 'Failed', `Failed to pull image "${image}": ${reason}`));
      events.push(ev(failedAt, 'Warning', 'Failed', 'Error: ErrImagePull'));
      state = { waiting: { reason: 'ErrImagePull', message: reason } };
      const backoffAt = failedAt + 1;
      if (t < backoffAt) {
        next = backoffAt;
        break;
      }
      events.push(ev(backoffAt, 'Normal', 'BackOff', `Back-off pulling image "${image}"`));
      events.push(ev(backoffAt, 'Warning', 'Failed', 'Error: ImagePullBackOff'));
      state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` } };
      const retryAt = failedAt + backoffSeconds(attempt);
      if (t < retryAt) {
        next = retryAt;
        break;
      }
      attemptAt = retryAt;
      attempt++;
    }
    return { status: { ...base, state, lastState: {} }, next, events };
  }

  // A made-up but stable image size, like the kubelet's (1.30+) Pulled message reports.
  const imageSize = 10_000_000 + (parseInt(hex64(qualified).slice(0, 8), 16) % 90_000_000);
  events.push(
    ev(PULL_SECONDS, 'Normal', 'Pulled', present ? `Container image "${image}" already present on machine` : `Successfully pulled image "${image}" in 1s (1s including waiting). Image size: ${imageSize} bytes.`),
  );
  events.push(ev(PULL_SECONDS, 'Normal', 'Created', `Created container: ${c.name}`));
  events.push(ev(PULL_SECONDS, 'Normal', 'Started', `Started container ${c.name}`));
  const withImage = { ...base, imageID };

  const readiness = c.readinessProbe;
  const readyDelay = readiness ? Math.max(0, readiness.initialDelaySeconds ?? 0) : 0;

  if (behaviour === 'crash' || behaviour === 'liveness-fail') {
    // Crash: exits with 1 after 2 s, never ready. Liveness failure: ready as usual until the liveness
    // probe has failed failureThreshold times, then killed (137) by the kubelet. Both restart with back-off.
    const live = c.livenessProbe;
    const runFor = behaviour === 'crash' ? CRASH_RUN_SECONDS : Math.max(0, live?.initialDelaySeconds ?? 0) + Math.max(1, live?.periodSeconds ?? 10) * Math.max(1, live?.failureThreshold ?? 3);
    const exitCode = behaviour === 'crash' ? 1 : 137;
    let startedAt = PULL_SECONDS;
    let restarts = 0;
    let lastState: ContainerState = {};
    for (;;) {
      const exitAt = startedAt + runFor;
      if (t < exitAt) {
        const state: ContainerState = { running: { startedAt: wall(startedAt) } };
        const readyAt = startedAt + readyDelay;
        const ready = behaviour === 'liveness-fail' && t >= readyAt;
        const next = behaviour === 'liveness-fail' && !ready ? readyAt : exitAt;
        return { status: { ...withImage, containerID: containerID(restarts), started: true, ready, restartCount: restarts, state, lastState }, next, events };
      }
      const terminated = { exitCode, reason: 'Error', startedAt: wall(startedAt), finishedAt: wall(exitAt), containerID: containerID(restarts) };
      if (behaviour === 'liveness-fail') {
        events.push(ev(exitAt, 'Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500'));
        events.push(ev(exitAt, 'Normal', 'Killing', `Container ${c.name} failed liveness probe, will be restarted`));
      }
      if (pod.spec.restartPolicy === 'Never') {
        return { status: { ...withImage, containerID: containerID(restarts), started: false, restartCount: 0, state: { terminated }, lastState: {} }, events };
      }
      const backoff = backoffSeconds(restarts);
      const restartAt = exitAt + backoff;
      events.push(ev(exitAt, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${podRef}`));
      if (t < restartAt) {
        const state: ContainerState = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${backoff}s restarting failed container=${c.name} pod=${podRef}` } };
        return { status: { ...withImage, containerID: containerID(restarts), restartCount: restarts + 1, state, lastState: { terminated } }, next: restartAt, events };
      }
      restarts++;
      lastState = { terminated };
      startedAt = restartAt;
      events.push(ev(restartAt, 'Normal', 'Pulled', `Container image "${image}" already present on machine`));
      events.push(ev(restartAt, 'Normal', 'Created', `Created container: ${c.name}`));
      events.push(ev(restartAt, 'Normal', 'Started', `Started container ${c.name}`));
    }
  }

  const running: ContainerState = { running: { startedAt: wall(PULL_SECONDS) } };
  const status = { ...withImage, containerID: containerID(0), started: true, state: running, lastState: {} };
  const readyAt = PULL_SECONDS + readyDelay;
  if (behaviour === 'never-ready') {
    const failAt = readyAt + Math.max(1, readiness?.periodSeconds ?? 10) * Math.max(1, readiness?.failureThreshold ?? 3);
    if (t >= failAt) events.push(ev(failAt, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503'));
    return { status, next: t < failAt ? failAt : undefined, events };
  }
  if (t < readyAt) return { status, next: readyAt, events };
  return { status: { ...status, ready: true }, events };
}

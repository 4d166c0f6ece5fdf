import { describe, expect, it } from 'vitest';
import type { Container, Pod } from './objects';
import { backoffSeconds, containerBehaviour, pullPolicy, qualifiedImage, simulateContainer } from './pod-sim';

const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'u1' }, spec: { containers: [] } };
const wall = (t: number) => new Date(Date.UTC(2026, 0, 1) + t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const sim = (c: Container, t: number) => simulateContainer(pod, c, t, wall);

describe('failure rules', () => {
  it.each([
    ['nginx:1.25', undefined, 'ok'],
    ['nginx', undefined, 'ok'],
    ['nginx:doesnotexist', undefined, 'pull-error'],
    ['nginx:broken', undefined, 'pull-error'],
    ['registry.example.com/team/invalid-app:1.0', undefined, 'pull-error'],
    ['localhost:5000/app:notfound', undefined, 'pull-error'],
    ['busybox:crashloop', undefined, 'crash'],
    ['busybox:1.36', [{ name: 'SANDBOX_CRASH', value: '1' }], 'crash'],
    ['nginx:1.25', [{ name: 'SANDBOX_NEVER_READY', value: 'true' }], 'never-ready'],
    ['nginx:1.25', [{ name: 'SANDBOX_CRASH', value: '0' }], 'ok'],
  ] as const)('%s %j → %s', (image, env, expected) => {
    expect(containerBehaviour({ name: 'c', image, env: env ? [...env] : undefined })).toBe(expected);
  });

  it('treats a /never-ready readiness probe as never ready', () => {
    expect(containerBehaviour({ name: 'c', image: 'nginx', readinessProbe: { httpGet: { path: '/never-ready', port: 80 } } })).toBe('never-ready');
  });

  it('qualifies images as containerd reports them', () => {
    expect(qualifiedImage('nginx:1.25')).toBe('docker.io/library/nginx:1.25');
    expect(qualifiedImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(qualifiedImage('punitporwal07/myapp:0.1')).toBe('docker.io/punitporwal07/myapp:0.1');
    expect(qualifiedImage('localhost:5000/app:1')).toBe('localhost:5000/app:1');
    expect(qualifiedImage('ghcr.io/org/app')).toBe('ghcr.io/org/app:latest');
  });
});

describe('container timeline', () => {
  it('creates, starts and becomes ready after the readiness probe delay', () => {
    const c: Container = { name: 'web', image: 'nginx:1.25', readinessProbe: { initialDelaySeconds: 5 } };
    expect(sim(c, 0.5).status).toMatchObject({ ready: false, started: false, state: { waiting: { reason: 'ContainerCreating' } } });
    expect(sim(c, 0.5).next).toBe(1);
    const running = sim(c, 3);
    expect(running.status).toMatchObject({ ready: false, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.25', state: { running: { startedAt: wall(1) } } });
    expect(running.status.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(running.status.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(running.next).toBe(6);
    expect(sim(c, 6).status.ready).toBe(true);
    expect(sim(c, 6).next).toBeUndefined();
    expect(sim(c, 6).events.map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(sim(c, 6).events[1].message).toMatch(/^Successfully pulled image "nginx:1\.25" in 1s \(1s including waiting\)\. Image size: \d{8} bytes\.$/);
  });

  it('skips the pull when the node already has the image', () => {
    const c: Container = { name: 'web', image: 'nginx:1.25' };
    const s = simulateContainer(pod, c, 6, wall, true);
    expect(s.events.map((e) => `${e.reason}: ${e.message}`)).toEqual(['Pulled: Container image "nginx:1.25" already present on machine', 'Created: Created container: web', 'Started: Started container web']);
    expect(pullPolicy({ name: 'a', image: 'nginx' })).toBe('Always');
    expect(pullPolicy({ name: 'a', image: 'nginx:latest' })).toBe('Always');
    expect(pullPolicy({ name: 'a', image: 'nginx:1.25' })).toBe('IfNotPresent');
    expect(pullPolicy({ name: 'a', image: 'nginx:1.25', imagePullPolicy: 'Always' })).toBe('Always');
  });

  it('alternates ErrImagePull and ImagePullBackOff with doubling back-off', () => {
    const c: Container = { name: 'web', image: 'nginx:broken' };
    expect(sim(c, 1.5).status.state.waiting?.reason).toBe('ErrImagePull');
    expect(sim(c, 1.5).status.state.waiting?.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:broken": failed to resolve reference "docker.io/library/nginx:broken": docker.io/library/nginx:broken: not found',
    );
    expect(sim(c, 5).status.state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:broken"' });
    expect(sim(c, 5).next).toBe(11);
    expect(sim(c, 11.5).status.state.waiting?.reason).toBe('ImagePullBackOff');
    expect(sim(c, 12.5).status.state.waiting?.reason).toBe('ErrImagePull');
    expect(sim(c, 20).next).toBe(32);
    const events = sim(c, 40).events;
    expect(events.filter((e) => e.reason === 'Pulling')).toHaveLength(3);
    expect(events.filter((e) => e.message === 'Error: ErrImagePull')).toHaveLength(3);
    expect(events.find((e) => e.reason === 'BackOff')).toMatchObject({ type: 'Normal', message: 'Back-off pulling image "nginx:broken"' });
    expect(sim(c, 40).status).toMatchObject({ ready: false, started: false, restartCount: 0 });
  });

  it('crash-loops with a growing restart count and CrashLoopBackOff', () => {
    const c: Container = { name: 'app', image: 'busybox:crashloop' };
    expect(sim(c, 2).status).toMatchObject({ restartCount: 0, ready: false, started: true, state: { running: { startedAt: wall(1) } } });
    const first = sim(c, 4).status;
    expect(first.restartCount).toBe(1);
    expect(first.state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=app pod=web-1_default(u1)' });
    expect(first.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error', startedAt: wall(1), finishedAt: wall(3) });
    expect(sim(c, 14).status).toMatchObject({ restartCount: 1, state: { running: { startedAt: wall(13) } } });
    expect(sim(c, 16).status).toMatchObject({ restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 20s restarting failed container=app pod=web-1_default(u1)' } } });
    expect(backoffSeconds(10)).toBe(300);
  });

  it('does not restart a crashed container of a restartPolicy Never pod', () => {
    const never: Pod = { ...pod, spec: { containers: [], restartPolicy: 'Never' } };
    const s = simulateContainer(never, { name: 'app', image: 'busybox:crashloop' }, 100, wall);
    expect(s.status).toMatchObject({ restartCount: 0, ready: false, state: { terminated: { exitCode: 1, reason: 'Error', finishedAt: wall(3) } } });
    expect(s.next).toBeUndefined();
  });

  it('restarts a container whose liveness probe fails, after it was ready', () => {
    const c: Container = { name: 'app', image: 'nginx', livenessProbe: { httpGet: { path: '/fail-liveness', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5, failureThreshold: 2 } };
    expect(containerBehaviour(c)).toBe('liveness-fail');
    expect(sim(c, 2).status).toMatchObject({ ready: true, restartCount: 0, state: { running: { startedAt: wall(1) } } });
    expect(sim(c, 2).next).toBe(16);
    const killed = sim(c, 17);
    expect(killed.status).toMatchObject({ ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 137, reason: 'Error' } } });
    expect(killed.events.filter((e) => e.at === 16).map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500',
      'Normal Killing: Container app failed liveness probe, will be restarted',
      'Warning BackOff: Back-off restarting failed container app in pod web-1_default(u1)',
    ]);
    expect(sim(c, 27).status).toMatchObject({ ready: true, restartCount: 1, state: { running: { startedAt: wall(26) } } });
  });

  it('never becomes ready with SANDBOX_NEVER_READY and reports Unhealthy', () => {
    const c: Container = { name: 'app', image: 'nginx', env: [{ name: 'SANDBOX_NEVER_READY', value: '1' }] };
    const s = sim(c, 100);
    expect(s.status).toMatchObject({ ready: false, started: true, state: { running: {} } });
    expect(s.events.find((e) => e.reason === 'Unhealthy')).toMatchObject({ type: 'Warning', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' });
  });
});

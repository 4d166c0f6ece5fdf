// Rollout status: the pure kubectl algorithm, then a real rollout in the sandbox followed with a watch,
// next to `kubectl rollout status` on the same Deployment.
import type { V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects } from './apply';
import { readDeployment } from './read';
import { listRolloutProblems, summarizePodProblems } from './rollout-problems';
import { computeRolloutStatus, readRolloutStatus, watchRolloutStatus, type RolloutStatus } from './rollout-status';
import { buildTestDeployment, startTestCluster, type TestCluster } from './testing/sandbox-cluster';

function deploymentWith(status: V1Deployment['status'], generation = 2, replicas = 3): V1Deployment {
  return { metadata: { name: 'web', generation, annotations: { 'deployment.kubernetes.io/revision': '2' } }, spec: { replicas, selector: {}, template: {} }, status };
}

describe('computeRolloutStatus (kubectl DeploymentStatusViewer)', () => {
  it('waits for the controller to observe the spec', () => {
    expect(computeRolloutStatus(deploymentWith({ observedGeneration: 1 })).message).toBe('Waiting for deployment spec update to be observed...');
  });

  it('reports each stage with kubectl’s wording, in kubectl’s order', () => {
    expect(computeRolloutStatus(deploymentWith({ observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    );
    expect(computeRolloutStatus(deploymentWith({ observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...',
    );
    expect(computeRolloutStatus(deploymentWith({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 })).message).toBe(
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
    );
    expect(computeRolloutStatus(deploymentWith({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }))).toEqual({
      state: 'complete',
      revision: 2,
      message: 'deployment "web" successfully rolled out',
    });
  });

  it('fails on ProgressDeadlineExceeded and on a different revision', () => {
    const stuck = deploymentWith({ observedGeneration: 2, replicas: 4, updatedReplicas: 1, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(computeRolloutStatus(stuck)).toMatchObject({ state: 'failed', message: 'deployment "web" exceeded its progress deadline' });
    expect(computeRolloutStatus(deploymentWith({ observedGeneration: 2 }), 3)).toMatchObject({
      state: 'failed',
      message: 'desired revision (3) is different from the running revision (2)',
    });
  });
});

describe('watchRolloutStatus against the sandbox', () => {
  let cluster: TestCluster;
  const ns = 'rollout-status';

  beforeAll(async () => {
    // Speed 20 (not 50): every stage of a rollout stays visible long enough to be written and watched.
    cluster = await startTestCluster({ speed: 20 });
    await cluster.clients.core.createNamespace({ body: { metadata: { name: ns } } });
  });

  afterAll(async () => {
    await cluster?.close();
  });

  it('follows the first rollout to success', async () => {
    await applyObjects(cluster.clients, [buildTestDeployment('web', ns, { replicas: 3 })]);
    const seen: RolloutStatus[] = [];
    const result = await watchRolloutStatus(cluster.clients, ns, 'web', { onStatus: (s) => seen.push(s), timeoutMs: 30_000 });
    expect(result).toMatchObject({ state: 'complete', timedOut: false, message: 'deployment "web" successfully rolled out', revision: 1 });
    expect(seen.length).toBeGreaterThan(1);
    expect(await listRolloutProblems(cluster.clients, (await readDeployment(cluster.clients, ns, 'web'))!)).toEqual([]);
  });

  it('reports every intermediate stage of an image change', async () => {
    await applyObjects(cluster.clients, [buildTestDeployment('stages', ns, { replicas: 3 })]);
    await watchRolloutStatus(cluster.clients, ns, 'stages', { timeoutMs: 30_000 });
    await applyObjects(cluster.clients, [buildTestDeployment('stages', ns, { replicas: 3, image: 'nginx:1.26' })]);
    const messages: string[] = [];
    const result = await watchRolloutStatus(cluster.clients, ns, 'stages', { onStatus: (s) => messages.push(s.message), timeoutMs: 60_000 });
    expect(result).toMatchObject({ state: 'complete', revision: 2 });
    expect(await readRolloutStatus(cluster.clients, ns, 'stages')).toEqual({ state: 'complete', revision: 2, message: 'deployment "stages" successfully rolled out' });
    const distinct = messages.filter((m, i) => m !== messages[i - 1]);
    expect(distinct).toEqual([
      'Waiting for deployment "stages" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "stages" rollout to finish: 2 out of 3 new replicas have been updated...',
      'Waiting for deployment "stages" rollout to finish: 1 old replicas are pending termination...',
      'deployment "stages" successfully rolled out',
    ]);
  });

  it('agrees with kubectl rollout status on the same rollout', async () => {
    // Both start after the change, as a user running `rollout status` right after `set image` does.
    await applyObjects(cluster.clients, [buildTestDeployment('stages', ns, { replicas: 3, image: 'nginx:1.27' })]);
    const kubectlRun = cluster.kubectl(['rollout', 'status', 'deployment/stages', '-n', ns, '--timeout=60s']);
    const messages: string[] = [];
    const result = await watchRolloutStatus(cluster.clients, ns, 'stages', { onStatus: (s) => messages.push(s.message), timeoutMs: 60_000 });
    const kubectlResult = await kubectlRun;
    expect(result.state).toBe('complete');
    expect(kubectlResult.code).toBe(0);
    const kubectlLines = kubectlResult.stdout.trim().split('\n');
    expect(kubectlLines.at(-1)).toBe('deployment "stages" successfully rolled out');
    expect(messages.at(-1)).toBe(kubectlLines.at(-1));
    // Both watch the same event stream; kubectl starts a little later, so it prints a subset of our lines.
    for (const line of kubectlLines) expect(messages).toContain(line);
    expect(messages.some((m) => m.includes('new replicas have been updated'))).toBe(true);
  });

  it('ends with kubectl’s progress-deadline error for an image that cannot be pulled', async () => {
    const broken = buildTestDeployment('broken', ns, { replicas: 2 });
    broken.spec!.progressDeadlineSeconds = 60;
    await applyObjects(cluster.clients, [broken]);
    await watchRolloutStatus(cluster.clients, ns, 'broken', { timeoutMs: 30_000 });
    const next = buildTestDeployment('broken', ns, { replicas: 2, image: 'nginx:doesnotexist' });
    next.spec!.progressDeadlineSeconds = 60;
    await applyObjects(cluster.clients, [next]);
    expect(await watchRolloutStatus(cluster.clients, ns, 'broken', { timeoutMs: 60_000 })).toMatchObject({ state: 'failed', message: 'deployment "broken" exceeded its progress deadline', timedOut: false });
    const kubectlResult = await cluster.kubectl(['rollout', 'status', 'deployment/broken', '-n', ns, '--timeout=10s']);
    expect(kubectlResult.stderr.trim()).toBe('error: deployment "broken" exceeded its progress deadline');
    const problems = await listRolloutProblems(cluster.clients, (await readDeployment(cluster.clients, ns, 'broken'))!);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.container === 'app' && ['ErrImagePull', 'ImagePullBackOff'].includes(p.reason))).toBe(true);
    expect(summarizePodProblems(problems)).toMatch(/^(ErrImagePull|ImagePullBackOff): .*nginx:doesnotexist.* \(pod broken-[a-z0-9]+-[a-z0-9]+\)$/);
  });

  it('resumes after the API server drops its watches and after a short outage', async () => {
    await applyObjects(cluster.clients, [buildTestDeployment('resilient', ns, { replicas: 3 })]);
    await watchRolloutStatus(cluster.clients, ns, 'resilient', { timeoutMs: 30_000 });
    await applyObjects(cluster.clients, [buildTestDeployment('resilient', ns, { replicas: 3, image: 'nginx:1.26' })]);
    const messages: string[] = [];
    const following = watchRolloutStatus(cluster.clients, ns, 'resilient', { onStatus: (s) => messages.push(s.message), timeoutMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    cluster.sandbox.faults.dropWatches();
    await cluster.sandbox.faults.setUnavailable('503');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cluster.sandbox.faults.reset();
    const result = await following;
    expect(result).toMatchObject({ state: 'complete', timedOut: false, message: 'deployment "resilient" successfully rolled out' });
  });

  it('returns the last status with timedOut when the deadline passes first', async () => {
    const next = buildTestDeployment('web', ns, { replicas: 3, image: 'nginx:doesnotexist' });
    await applyObjects(cluster.clients, [next]);
    const result = await watchRolloutStatus(cluster.clients, ns, 'web', { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.state).toBe('progressing');
    const controller = new AbortController();
    const stopped = watchRolloutStatus(cluster.clients, ns, 'web', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await stopped).toMatchObject({ timedOut: true, state: 'progressing' });
    await expect(watchRolloutStatus(cluster.clients, ns, 'missing', { timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
  });
});

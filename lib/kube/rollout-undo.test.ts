// Undo, history and restart against the sandbox, each compared with real kubectl on a twin Deployment
// that went through the same changes.
import type { V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects } from './apply';
import { readDeployment } from './read';
import { listRolloutHistory } from './rollout-history';
import { watchRolloutStatus } from './rollout-status';
import { isTemplateEqualIgnoringHash, restartDeployment, undoDeployment } from './rollout-undo';
import { scaleDeployment } from './scale';
import { buildTestDeployment, startTestCluster, waitUntil, type TestCluster } from './testing/sandbox-cluster';

let cluster: TestCluster;
const ns = 'rollout-undo';
// Berth works on "ours"; kubectl on "twin". Names differ, so comparisons swap the name back.
const ours = 'ours';
const twin = 'twin';

function versionOf(name: string, image: string, cause: string) {
  const deployment = buildTestDeployment(name, ns, { replicas: 2, image });
  deployment.metadata!.annotations = { 'kubernetes.io/change-cause': cause };
  return deployment;
}

async function settle(name: string): Promise<void> {
  const result = await watchRolloutStatus(cluster.clients, ns, name, { timeoutMs: 30_000 });
  expect(result.state).toBe('complete');
}

async function deployBoth(image: string, cause: string): Promise<void> {
  await applyObjects(cluster.clients, [versionOf(ours, image, cause), versionOf(twin, image, cause)]);
  await settle(ours);
  await settle(twin);
}

/** The Deployment's template and annotations with the twin's name swapped for ours. */
async function comparable(name: string): Promise<{ template: unknown; annotations: unknown; revision: string | undefined }> {
  const deployment = (await readDeployment(cluster.clients, ns, name)) as V1Deployment;
  const text = JSON.stringify({ template: deployment.spec?.template, annotations: deployment.metadata?.annotations }).replaceAll(`"${name}"`, '"NAME"');
  const parsed = JSON.parse(text) as { template: unknown; annotations: Record<string, string> };
  return { ...parsed, revision: parsed.annotations['deployment.kubernetes.io/revision'] };
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.clients.core.createNamespace({ body: { metadata: { name: ns } } });
  await deployBoth('nginx:1.25', 'v1');
  await deployBoth('nginx:1.26', 'v2');
  await deployBoth('nginx:1.27', 'v3');
});

afterAll(async () => {
  await cluster?.close();
});

describe('listRolloutHistory', () => {
  it('lists revisions with change causes, like kubectl rollout history', async () => {
    const history = await listRolloutHistory(cluster.clients, ns, ours);
    expect(history.map((r) => [r.revision, r.changeCause])).toEqual([
      [1, 'v1'],
      [2, 'v2'],
      [3, 'v3'],
    ]);
    expect(history[0].template.spec?.containers[0].image).toBe('nginx:1.25');
    const kubectlOut = await cluster.kubectlOk(['rollout', 'history', `deployment/${twin}`, '-n', ns]);
    expect(kubectlOut).toContain('REVISION  CHANGE-CAUSE\n1         v1\n2         v2\n3         v3\n');
  });
});

describe('undoDeployment (kubectl DeploymentRollbacker)', () => {
  it('undo to the previous revision leaves the same Deployment as kubectl rollout undo', async () => {
    const result = await undoDeployment(cluster.clients, { namespace: ns, name: ours });
    expect(result).toMatchObject({ outcome: 'rolled-back', message: 'rolled back', toRevision: 2 });
    expect(await cluster.kubectlOk(['rollout', 'undo', `deployment/${twin}`, '-n', ns])).toBe(`deployment.apps/${twin} rolled back\n`);
    await settle(ours);
    await settle(twin);
    const [a, b] = [await comparable(ours), await comparable(twin)];
    expect(a).toEqual(b);
    expect(a.revision).toBe('4');
    expect(JSON.stringify(a.template)).toContain('nginx:1.26');
    expect((await listRolloutHistory(cluster.clients, ns, ours)).map((r) => r.revision)).toEqual([1, 3, 4]);
  });

  it('undo --to-revision=1 matches kubectl too, and a missing revision fails with kubectl’s message', async () => {
    const result = await undoDeployment(cluster.clients, { namespace: ns, name: ours, toRevision: 1 });
    expect(result.outcome).toBe('rolled-back');
    await cluster.kubectlOk(['rollout', 'undo', `deployment/${twin}`, '-n', ns, '--to-revision=1']);
    await settle(ours);
    await settle(twin);
    expect(await comparable(ours)).toEqual(await comparable(twin));
    expect(JSON.stringify((await comparable(ours)).template)).toContain('nginx:1.25');
    const missing = await cluster.kubectl(['rollout', 'undo', `deployment/${twin}`, '-n', ns, '--to-revision=1']);
    expect(missing.stderr.trim()).toBe('error: unable to find specified revision 1 in history');
    await expect(undoDeployment(cluster.clients, { namespace: ns, name: ours, toRevision: 1 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'unable to find specified revision 1 in history',
    });
  });

  it('skips when the template already matches, with kubectl’s message', async () => {
    const history = await listRolloutHistory(cluster.clients, ns, ours);
    const current = history.at(-1)!.revision;
    const result = await undoDeployment(cluster.clients, { namespace: ns, name: ours, toRevision: current });
    expect(result).toMatchObject({ outcome: 'skipped', message: `skipped rollback (current template already matches revision ${current})` });
    const kubectlOut = await cluster.kubectlOk(['rollout', 'undo', `deployment/${twin}`, '-n', ns, `--to-revision=${current}`]);
    expect(kubectlOut.trim()).toBe(`deployment.apps/${twin} ${result.message}`);
  });

  it('a change made after the caller read the Deployment is a CONFLICT, not a lost update', async () => {
    const before = (await readDeployment(cluster.clients, ns, ours)) as V1Deployment;
    await scaleDeployment(cluster.clients, { namespace: ns, name: ours, replicas: 3 });
    const error = await undoDeployment(cluster.clients, { namespace: ns, name: ours, resourceVersion: before.metadata?.resourceVersion }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    const after = (await readDeployment(cluster.clients, ns, ours)) as V1Deployment;
    expect(after.spec?.replicas).toBe(3);
    expect(isTemplateEqualIgnoringHash(after.spec?.template, before.spec?.template)).toBe(true);
  });

  it('dry run reports the rollback without changing the Deployment', async () => {
    const before = (await readDeployment(cluster.clients, ns, ours)) as V1Deployment;
    const result = await undoDeployment(cluster.clients, { namespace: ns, name: ours, dryRun: true });
    expect(result.outcome).toBe('rolled-back');
    expect(isTemplateEqualIgnoringHash(result.deployment?.spec?.template, before.spec?.template)).toBe(false);
    const after = (await readDeployment(cluster.clients, ns, ours)) as V1Deployment;
    expect(after.metadata?.generation).toBe(before.metadata?.generation);
  });
});

describe('restartDeployment', () => {
  it('sets kubectl.kubernetes.io/restartedAt on the template, which starts a new revision', async () => {
    const before = (await listRolloutHistory(cluster.clients, ns, ours)).at(-1)!.revision;
    const at = new Date('2026-01-02T03:04:05.678Z');
    const updated = await restartDeployment(cluster.clients, { namespace: ns, name: ours, at });
    expect(updated.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBe('2026-01-02T03:04:05Z');
    await settle(ours);
    await waitUntil(async () => (await listRolloutHistory(cluster.clients, ns, ours)).at(-1)!.revision === before + 1, 'a new revision');
    await cluster.kubectlOk(['rollout', 'restart', `deployment/${twin}`, '-n', ns]);
    const twinDeployment = (await readDeployment(cluster.clients, ns, twin)) as V1Deployment;
    expect(twinDeployment.spec?.template?.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});

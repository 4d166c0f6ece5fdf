// Undo's resourceVersion precondition against a cluster whose controllers keep writing status: a status
// write between the read and the patch is not a conflict; a spec change by someone else is.
import type { V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects } from './apply';
import type { KubeClients } from './client';
import { readDeployment } from './read';
import { watchRolloutStatus } from './rollout-status';
import { undoDeployment } from './rollout-undo';
import { buildTestDeployment, startTestCluster, type TestCluster } from './testing/sandbox-cluster';

let cluster: TestCluster;
const ns = 'undo-race';

async function deploy(name: string, image: string): Promise<void> {
  await applyObjects(cluster.clients, [buildTestDeployment(name, ns, { replicas: 1, image })]);
  expect((await watchRolloutStatus(cluster.clients, ns, name, { timeoutMs: 30_000 })).state).toBe('complete');
}

/** Clients whose first Deployment read is followed, before the caller can act on it, by `interfere`. */
function clientsInterferingOnce(interfere: (read: V1Deployment) => Promise<unknown>): KubeClients {
  const apps = cluster.clients.apps;
  let done = false;
  const read = async (...args: Parameters<typeof apps.readNamespacedDeployment>) => {
    const deployment = await apps.readNamespacedDeployment(...args);
    if (!done) {
      done = true;
      await interfere(deployment);
    }
    return deployment;
  };
  return { ...cluster.clients, apps: Object.assign(Object.create(apps) as typeof apps, { readNamespacedDeployment: read }) };
}

beforeAll(async () => {
  cluster = await startTestCluster({ speed: 50 });
  await cluster.clients.core.createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  await cluster?.close();
});

describe('undo under concurrent writes', () => {
  it('retries past a status-only write (same generation) and rolls back', async () => {
    await deploy('status-race', 'nginx:1.25');
    await deploy('status-race', 'nginx:1.26');
    const clients = clientsInterferingOnce((d) =>
      cluster.clients.apps.replaceNamespacedDeploymentStatus({
        name: 'status-race',
        namespace: ns,
        body: { ...d, status: { ...d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 } },
      }),
    );
    const result = await undoDeployment(clients, { namespace: ns, name: 'status-race' });
    expect(result.outcome).toBe('rolled-back');
    const after = (await readDeployment(cluster.clients, ns, 'status-race')) as V1Deployment;
    expect(after.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
  });

  it('answers CONFLICT when someone else changed the spec in between, and keeps their change', async () => {
    await deploy('spec-race', 'nginx:1.25');
    await deploy('spec-race', 'nginx:1.26');
    const clients = clientsInterferingOnce(() => cluster.kubectlOk(['-n', ns, 'scale', 'deployment/spec-race', '--replicas=3']));
    const error = await undoDeployment(clients, { namespace: ns, name: 'spec-race' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFLICT' });
    const after = (await readDeployment(cluster.clients, ns, 'spec-race')) as V1Deployment;
    expect(after.spec?.replicas).toBe(3);
    expect(after.spec?.template.spec?.containers[0].image).toBe('nginx:1.26');
  });
});

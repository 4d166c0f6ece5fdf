// /scale subresource, reads, server version, and failure mapping under the sandbox's fault injection.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects } from './apply';
import { buildKubeClients } from './client';
import { listEventsFor, listOwnedReplicaSets, listPods, listServices, readDeployment, readEndpoints, readObject, readServerVersion } from './read';
import { readDeploymentScale, scaleDeployment } from './scale';
import { buildTestDeployment, startTestCluster, waitUntil, type TestCluster } from './testing/sandbox-cluster';

let cluster: TestCluster;
const ns = 'scale-test';

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.clients.core.createNamespace({ body: { metadata: { name: ns } } });
  await applyObjects(cluster.clients, [buildTestDeployment('web', ns, { replicas: 2 })]);
});

afterEach(async () => {
  await cluster.sandbox.faults.reset();
});

afterAll(async () => {
  await cluster?.close();
});

describe('scaleDeployment', () => {
  it('scales through /scale and the controller follows', async () => {
    const scaled = await scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 4 });
    expect(scaled.replicas).toBe(4);
    expect(scaled.selector).toBe('app=web');
    await waitUntil(async () => (await listPods(cluster.clients, ns, 'app=web')).length === 4, '4 pods');
    const deployment = await readDeployment(cluster.clients, ns, 'web');
    expect(deployment?.spec?.replicas).toBe(4);
    expect(deployment?.metadata?.managedFields?.some((m) => m.manager === 'berth' && m.subresource === 'scale')).toBe(true);
  });

  it('with a resourceVersion precondition, a concurrent change is a CONFLICT', async () => {
    const seen = await readDeploymentScale(cluster.clients, ns, 'web');
    await cluster.kubectlOk(['scale', 'deployment/web', '--replicas=1', '-n', ns]);
    await expect(scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 6, resourceVersion: seen.resourceVersion ?? '' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await readDeployment(cluster.clients, ns, 'web'))?.spec?.replicas).toBe(1);
    const fresh = await readDeploymentScale(cluster.clients, ns, 'web');
    const scaled = await scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 2, resourceVersion: fresh.resourceVersion ?? '' });
    expect(scaled.replicas).toBe(2);
  });

  it('refuses negative or fractional replicas without calling the cluster, and dry-runs', async () => {
    await expect(scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: -1 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 1.5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const dry = await scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 9, dryRun: true });
    expect(dry.replicas).toBe(9);
    expect((await readDeployment(cluster.clients, ns, 'web'))?.spec?.replicas).toBe(2);
  });

  it('a missing Deployment is a not-found error', async () => {
    await expect(scaleDeployment(cluster.clients, { namespace: ns, name: 'ghost', replicas: 1 })).rejects.toMatchObject({ name: 'KubeNotFoundError', code: 'FORBIDDEN_OR_NOT_FOUND' });
  });
});

describe('reads', () => {
  it('reads replica sets, pods, events, objects and the server version', async () => {
    const deployment = await readDeployment(cluster.clients, ns, 'web');
    expect(deployment).not.toBeNull();
    const replicaSets = await listOwnedReplicaSets(cluster.clients, deployment!);
    expect(replicaSets.length).toBeGreaterThan(0);
    const events = await listEventsFor(cluster.clients, { namespace: ns, kind: 'Deployment', name: 'web', uid: deployment!.metadata?.uid });
    expect(events.some((e) => e.reason === 'ScalingReplicaSet')).toBe(true);
    expect(await readObject(cluster.clients, { apiVersion: 'v1', kind: 'Service', namespace: ns, name: 'none' })).toBeNull();
    await applyObjects(cluster.clients, [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }]);
    expect((await listServices(cluster.clients, ns)).map((s) => s.metadata?.name)).toEqual(['web']);
    const endpoints = await waitUntil(async () => {
      const found = await readEndpoints(cluster.clients, ns, 'web');
      return (found?.subsets?.[0]?.addresses?.length ?? 0) > 0 ? found : null;
    }, 'endpoints with addresses');
    expect(endpoints.subsets?.[0]?.ports?.[0]?.port).toBe(80);
    expect(await readEndpoints(cluster.clients, ns, 'none')).toBeNull();
    const version = await readServerVersion(cluster.clients);
    expect(version.gitVersion).toMatch(/^v1\.\d+/);
  });
});

describe('failures', () => {
  it('a refused connection is CLUSTER_UNAVAILABLE naming the cluster', async () => {
    await cluster.sandbox.faults.setUnavailable('refuse');
    await expect(readDeployment(cluster.clients, ns, 'web')).rejects.toMatchObject({
      code: 'CLUSTER_UNAVAILABLE',
      message: 'The cluster sandbox did not answer (connection refused). Try again in a moment.',
    });
  });

  it('503 from the API server is CLUSTER_UNAVAILABLE', async () => {
    await cluster.sandbox.faults.setUnavailable('503');
    await expect(scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 3 })).rejects.toMatchObject({ code: 'CLUSTER_UNAVAILABLE' });
  });

  it('a slow cluster is CLUSTER_UNAVAILABLE within the request timeout', async () => {
    cluster.sandbox.faults.setLatency(5_000);
    const clients = cluster.clientsWithTimeout(500);
    const started = Date.now();
    await expect(readDeployment(clients, ns, 'web')).rejects.toMatchObject({ code: 'CLUSTER_UNAVAILABLE', message: 'The cluster sandbox did not answer (no answer within 0.5 s). Try again in a moment.' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('a wrong token is CLUSTER_REJECTED and the token appears nowhere in the error', async () => {
    const token = 'not-the-token-abc123';
    const clients = buildKubeClients({ clusterId: 'x', clusterName: 'sandbox', server: cluster.sandbox.url, credentials: { token, caPem: cluster.sandbox.caPem } });
    const error = await readDeployment(clients, ns, 'web').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CLUSTER_REJECTED', message: "Berth's credentials for cluster sandbox were refused (401 Unauthorized)." });
    expect(JSON.stringify(error)).not.toContain(token);
    expect(String((error as Error).stack)).not.toContain(token);
  });

  it('reads a service-account token file instead of the sealed token (in-cluster)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-sa-'));
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, cluster.sandbox.token);
    const clients = buildKubeClients({ clusterId: 'x', clusterName: 'sandbox', server: cluster.sandbox.url, credentials: { token: 'stale-sealed-token', caPem: cluster.sandbox.caPem }, tokenFile });
    expect((await readServerVersion(clients)).gitVersion).toMatch(/^v1\./);
    expect(await readDeployment(clients, ns, 'web')).not.toBeNull();
    await rm(dir, { recursive: true, force: true });
  });

  it('an untrusted certificate is CLUSTER_REJECTED', async () => {
    const clients = buildKubeClients({ clusterId: 'x', clusterName: 'sandbox', server: cluster.sandbox.url, credentials: { token: cluster.sandbox.token } });
    await expect(readDeployment(clients, ns, 'web')).rejects.toMatchObject({ code: 'CLUSTER_REJECTED', message: expect.stringContaining('TLS certificate of cluster sandbox') });
  });
});

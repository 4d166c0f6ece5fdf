// Server-side apply, dry run, conflicts with kubectl, delete and error mapping against a sandbox over HTTPS.
import type { V1ConfigMap, V1Service } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObjects, deleteObjects } from './apply';
import { KubeApplyConflictError } from './errors';
import { readDeployment, readObject } from './read';
import { scaleDeployment } from './scale';
import { buildTestDeployment, startTestCluster, type TestCluster } from './testing/sandbox-cluster';

let cluster: TestCluster;
const ns = 'apply-test';

beforeAll(async () => {
  cluster = await startTestCluster();
  await cluster.clients.core.createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  await cluster?.close();
});

describe('applyObjects', () => {
  it('creates objects with field manager berth, dependencies first, and re-applies idempotently', async () => {
    const configMap: V1ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: ns }, data: { MODE: 'prod' } };
    const service: V1Service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: ns },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
    };
    const results = await applyObjects(cluster.clients, [buildTestDeployment('web', ns), service, configMap]);
    expect(results.map((r) => r.ref.kind)).toEqual(['ConfigMap', 'Service', 'Deployment']);
    const live = await readDeployment(cluster.clients, ns, 'web');
    expect(live?.spec?.replicas).toBe(2);
    expect(live?.metadata?.managedFields?.some((m) => m.manager === 'berth' && m.operation === 'Apply')).toBe(true);
    const again = await applyObjects(cluster.clients, [buildTestDeployment('web', ns)]);
    // Controllers keep writing status, so idempotence shows in the generation, not the resourceVersion.
    expect(again[0].object.metadata?.generation).toBe(live?.metadata?.generation);
  });

  it('dry run returns what the server would store and changes nothing', async () => {
    const [preview] = await applyObjects(cluster.clients, [buildTestDeployment('web', ns, { replicas: 7, image: 'nginx:1.26' })], { dryRun: true });
    expect((preview.object as { spec?: { replicas?: number } }).spec?.replicas).toBe(7);
    const [created] = await applyObjects(cluster.clients, [buildTestDeployment('dry-only', ns)], { dryRun: true });
    expect(created.object.metadata?.name).toBe('dry-only');
    expect((await readDeployment(cluster.clients, ns, 'web'))?.spec?.replicas).toBe(2);
    expect(await readDeployment(cluster.clients, ns, 'dry-only')).toBeNull();
  });

  it('after kubectl scale, a re-apply is a CONFLICT naming .spec.replicas and the kubectl manager; force takes it over', async () => {
    await cluster.kubectlOk(['scale', 'deployment/web', '--replicas=5', '-n', ns]);
    const error = await applyObjects(cluster.clients, [buildTestDeployment('web', ns, { replicas: 3 })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KubeApplyConflictError);
    const conflict = error as KubeApplyConflictError;
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.conflicts.map((c) => c.field)).toEqual(['.spec.replicas']);
    expect(conflict.conflicts[0].manager).toMatch(/^kubectl/);
    expect(conflict.message).toContain('.spec.replicas');
    expect(conflict.message).toContain(conflict.conflicts[0].manager);
    expect(conflict.fieldErrors?.['.spec.replicas']?.[0]).toContain('kubectl');
    expect((await readDeployment(cluster.clients, ns, 'web'))?.spec?.replicas).toBe(5);
    await applyObjects(cluster.clients, [buildTestDeployment('web', ns, { replicas: 3 })], { force: true });
    expect((await readDeployment(cluster.clients, ns, 'web'))?.spec?.replicas).toBe(3);
  });

  it("Berth's own /scale writes never block its next apply", async () => {
    await scaleDeployment(cluster.clients, { namespace: ns, name: 'web', replicas: 4 });
    await applyObjects(cluster.clients, [buildTestDeployment('web', ns, { replicas: 4, image: 'nginx:1.26' })]);
    const live = await readDeployment(cluster.clients, ns, 'web');
    expect(live?.spec?.replicas).toBe(4);
    expect(live?.spec?.template?.spec?.containers[0].image).toBe('nginx:1.26');
  });

  it('maps validation failures to INVALID_INPUT with the Kubernetes field messages', async () => {
    const bad = buildTestDeployment('bad', ns, { replicas: -1 });
    const error = await applyObjects(cluster.clients, [bad]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    const fields = (error as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
    expect(fields['spec.replicas']?.[0]).toMatch(/greater than or equal to 0/);
    const unknownField = { ...buildTestDeployment('typo', ns), spec: { ...buildTestDeployment('typo', ns).spec, replicaz: 3 } };
    await expect(applyObjects(cluster.clients, [unknownField])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await readDeployment(cluster.clients, ns, 'typo')).toBeNull();
  });

  it('refuses kinds Berth does not manage before calling the cluster', async () => {
    await expect(applyObjects(cluster.clients, [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: ns } }])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Berth does not manage objects of kind Pod.',
    });
  });
});

describe('deleteObjects', () => {
  it('deletes with the chosen propagation policy and reports objects already gone', async () => {
    await applyObjects(cluster.clients, [buildTestDeployment('doomed', ns)]);
    const refs = [
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns, name: 'doomed' },
      { apiVersion: 'v1', kind: 'Service', namespace: ns, name: 'never-existed' },
    ];
    const dry = await deleteObjects(cluster.clients, refs, { dryRun: true });
    expect(dry.map((d) => d.existed)).toEqual([true, false]);
    expect(await readDeployment(cluster.clients, ns, 'doomed')).not.toBeNull();
    const deleted = await deleteObjects(cluster.clients, refs, { propagationPolicy: 'Foreground' });
    expect(deleted.find((d) => d.ref.name === 'doomed')?.existed).toBe(true);
    const deadline = Date.now() + 10_000;
    while ((await readObject(cluster.clients, refs[0])) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await readObject(cluster.clients, refs[0])).toBeNull();
  });
});

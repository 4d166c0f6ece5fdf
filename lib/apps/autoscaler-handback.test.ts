// Once Berth's own autoscaler has moved a Deployment's replicas (as kube-controller-manager through
// /scale), a revision without the autoscaler takes replicas back without asking anyone for force.
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { autoscaleApp } from './autoscale';
import { createApp } from './create-app';
import { rollbackApp } from './rollback';
import { eventually, appForm, setupAppsWorld } from './testing/world';
import type { ChangeResult } from './types';

setupTestDatabase();
const world = setupAppsWorld();

function applied(result: ChangeResult | { kind: string }) {
  if (result.kind !== 'applied') throw new Error(`expected an applied change, got ${result.kind}`);
  return result as Extract<ChangeResult, { kind: 'applied' }>;
}

async function loadAutoscaledApp(name: string) {
  const w = world.current;
  const created = applied(await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm(name, { replicas: 2, resources: { requests: { cpu: '100m' } } }) }));
  applied(await autoscaleApp(w.maintainer, { appId: created.appId, minReplicas: 1, maxReplicas: 3, cpuUtilization: 50 }));
  await w.cluster.kubectlOk(['-n', w.namespace, 'annotate', `deployment/${name}`, 'sandbox.berth.dev/cpu-utilization=90']);
  await eventually(async () => {
    const deployment = await w.cluster.clients.apps.readNamespacedDeployment({ name, namespace: w.namespace });
    const byHpa = deployment.metadata?.managedFields?.some((m) => m.manager === 'kube-controller-manager' && JSON.stringify(m.fieldsV1 ?? {}).includes('f:replicas'));
    return deployment.spec?.replicas === 3 && byHpa ? deployment : null;
  }, 'the autoscaler scaling the deployment to 3', 30_000);
  return created.appId;
}

describe('handing replicas back from Berth’s autoscaler', () => {
  it('lets a DEPLOYER roll back to a revision without the autoscaler after the HPA scaled', async () => {
    const w = world.current;
    const appId = await loadAutoscaledApp('handback');
    const rolledBack = applied(await rollbackApp(w.deployer, { appId, toRevision: 1 }));
    expect(rolledBack.revision.number).toBe(3);
    const deployment = await w.cluster.clients.apps.readNamespacedDeployment({ name: 'handback', namespace: w.namespace });
    expect(deployment.spec?.replicas).toBe(2);
    await expect(w.cluster.clients.autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'handback', namespace: w.namespace })).rejects.toMatchObject({ code: 404 });
    const outcomes = await db.auditEvent.findMany({ where: { appId, action: 'app.rollback' }, orderBy: { seq: 'asc' }, select: { outcome: true } });
    expect(outcomes.map((o) => o.outcome)).toEqual(['REQUESTED', 'SUCCEEDED']);
  });
});

// Every app operation end to end against real Postgres and the sandbox over HTTPS: the revision it
// stores, the audit pair it writes, and what the cluster holds afterwards.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '@/lib/audit/verify';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { adoptApp } from './adopt';
import { autoscaleApp } from './autoscale';
import { createApp } from './create-app';
import { deleteApp } from './delete';
import { deployApp } from './deploy';
import { detectDrift } from './detect-drift';
import { diffRevisions } from './diff-revisions';
import { exposeApp } from './expose';
import { getApp } from './get-app';
import { listAppHistory } from './app-history';
import { listApps } from './list-apps';
import { listRevisions } from './list-revisions';
import { getRevision } from './get-revision';
import { restartApp } from './restart';
import { rollbackApp } from './rollback';
import { scaleApp } from './scale';
import { setAppImage } from './set-image';
import { undoApp } from './undo';
import { appForm, eventually, setupAppsWorld } from './testing/world';
import type { ChangeResult } from './types';

setupTestDatabase();
const world = setupAppsWorld();

function applied(result: ChangeResult | { kind: string }) {
  if (result.kind !== 'applied') throw new Error(`expected an applied change, got ${result.kind}`);
  return result as Extract<ChangeResult, { kind: 'applied' }>;
}

async function readDeployment(name: string) {
  const w = world.current;
  return w.cluster.clients.apps.readNamespacedDeployment({ name, namespace: w.namespace });
}

async function auditOutcomes(appId: string, action: string) {
  const rows = await db.auditEvent.findMany({ where: { appId, action }, orderBy: { seq: 'asc' }, select: { outcome: true } });
  return rows.map((r) => r.outcome);
}

describe('app operations', () => {
  it('creates an app from the form, with revision 1, Berth labels and an audit pair', async () => {
    const w = world.current;
    const created = applied(await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('web'), changeCause: 'first deploy' }));
    expect(created.revision).toMatchObject({ number: 1, operation: 'create', authorEmail: 'maintainer@example.com', changeCause: 'first deploy', verdict: 'PROGRESSING' });
    const deployment = await readDeployment('web');
    expect(deployment.metadata?.labels).toMatchObject({ 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/managed-by': 'berth' });
    expect(deployment.metadata?.annotations).toMatchObject({ 'berth.dev/revision': '1', 'kubernetes.io/change-cause': 'first deploy' });
    expect(deployment.spec?.template.spec?.containers[0]).toMatchObject({ name: 'web', image: 'nginx:1.25' });
    expect(await auditOutcomes(created.appId, 'app.create')).toEqual(['REQUESTED', 'SUCCEEDED']);
    const verdict = await eventually(async () => {
      const row = await db.revision.findUniqueOrThrow({ where: { id: created.revision.id } });
      return row.verdict === 'SUCCEEDED' ? row : null;
    }, 'the first rollout verdict');
    expect(verdict.verdictReason).toBe('deployment "web" successfully rolled out');
    expect(verdict.kubeRevision).toBe(1);
  });

  it('sets the image, scales, undoes and rolls back, each a forward revision', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    const image = applied(await setAppImage(w.deployer, { appId: app.id, image: 'nginx:1.26' }));
    expect(image.revision).toMatchObject({ number: 2, operation: 'set_image', verdict: 'PROGRESSING', changeCause: 'Set image to nginx:1.26' });
    expect((await readDeployment('web')).spec?.template.spec?.containers[0].image).toBe('nginx:1.26');

    const scaled = applied(await scaleApp(w.deployer, { appId: app.id, replicas: 3 }));
    expect(scaled.revision).toMatchObject({ number: 3, operation: 'scale', verdict: 'SUCCEEDED' });
    expect((await readDeployment('web')).spec?.replicas).toBe(3);

    const undone = applied(await undoApp(w.deployer, { appId: app.id }));
    expect(undone.revision).toMatchObject({ number: 4, operation: 'undo' });
    const afterUndo = await readDeployment('web');
    expect(afterUndo.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
    expect(afterUndo.spec?.replicas).toBe(3);

    const rolledBack = applied(await rollbackApp(w.deployer, { appId: app.id, toRevision: 2 }));
    expect(rolledBack.revision).toMatchObject({ number: 5, operation: 'rollback', changeCause: 'Rolled back to revision 2' });
    const afterRollback = await readDeployment('web');
    expect(afterRollback.spec?.template.spec?.containers[0].image).toBe('nginx:1.26');
    expect(afterRollback.spec?.replicas).toBe(2);
    expect(afterRollback.metadata?.annotations?.['berth.dev/revision']).toBe('5');

    const revisions = await listRevisions(w.viewer, { appId: app.id });
    expect(revisions.map((r) => r.number)).toEqual([5, 4, 3, 2, 1]);
    const detail = await getRevision(w.viewer, { appId: app.id, number: 5 });
    expect(detail.isCurrent).toBe(true);
    expect(detail.yaml).toContain('image: nginx:1.26');
    const diff = await diffRevisions(w.viewer, { appId: app.id, from: 1, to: 2 });
    expect(diff.summary.join('\n')).toContain('nginx:1.25 → nginx:1.26');
    expect((await detectDrift(w.viewer, { appId: app.id })).entries).toEqual([]);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('deploys from the form (keeping the Service) and from YAML (the whole state)', async () => {
    const w = world.current;
    const { appId } = applied(await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('api') }));
    applied(await exposeApp(w.maintainer, { appId, service: { type: 'ClusterIP', ports: [{ port: 80 }] } }));
    const fromForm = applied(await deployApp(w.deployer, { appId, form: appForm('api', { image: 'nginx:1.27', env: [{ name: 'MODE', value: 'fast' }] }) }));
    expect(fromForm.revision).toMatchObject({ number: 3, operation: 'deploy', verdict: 'PROGRESSING' });
    const stored = await getRevision(w.viewer, { appId, number: 3 });
    expect(stored.state.service?.spec?.ports?.[0]?.port).toBe(80);
    const container = (await readDeployment('api')).spec?.template.spec?.containers[0];
    expect(container).toMatchObject({ image: 'nginx:1.27', env: [{ name: 'MODE', value: 'fast' }] });

    const yaml = stored.yaml.replace('image: nginx:1.27', 'image: nginx:1.28');
    const fromYaml = applied(await deployApp(w.deployer, { appId, yaml, changeCause: 'bump via YAML' }));
    expect(fromYaml.revision).toMatchObject({ number: 4, changeCause: 'bump via YAML' });
    expect((await readDeployment('api')).spec?.template.spec?.containers[0].image).toBe('nginx:1.28');

    const withoutService = stored.yaml.split('---\n').filter((doc) => !doc.includes('kind: Service')).join('---\n');
    await expect(deployApp(w.deployer, { appId, yaml: withoutService })).rejects.toMatchObject({
      code: 'FORBIDDEN_OR_NOT_FOUND',
      message: 'Changing the Service or the Ingress needs the MAINTAINER role in this namespace.',
    });
    applied(await deployApp(w.maintainer, { appId, yaml: withoutService }));
    await expect(w.cluster.clients.core.readNamespacedService({ name: 'api', namespace: w.namespace })).rejects.toMatchObject({ code: 404 });
  });

  it('exposes with a NodePort Service and an Ingress, shown in the app detail', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    const exposed = applied(
      await exposeApp(w.maintainer, {
        appId: app.id,
        service: { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 80, nodePort: 30080 }] },
        ingress: { host: 'web.example.com', path: '/', servicePort: 'http', tlsSecretName: 'web-tls' },
      }),
    );
    expect(exposed.revision).toMatchObject({ operation: 'expose', verdict: 'SUCCEEDED' });
    const service = await w.cluster.clients.core.readNamespacedService({ name: 'web', namespace: w.namespace });
    expect(service.spec).toMatchObject({ type: 'NodePort', selector: { 'app.kubernetes.io/name': 'web' } });
    expect(service.spec?.ports?.[0]).toMatchObject({ port: 80, nodePort: 30080 });
    const ingress = await w.cluster.clients.networking.readNamespacedIngress({ name: 'web', namespace: w.namespace });
    expect(ingress.spec?.tls).toEqual([{ hosts: ['web.example.com'], secretName: 'web-tls' }]);
    // The change cause of the running rollout is not overwritten by a change that does not roll pods.
    expect((await readDeployment('web')).metadata?.annotations?.['kubernetes.io/change-cause']).toBe('Rolled back to revision 2');

    const detail = await eventually(async () => {
      const d = await getApp(w.viewer, { appId: app.id });
      return d.live?.service?.endpoints.length === 2 && d.live.rollout?.state === 'complete' ? d : null;
    }, 'endpoints for both pods');
    expect(detail.live?.service).toMatchObject({ type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30080 }] });
    expect(detail.live?.ingress?.rules).toEqual([{ host: 'web.example.com', path: '/', backend: 'web:http' }]);
    expect(detail.live?.pods).toHaveLength(2);
    expect(detail.live?.pods[0]).toMatchObject({ phase: 'Running', ready: '1/1', restarts: 0 });
    expect(detail.live?.pods[0].ip).toBeTruthy();
    expect(detail.live?.rollout?.message).toBe('deployment "web" successfully rolled out');
    expect(detail.live?.events.length).toBeGreaterThan(0);
    expect(detail.currentRevision?.number).toBe(exposed.revision.number);
  });

  it('autoscales, refuses to scale while the HPA owns replicas, and removes the HPA again', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    applied(await autoscaleApp(w.maintainer, { appId: app.id, minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 }));
    const hpa = await w.cluster.clients.autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'web', namespace: w.namespace });
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, scaleTargetRef: { kind: 'Deployment', name: 'web' } });
    const before = await db.revision.count({ where: { appId: app.id } });
    await expect(scaleApp(w.deployer, { appId: app.id, replicas: 4 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Replicas are managed by the HorizontalPodAutoscaler "web" (min 2, max 5); change or remove the autoscaler instead',
    });
    expect(await db.revision.count({ where: { appId: app.id } })).toBe(before);
    applied(await autoscaleApp(w.maintainer, { appId: app.id, minReplicas: 3, maxReplicas: 6 }));
    expect((await w.cluster.clients.autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'web', namespace: w.namespace })).spec?.minReplicas).toBe(3);
    const removed = applied(await autoscaleApp(w.maintainer, { appId: app.id, remove: true }));
    expect(removed.revision.operation).toBe('autoscale_remove');
    await expect(w.cluster.clients.autoscaling.readNamespacedHorizontalPodAutoscaler({ name: 'web', namespace: w.namespace })).rejects.toMatchObject({ code: 404 });
    expect((await readDeployment('web')).spec?.replicas).toBe(3);
    applied(await scaleApp(w.deployer, { appId: app.id, replicas: 2 }));
  });

  it('previews every kind of change without touching the cluster, the revisions or the audit log', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    const deploymentBefore = await readDeployment('web');
    const [revisions, events] = await Promise.all([db.revision.count(), db.auditEvent.count()]);
    const previews = [
      await setAppImage(w.deployer, { appId: app.id, image: 'nginx:1.29', preview: true }),
      await scaleApp(w.deployer, { appId: app.id, replicas: 5, preview: true }),
      await restartApp(w.deployer, { appId: app.id, preview: true }),
      await undoApp(w.deployer, { appId: app.id, preview: true }),
      await autoscaleApp(w.maintainer, { appId: app.id, minReplicas: 1, maxReplicas: 3, preview: true }),
      await exposeApp(w.maintainer, { appId: app.id, service: { type: 'ClusterIP', ports: [{ port: 8080, targetPort: 80 }] }, ingress: null, preview: true }),
      await deleteApp(w.maintainer, { appId: app.id, preview: true }),
    ];
    for (const preview of previews) expect(preview.kind).toBe('preview');
    const [image, scale, restart, undo, autoscale, expose, remove] = previews as Extract<ChangeResult, { kind: 'preview' }>[];
    expect(image.summary.join('\n')).toContain('image: nginx:1.26 → nginx:1.29');
    expect(image.unified).toMatch(/^\+\s+image: nginx:1\.29$/m);
    expect(scale.summary).toEqual(['Deployment/web spec.replicas: 2 → 5']);
    expect(restart.summary.join('\n')).toContain('kubectl.kubernetes.io/restartedAt');
    expect(undo.summary.join('\n')).toContain('nginx:1.25');
    expect(autoscale.objects).toContainEqual({ kind: 'HorizontalPodAutoscaler', name: 'web', change: 'added' });
    expect(expose.objects).toContainEqual({ kind: 'Ingress', name: 'web', change: 'removed' });
    expect(expose.summary.join('\n')).toContain('8080');
    expect(remove.objects.map((o) => o.change)).toEqual(['removed', 'removed', 'removed']);
    const deploymentAfter = await readDeployment('web');
    expect(deploymentAfter.metadata?.resourceVersion).toBe(deploymentBefore.metadata?.resourceVersion);
    expect(await db.revision.count()).toBe(revisions);
    expect(await db.auditEvent.count()).toBe(events);
  });

  it('restarts (a new rollout), lists apps with live status and pairs the history', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    const restarted = applied(await restartApp(w.deployer, { appId: app.id }));
    expect(restarted.revision).toMatchObject({ operation: 'restart', verdict: 'PROGRESSING', changeCause: 'Restarted' });
    expect((await readDeployment('web')).spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    expect((await detectDrift(w.viewer, { appId: app.id })).entries).toEqual([]);
    await eventually(async () => (await db.revision.findUniqueOrThrow({ where: { id: restarted.revision.id } })).verdict === 'SUCCEEDED', 'the restart verdict');

    const apps = await listApps(w.viewer);
    const web = apps.find((a) => a.name === 'web');
    expect(web).toMatchObject({ namespace: w.namespace, clusterName: 'sandbox', teamName: 'team-a', image: 'nginx:1.26', live: { desiredReplicas: 2, rolloutState: 'complete' } });
    expect(web?.lastChange?.operation).toBe('restart');
    expect(await listApps(w.outsider)).toEqual([]);

    const history = await listAppHistory(w.viewer, { appId: app.id });
    const restart = history.find((h) => h.action === 'app.restart');
    expect(restart).toMatchObject({ outcome: 'SUCCEEDED', actorEmail: 'deployer@example.com' });
    expect(restart?.seqs).toHaveLength(2);
    expect(history.some((h) => h.action === 'app.rollout_verdict' && h.actorEmail === 'system@berth')).toBe(true);
  });

  it('reports drift after a kubectl change, refuses to overwrite it silently, and lets a maintainer force', async () => {
    const w = world.current;
    const app = await db.app.findFirstOrThrow({ where: { name: 'web' } });
    await w.cluster.kubectlOk(['-n', w.namespace, 'set', 'image', 'deployment/web', 'web=nginx:1.30']);
    const drift = await detectDrift(w.viewer, { appId: app.id });
    expect(drift.hasDrift).toBe(true);
    expect(drift.entries.map((e) => e.text).join('\n')).toContain('nginx:1.26 → nginx:1.30');

    const revisions = await db.revision.count({ where: { appId: app.id } });
    const conflict = await deployApp(w.deployer, { appId: app.id, form: appForm('web', { image: 'nginx:1.31' }) }).catch((error: unknown) => error);
    expect(conflict).toMatchObject({ code: 'CONFLICT' });
    expect((conflict as Error).message).toContain('changed by kubectl');
    expect((conflict as Error).message).toContain('.spec.template.spec.containers[name="web"].image');
    expect(await db.revision.count({ where: { appId: app.id } })).toBe(revisions);
    expect((await readDeployment('web')).spec?.template.spec?.containers[0].image).toBe('nginx:1.30');

    await expect(deployApp(w.deployer, { appId: app.id, form: appForm('web', { image: 'nginx:1.31' }), force: true })).rejects.toMatchObject({
      code: 'FORBIDDEN_OR_NOT_FOUND',
      message: 'Only a maintainer of this namespace may force a change over fields another manager owns.',
    });
    const denied = await db.auditEvent.findFirstOrThrow({ where: { appId: app.id, outcome: 'DENIED' }, orderBy: { seq: 'desc' } });
    expect(denied).toMatchObject({ action: 'app.deploy', actorEmail: 'deployer@example.com' });
    applied(await deployApp(w.maintainer, { appId: app.id, form: appForm('web', { image: 'nginx:1.31' }), force: true }));
    expect((await readDeployment('web')).spec?.template.spec?.containers[0].image).toBe('nginx:1.31');
    expect((await detectDrift(w.viewer, { appId: app.id })).entries).toEqual([]);
  });

  it('adopts a Deployment made with kubectl without restarting its pods, then deletes it with everything', async () => {
    const w = world.current;
    await w.cluster.kubectlOk(['-n', w.namespace, 'create', 'deployment', 'legacy', '--image=nginx:1.25', '--replicas=2']);
    await w.cluster.kubectlOk(['-n', w.namespace, 'expose', 'deployment', 'legacy', '--port=80']);
    const podsBefore = await eventually(async () => {
      const pods = await w.cluster.clients.core.listNamespacedPod({ namespace: w.namespace, labelSelector: 'app=legacy' });
      return pods.items.length === 2 ? pods.items.map((p) => p.metadata?.name).sort() : null;
    }, 'legacy pods');
    await eventually(async () => ((await readDeployment('legacy')).status?.availableReplicas ?? 0) === 2, 'legacy to be available');
    const before = await readDeployment('legacy');
    const adopted = applied(await adoptApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, name: 'legacy' }));
    expect(adopted.revision).toMatchObject({ number: 1, operation: 'adopt' });
    const after = await readDeployment('legacy');
    expect(after.metadata?.labels).toMatchObject({ app: 'legacy', 'app.kubernetes.io/managed-by': 'berth' });
    expect(after.spec).toEqual(before.spec);
    const replicaSets = await w.cluster.clients.apps.listNamespacedReplicaSet({ namespace: w.namespace, labelSelector: 'app=legacy' });
    expect(replicaSets.items).toHaveLength(1);
    const podsAfter = await w.cluster.clients.core.listNamespacedPod({ namespace: w.namespace, labelSelector: 'app=legacy' });
    expect(podsAfter.items.map((p) => p.metadata?.name).sort()).toEqual(podsBefore);
    const stored = await getRevision(w.viewer, { appId: adopted.appId, number: 1 });
    expect(stored.state.service?.spec?.selector).toEqual({ app: 'legacy' });
    expect((await detectDrift(w.viewer, { appId: adopted.appId })).entries).toEqual([]);
    await expect(adoptApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, name: 'legacy' })).rejects.toMatchObject({ code: 'CONFLICT' });

    applied(await setAppImage(w.deployer, { appId: adopted.appId, image: 'nginx:1.26' }));
    expect((await readDeployment('legacy')).spec?.template.spec?.containers[0]).toMatchObject({ name: 'nginx', image: 'nginx:1.26' });

    const deleted = await deleteApp(w.maintainer, { appId: adopted.appId });
    expect(deleted).toMatchObject({ kind: 'deleted', objects: [{ object: 'Deployment "legacy"', existed: true }, { object: 'Service "legacy"', existed: true }] });
    await expect(readDeployment('legacy')).rejects.toMatchObject({ code: 404 });
    expect(await db.app.findUnique({ where: { id: adopted.appId } })).toBeNull();
    expect(await db.revision.count({ where: { appId: adopted.appId } })).toBe(0);
    expect(await auditOutcomes(adopted.appId, 'app.delete')).toEqual(['REQUESTED', 'SUCCEEDED']);
    await eventually(async () => (await w.cluster.clients.core.listNamespacedPod({ namespace: w.namespace, labelSelector: 'app=legacy' })).items.length === 0, 'the pods to be garbage-collected');
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  it('shows the HPA\'s current CPU against its target once load arrives', async () => {
    const w = world.current;
    const { appId } = applied(
      await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('busy', { replicas: 1, resources: { requests: { cpu: '100m' } } }) }),
    );
    applied(await autoscaleApp(w.maintainer, { appId, minReplicas: 1, maxReplicas: 4, cpuUtilization: 50 }));
    await w.cluster.kubectlOk(['-n', w.namespace, 'annotate', 'deployment/busy', 'sandbox.berth.dev/cpu-utilization=150']);
    const detail = await eventually(async () => {
      const d = await getApp(w.viewer, { appId });
      return d.live?.hpa?.currentCpuUtilization === 150 && d.live.hpa.desiredReplicas > 1 ? d : null;
    }, 'the autoscaler to see the load');
    expect(detail.live?.hpa).toMatchObject({ name: 'busy', minReplicas: 1, maxReplicas: 4, targetCpuUtilization: 50 });
    // Replicas the autoscaler chose are not drift; the hand-made annotation is.
    const drift = await detectDrift(w.viewer, { appId });
    expect(drift.entries.map((e) => e.path)).toEqual(['metadata.annotations["sandbox.berth.dev/cpu-utilization"]']);
  });
});

// The rollout walkthrough through @kubernetes/client-node over HTTPS, as the portal will drive it:
// create a Deployment and watch it to completion, set a new image, break it (ProgressDeadlineExceeded),
// undo the way kubectl does (JSON patch of the template) and recover.
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, Watch, type V1Deployment } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { rolloutStatusMessage } from './rollout-status';

let sandbox: Sandbox;
let apps: AppsV1Api;
let core: CoreV1Api;
let kc: KubeConfig;
const ns = 'default';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 20 });
  kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig);
  apps = kc.makeApiClient(AppsV1Api);
  core = kc.makeApiClient(CoreV1Api);
});
afterAll(async () => {
  await sandbox?.close();
});

/** Watches one deployment, recording kubectl's rollout-status message for every event, until `until` holds. */
async function watchRollout(name: string, until: (d: V1Deployment) => boolean): Promise<{ messages: string[]; last: V1Deployment }> {
  const messages: string[] = [];
  const watch = new Watch(kc);
  let controller: AbortController | undefined;
  const result = new Promise<V1Deployment>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rollout of ${name} did not finish; saw ${messages.join(' | ')}`)), 30_000);
    void watch
      .watch(
        `/apis/apps/v1/namespaces/${ns}/deployments`,
        { fieldSelector: `metadata.name=${name}` },
        (_phase, obj: V1Deployment) => {
          const view = rolloutStatusMessage({ name, generation: obj.metadata?.generation, replicas: obj.spec?.replicas, status: obj.status });
          const line = view.error ?? view.message;
          if (messages.at(-1) !== line) messages.push(line);
          if (until(obj)) {
            clearTimeout(timer);
            resolve(obj);
          }
        },
        (err: unknown) => {
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
        },
      )
      .then((c) => (controller = c), reject);
  });
  try {
    return { messages, last: await result };
  } finally {
    controller?.abort();
  }
}

const rolledOut = (d: V1Deployment) =>
  rolloutStatusMessage({ name: d.metadata?.name ?? '', generation: d.metadata?.generation, replicas: d.spec?.replicas, status: d.status }).done;
const progressing = (d: V1Deployment) => d.status?.conditions?.find((c) => c.type === 'Progressing');

describe('client-node rollout walkthrough', () => {
  it('creates a Deployment and sees each intermediate status until it is rolled out', async () => {
    const watching = watchRollout('web', rolledOut);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', annotations: { 'kubernetes.io/change-cause': 'initial' } },
        spec: {
          replicas: 3,
          progressDeadlineSeconds: 30,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } }] },
          },
        },
      },
    });
    const { messages, last } = await watching;
    expect(messages[0]).toBe('Waiting for deployment spec update to be observed...');
    expect(messages).toContain('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');
    expect(messages.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(last.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(progressing(last)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    expect(progressing(last)?.message).toMatch(/^ReplicaSet "web-[4-9bcdf]+" has successfully progressed\.$/);
    expect(last.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });

    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(3);
    for (const p of pods.items) {
      expect(p.metadata?.name).toMatch(/^web-[4-9bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(p.spec?.nodeName).toMatch(/^sandbox-node-\d$/);
      expect(p.status?.containerStatuses?.[0]).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.25' });
    }
    expect(new Set(pods.items.map((p) => p.status?.podIP)).size).toBe(3);
  });

  it('rolls out a new image, reporting updated, old and available replicas on the way', async () => {
    const watching = watchRollout('web', (d) => rolledOut(d) && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '2');
    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: { metadata: { annotations: { 'kubernetes.io/change-cause': 'nginx 1.26' } }, spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } } } },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    const { messages } = await watching;
    expect(messages).toContain('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    expect(messages.some((m) => /\d old replicas are pending termination\.\.\.$/.test(m))).toBe(true);
    expect(messages.at(-1)).toBe('deployment "web" successfully rolled out');
    const rss = await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' });
    const byRevision = new Map(rss.items.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], rs]));
    expect(byRevision.get('1')?.spec?.replicas).toBe(0);
    expect(byRevision.get('2')?.spec?.replicas).toBe(3);
    expect(byRevision.get('2')?.metadata?.annotations?.['kubernetes.io/change-cause']).toBe('nginx 1.26');
  });

  it('reports ProgressDeadlineExceeded for an image that cannot be pulled', async () => {
    const watching = watchRollout('web', (d) => progressing(d)?.reason === 'ProgressDeadlineExceeded');
    await apps.patchNamespacedDeployment(
      { name: 'web', namespace: ns, body: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:doesnotexist' }] },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    const { messages, last } = await watching;
    expect(messages.at(-1)).toBe('deployment "web" exceeded its progress deadline');
    expect(progressing(last)).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(progressing(last)?.message).toMatch(/^ReplicaSet "web-[4-9bcdf]+" has timed out progressing\.$/);
    expect(last.status).toMatchObject({ replicas: 4, updatedReplicas: 1, availableReplicas: 3, unavailableReplicas: 1 });
    const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: 'app=web' });
    const broken = pods.items.filter((p) => p.spec?.containers[0].image === 'nginx:doesnotexist');
    expect(broken).toHaveLength(1);
    expect(broken[0].status?.phase).toBe('Pending');
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(broken[0].status?.containerStatuses?.[0].state?.waiting?.reason);
  });

  it('recovers after an undo done the kubectl way, renumbering the old revision', async () => {
    // kubectl rollout undo: the RS with the second-highest revision, template without pod-template-hash, JSON patch.
    const rss = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' })).items;
    const rev = (rs: (typeof rss)[number]) => Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
    const target = [...rss].sort((a, b) => rev(b) - rev(a))[1];
    expect(rev(target)).toBe(2);
    const template = structuredClone(target.spec?.template ?? {});
    delete template.metadata?.labels?.['pod-template-hash'];
    const watching = watchRollout('web', (d) => rolledOut(d) && d.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '4');
    await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: ns,
        body: [
          { op: 'replace', path: '/spec/template', value: template },
          { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'nginx 1.26' } },
        ],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    const { last } = await watching;
    expect(progressing(last)).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    const after = (await apps.listNamespacedReplicaSet({ namespace: ns, labelSelector: 'app=web' })).items;
    const reused = after.find((rs) => rs.metadata?.name === target.metadata?.name);
    expect(reused?.metadata?.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '4', 'deployment.kubernetes.io/revision-history': '2' });
    expect(reused?.spec?.replicas).toBe(3);
    expect(after.map(rev).sort()).toEqual([1, 3, 4]);
    const events = await core.listNamespacedEvent({ namespace: ns });
    const scaling = events.items.filter((e) => e.involvedObject.name === 'web' && e.reason === 'ScalingReplicaSet').map((e) => e.message);
    expect(scaling).toContain(`Scaled up replica set ${target.metadata?.name} from 0 to 1`);
    expect(scaling.some((m) => /^Scaled down replica set web-[4-9bcdf]+ from 1 to 0$/.test(m ?? ''))).toBe(true);
  });
});

// The cluster afterwards holds exactly what kubectl would have produced: each change is made through
// Berth on app "alpha" and with the real kubectl on its twin "omega" (same starting manifest), and the
// two Deployments (Services, HPAs) are compared, names aside.
import type { V1Deployment } from '@kubernetes/client-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestDatabase } from '@/test/db';
import { waitUntil } from '@/lib/kube/testing/sandbox-cluster';
import { autoscaleApp } from './autoscale';
import { createApp } from './create-app';
import { exposeApp } from './expose';
import { getRevision } from './get-revision';
import { restartApp } from './restart';
import { scaleApp } from './scale';
import { setAppImage } from './set-image';
import { undoApp } from './undo';
import { appForm, setupAppsWorld } from './testing/world';

setupTestDatabase();
const world = setupAppsWorld();
let appId = '';

function comparable(value: unknown): unknown {
  const text = JSON.stringify(value)
    .replaceAll('omega', 'alpha')
    .replace(/"kubectl\.kubernetes\.io\/restartedAt":"[^"]+"/g, '"kubectl.kubernetes.io/restartedAt":"<time>"');
  return JSON.parse(text);
}

async function deployments(): Promise<[V1Deployment, V1Deployment]> {
  const w = world.current;
  const read = (name: string) => w.cluster.clients.apps.readNamespacedDeployment({ name, namespace: w.namespace });
  // Compared once both controllers have observed the change, as kubectl's next read would see them.
  const settled = async (name: string) =>
    waitUntil(async () => {
      const d = await read(name);
      return (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) ? d : null;
    }, `${name} to be observed`);
  return Promise.all([settled('alpha'), settled('omega')]);
}

async function expectSameDeployments(): Promise<V1Deployment> {
  const [alpha, omega] = await deployments();
  expect(comparable(alpha.spec)).toEqual(comparable(omega.spec));
  expect(alpha.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe(omega.metadata?.annotations?.['deployment.kubernetes.io/revision']);
  return alpha;
}

beforeAll(async () => {
  const w = world.current;
  appId = (await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('alpha', { containerPort: 8080 }) })).appId;
  const { yaml } = await getRevision(w.viewer, { appId, number: 1 });
  await w.cluster.kubectlOk(['-n', w.namespace, 'create', '-f', '-'], yaml.replaceAll('alpha', 'omega'));
});

describe('Berth and kubectl leave the same cluster behind', () => {
  it('starts from the same Deployment', async () => {
    await expectSameDeployments();
  });

  it('set image ≡ kubectl set image', async () => {
    const w = world.current;
    await setAppImage(w.deployer, { appId, image: 'nginx:1.26' });
    await w.cluster.kubectlOk(['-n', w.namespace, 'set', 'image', 'deployment/omega', 'omega=nginx:1.26']);
    expect((await expectSameDeployments()).spec?.template.spec?.containers[0].image).toBe('nginx:1.26');
  });

  it('scale ≡ kubectl scale', async () => {
    const w = world.current;
    await scaleApp(w.deployer, { appId, replicas: 4 });
    await w.cluster.kubectlOk(['-n', w.namespace, 'scale', 'deployment/omega', '--replicas=4']);
    expect((await expectSameDeployments()).spec?.replicas).toBe(4);
  });

  it('undo ≡ kubectl rollout undo (and to a chosen revision)', async () => {
    const w = world.current;
    await undoApp(w.deployer, { appId });
    await w.cluster.kubectlOk(['-n', w.namespace, 'rollout', 'undo', 'deployment/omega']);
    const afterUndo = await expectSameDeployments();
    expect(afterUndo.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
    expect(afterUndo.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    await undoApp(w.deployer, { appId, toRevision: 2 });
    await w.cluster.kubectlOk(['-n', w.namespace, 'rollout', 'undo', 'deployment/omega', '--to-revision=2']);
    expect((await expectSameDeployments()).spec?.template.spec?.containers[0].image).toBe('nginx:1.26');
  });

  it('restart ≡ kubectl rollout restart', async () => {
    const w = world.current;
    await restartApp(w.deployer, { appId });
    await w.cluster.kubectlOk(['-n', w.namespace, 'rollout', 'restart', 'deployment/omega']);
    expect((await expectSameDeployments()).spec?.template.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
  });

  it('expose ≡ kubectl expose', async () => {
    const w = world.current;
    await exposeApp(w.maintainer, { appId, service: { type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] } });
    await w.cluster.kubectlOk(['-n', w.namespace, 'expose', 'deployment', 'omega', '--type=NodePort', '--port=80', '--target-port=8080']);
    const read = (name: string) => w.cluster.clients.core.readNamespacedService({ name, namespace: w.namespace });
    const [alpha, omega] = await Promise.all([read('alpha'), read('omega')]);
    const spec = (s: typeof alpha) => {
      const { clusterIP: _ip, clusterIPs: _ips, ports, ...rest } = s.spec ?? {};
      return { ...rest, ports: (ports ?? []).map(({ nodePort: _n, ...port }) => port) };
    };
    expect(comparable(spec(alpha))).toEqual(comparable(spec(omega)));
    await expectSameDeployments();
  });

  it('autoscale ≡ kubectl autoscale', async () => {
    const w = world.current;
    await autoscaleApp(w.maintainer, { appId, minReplicas: 2, maxReplicas: 5, cpuUtilization: 70 });
    await w.cluster.kubectlOk(['-n', w.namespace, 'autoscale', 'deployment', 'omega', '--min=2', '--max=5', '--cpu-percent=70']);
    const read = (name: string) => w.cluster.clients.autoscaling.readNamespacedHorizontalPodAutoscaler({ name, namespace: w.namespace });
    const [alpha, omega] = await Promise.all([read('alpha'), read('omega')]);
    expect(comparable(alpha.spec)).toEqual(comparable(omega.spec));
  });
});

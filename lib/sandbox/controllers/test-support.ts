// Shared helpers for the controller tests: an in-process sandbox API with controllers, and polling
// with a deadline (never fixed sleeps: the suite runs on a loaded 2-core machine).
import { createSandboxApi } from '../api';
import { createClock } from '../clock';
import type { ControllerHandle, KObject, SandboxApi } from '../types';
import { startControllers } from './index';

export interface TestCluster {
  api: SandboxApi;
  stop(): void;
}

export function startTestCluster(speed: number): TestCluster {
  const clock = createClock(speed);
  const api = createSandboxApi({ clock });
  const controllers: ControllerHandle = startControllers(api);
  return {
    api,
    stop() {
      controllers.stop();
      clock.stopAll();
    },
  };
}

/** The API binds pods itself now (spec.nodeName may be set once); kept so existing callers compile. */
export function allowPodBinding(_core: unknown): void {}

export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function deploymentManifest(name: string, replicas: number, image: string, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      ...extra,
    },
  };
}

export function setImage(api: SandboxApi, name: string, image: string, annotations?: Record<string, string>): KObject {
  const d = api.get('apps/deployments', 'default', name);
  if (!d) throw new Error(`deployment ${name} not found`);
  const spec = d.spec as { template: { spec: { containers: Array<{ image: string }> } } };
  spec.template.spec.containers[0].image = image;
  if (annotations) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), ...annotations };
  return api.update('apps/deployments', d);
}

interface DeploymentView {
  generation?: number;
  status?: { observedGeneration?: number; updatedReplicas?: number; replicas?: number; availableReplicas?: number; conditions?: Array<{ type: string; reason?: string; status: string }> };
  replicas?: number;
}

export function isRolledOut(api: SandboxApi, name: string): boolean {
  const d = api.get('apps/deployments', 'default', name);
  if (!d) return false;
  const v: DeploymentView = { generation: d.metadata.generation, status: d.status as DeploymentView['status'], replicas: (d.spec as { replicas?: number }).replicas };
  const s = v.status ?? {};
  const want = v.replicas ?? 1;
  return (s.observedGeneration ?? 0) >= (v.generation ?? 0) && (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
}

export function progressingReason(api: SandboxApi, name: string): string | undefined {
  const d = api.get('apps/deployments', 'default', name);
  const s = d?.status as DeploymentView['status'];
  return s?.conditions?.find((c) => c.type === 'Progressing')?.reason;
}

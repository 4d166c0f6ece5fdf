// Test support: a sandbox cluster with gateway clients and a real kubectl pointed at it (temp
// KUBECONFIG and HOME, so no developer config is touched). Used by lib/kube and lib/apps tests.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Deployment } from '@kubernetes/client-node';
import { startSandbox, type Sandbox, type StartSandboxOptions } from '@/lib/sandbox/index';
import { buildKubeClients, type KubeClients } from '../client';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestCluster {
  sandbox: Sandbox;
  clients: KubeClients;
  /** Clients with another request timeout (fault-injection tests). */
  clientsWithTimeout(timeoutMs: number): KubeClients;
  kubectl(args: string[], stdin?: string): Promise<KubectlResult>;
  /** kubectl that throws on a non-zero exit. */
  kubectlOk(args: string[], stdin?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestCluster(options: StartSandboxOptions = {}): Promise<TestCluster> {
  const sandbox = await startSandbox({ port: 0, speed: 50, ...options });
  const dir = await mkdtemp(join(tmpdir(), 'berth-kube-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  await writeFile(kubeconfigPath, sandbox.kubeconfig, { mode: 0o600 });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir };
  const build = (timeoutMs?: number) =>
    buildKubeClients({ clusterId: 'test', clusterName: 'sandbox', server: sandbox.url, credentials: { token: sandbox.token, caPem: sandbox.caPem }, timeoutMs });
  const kubectl = (args: string[], stdin?: string) =>
    new Promise<KubectlResult>((resolve) => {
      const child = execFile('kubectl', args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      });
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  return {
    sandbox,
    clients: build(),
    clientsWithTimeout: (timeoutMs) => build(timeoutMs),
    kubectl,
    async kubectlOk(args, stdin) {
      const result = await kubectl(args, stdin);
      if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
      return result.stdout;
    },
    async close() {
      await sandbox.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function buildTestDeployment(name: string, namespace: string, options: { replicas?: number; image?: string } = {}): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      replicas: options.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'app', image: options.image ?? 'nginx:1.25', ports: [{ containerPort: 80 }] }] },
      },
    },
  };
}

export async function waitUntil<T>(fn: () => Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// The kubeconfig a client (kubectl, @kubernetes/client-node, the portal) uses to reach the sandbox.
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import YAML from 'yaml';

export interface KubeconfigOptions {
  server: string;
  token: string;
  /** PEM of the serving certificate when TLS is on (used as certificate-authority-data). */
  caPem?: string;
  name?: string;
  namespace?: string;
}

export function buildKubeconfig(o: KubeconfigOptions): string {
  const name = o.name ?? 'sandbox';
  const cluster: Record<string, unknown> = { server: o.server };
  if (o.caPem) cluster['certificate-authority-data'] = Buffer.from(o.caPem).toString('base64');
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name: `${name}-admin`, user: { token: o.token } }],
    contexts: [{ name, context: { cluster: name, user: `${name}-admin`, namespace: o.namespace ?? 'default' } }],
    'current-context': name,
    preferences: {},
  });
}

export async function writeKubeconfig(path: string, contents: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, contents, { mode: 0o600 });
  await rename(tmp, path);
}

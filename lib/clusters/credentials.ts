// Cluster credentials at rest: AES-256-GCM under BERTH_SECRET_KEY with the cluster id as associated
// data, so a ciphertext copied onto another cluster row fails to open instead of leaking access.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const version = 'v1';

export interface ClusterCredentials {
  /** A whole kubeconfig (YAML) with the chosen context, or a service-account token for IN_CLUSTER/SANDBOX. */
  kubeconfig?: string;
  token?: string;
  /** PEM of the API server's CA when the server uses a private one. */
  caPem?: string;
  /** Context chosen from a pasted kubeconfig. */
  context?: string;
}

export function sealCredentials(key: Buffer, clusterId: string, credentials: ClusterCredentials): string {
  if (key.length !== 32) throw new Error('BERTH_SECRET_KEY must be 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`berth-cluster:${clusterId}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
  return [version, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
}

export function openCredentials(key: Buffer, clusterId: string, sealed: string): ClusterCredentials {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== version || !iv || !tag || !body) throw new Error('sealed credentials are malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  decipher.setAAD(Buffer.from(`berth-cluster:${clusterId}`));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as ClusterCredentials;
  } catch {
    // Never echo key material or ciphertext: a wrong key and a copied row fail the same way.
    throw new Error('sealed credentials could not be opened (wrong BERTH_SECRET_KEY, or sealed for another cluster)');
  }
}

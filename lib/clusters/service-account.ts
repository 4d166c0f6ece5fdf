// The credentials a pod gets from Kubernetes: token and CA mounted under
// /var/run/secrets/kubernetes.io/serviceaccount, API server from KUBERNETES_SERVICE_HOST/PORT.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getEnv } from '@/lib/env';
import { BerthError } from '@/lib/errors';

export const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ServiceAccountCredentials {
  server: string;
  token: string;
  caPem: string;
  namespace: string | null;
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

export async function readPodServiceAccount(dir = serviceAccountDir): Promise<ServiceAccountCredentials> {
  const env = getEnv();
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const [token, caPem, namespace] = await Promise.all([readOptional(join(dir, 'token')), readOptional(join(dir, 'ca.crt')), readOptional(join(dir, 'namespace'))]);
  if (!host || !token || !caPem) {
    throw new BerthError(
      'INVALID_INPUT',
      'Berth is not running inside a Kubernetes pod with a service account (KUBERNETES_SERVICE_HOST and the mounted token are missing). Register the cluster with a kubeconfig instead.',
    );
  }
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return { server, token, caPem, namespace: namespace || null };
}

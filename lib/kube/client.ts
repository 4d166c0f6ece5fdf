// One set of client-node API clients per cluster, built from the sealed credentials and cached until
// the cluster row changes (updatedAt). Plumbing only: callers in lib/<domain> check access first.
import {
  AppsV1Api,
  AuthorizationV1Api,
  AutoscalingV2Api,
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  NetworkingV1Api,
  ServerConfiguration,
  VersionApi,
  type Configuration,
  type Middleware,
} from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openCredentials, type ClusterCredentials } from '@/lib/clusters/credentials';
import { serviceAccountDir } from '@/lib/clusters/service-account';
import { db } from '@/lib/db';
import { requireSecretKey } from '@/lib/env';
import { BerthError, notFound } from '@/lib/errors';
import { extractKubeconfigContext } from './kubeconfig';

/** Requests (not watches) give up after this long; the error says the cluster did not answer. */
export const defaultKubeTimeoutMs = 10_000;

export interface KubeClients {
  clusterId: string;
  /** Used in error messages ("The cluster sandbox did not answer …"). */
  clusterName: string;
  server: string;
  timeoutMs: number;
  /** For watches (`new Watch(kubeConfig)`), which bypass the request timeout on purpose. */
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  autoscaling: AutoscalingV2Api;
  networking: NetworkingV1Api;
  authorization: AuthorizationV1Api;
  version: VersionApi;
}

export interface BuildKubeClientsInput {
  clusterId: string;
  clusterName: string;
  /** The server URL of the cluster row (used for token credentials; a kubeconfig carries its own). */
  server: string;
  credentials: ClusterCredentials;
  /**
   * A service-account token file read instead of the sealed token (IN_CLUSTER): kubelet rotates
   * projected tokens, and client-node re-reads the file every minute, as client-go does.
   */
  tokenFile?: string;
  timeoutMs?: number;
}

function timeoutMiddleware(ms: number): Middleware {
  return {
    pre: async (context) => {
      context.setSignal(AbortSignal.timeout(ms));
      return context;
    },
    post: async (response) => response,
  };
}

function loadKubeConfig(input: BuildKubeClientsInput): KubeConfig {
  const kc = new KubeConfig();
  const { credentials } = input;
  if (credentials.kubeconfig) {
    // Re-validated on every build: a row sealed by an older Berth must not smuggle in file paths or plugins.
    const extracted = extractKubeconfigContext(credentials.kubeconfig, credentials.context);
    kc.loadFromString(extracted.kubeconfig);
    return kc;
  }
  if (!credentials.token && !input.tokenFile) {
    throw new BerthError('CLUSTER_REJECTED', `Cluster ${input.clusterName} has no usable credentials; an admin must update them.`);
  }
  const name = 'berth';
  kc.loadFromOptions({
    clusters: [
      {
        name,
        server: input.server,
        caData: credentials.caPem ? Buffer.from(credentials.caPem).toString('base64') : undefined,
        // client-node refuses plain HTTP unless TLS verification is "skipped"; there is no TLS to verify then
        // (only a local sandbox started with tls: false is registered that way).
        skipTLSVerify: input.server.startsWith('http://'),
      },
    ],
    users: [input.tokenFile ? { name, authProvider: { name: 'tokenFile', config: { tokenFile: input.tokenFile } } } : { name, token: credentials.token }],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kc;
}

/** Builds clients from already-opened credentials (no database). */
export function buildKubeClients(input: BuildKubeClientsInput): KubeClients {
  const kubeConfig = loadKubeConfig(input);
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new BerthError('CLUSTER_REJECTED', `Cluster ${input.clusterName} has no server configured.`);
  const timeoutMs = input.timeoutMs ?? defaultKubeTimeoutMs;
  const configuration: Configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [timeoutMiddleware(timeoutMs)],
  });
  return {
    clusterId: input.clusterId,
    clusterName: input.clusterName,
    server: cluster.server,
    timeoutMs,
    kubeConfig,
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    autoscaling: new AutoscalingV2Api(configuration),
    networking: new NetworkingV1Api(configuration),
    authorization: new AuthorizationV1Api(configuration),
    version: new VersionApi(configuration),
  };
}

interface CachedClients {
  updatedAt: number;
  clients: KubeClients;
}

const cache = new Map<string, CachedClients>();

/**
 * The clients for a cluster row. Reads the row (one primary-key query) on every call so new
 * credentials take effect immediately; rebuilds only when `updatedAt` changed.
 */
export async function getKubeClients(clusterId: string): Promise<KubeClients> {
  const row = await db.cluster.findUnique({
    where: { id: clusterId },
    select: { id: true, name: true, server: true, source: true, updatedAt: true, sealedCredentials: true },
  });
  if (!row) {
    cache.delete(clusterId);
    throw notFound('cluster');
  }
  const cached = cache.get(clusterId);
  if (cached && cached.updatedAt === row.updatedAt.getTime()) return cached.clients;
  if (!row.sealedCredentials) {
    throw new BerthError('CLUSTER_REJECTED', `Cluster ${row.name} has no stored credentials; an admin must update them.`);
  }
  let credentials: ClusterCredentials;
  try {
    credentials = openCredentials(requireSecretKey(), row.id, row.sealedCredentials);
  } catch {
    throw new BerthError(
      'CLUSTER_REJECTED',
      `Berth could not open the stored credentials for cluster ${row.name} (BERTH_SECRET_KEY changed without scripts/rotate-key.ts?).`,
    );
  }
  const podTokenFile = join(serviceAccountDir, 'token');
  const tokenFile = row.source === 'IN_CLUSTER' && existsSync(podTokenFile) ? podTokenFile : undefined;
  const clients = buildKubeClients({ clusterId: row.id, clusterName: row.name, server: row.server, credentials, tokenFile });
  cache.set(clusterId, { updatedAt: row.updatedAt.getTime(), clients });
  return clients;
}

/** Drops a cached client (after deleting a cluster; updates are noticed through updatedAt). */
export function forgetKubeClients(clusterId: string): void {
  cache.delete(clusterId);
}

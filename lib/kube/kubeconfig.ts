// Reading kubeconfigs pasted by an admin. Parsed with `yaml` first, never handed whole to client-node:
// client-node reads `token-file` and other file paths at load time, which from a pasted kubeconfig
// would read files on the Berth server. Only self-contained credentials are accepted.
import YAML from 'yaml';
import { BerthError } from '@/lib/errors';

export type KubeconfigAuthKind = 'token' | 'client-certificate' | 'basic' | 'none';

export interface KubeconfigContextSummary {
  name: string;
  cluster: string;
  user: string;
  namespace: string | null;
  server: string | null;
  /** Why this context cannot be used by Berth, or null. */
  problem: string | null;
}

export interface KubeconfigContexts {
  contexts: KubeconfigContextSummary[];
  currentContext: string | null;
}

export interface ExtractedKubeconfig {
  /** A minimal kubeconfig with only the chosen context, its cluster and its user. */
  kubeconfig: string;
  context: string;
  server: string;
  namespace: string | null;
  authKind: KubeconfigAuthKind;
}

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string, field = 'kubeconfig'): BerthError {
  return new BerthError('INVALID_INPUT', message, { [field]: [message] });
}

interface NamedEntry {
  name: string;
  body: Dict;
}

function readNamedList(doc: Dict, key: 'clusters' | 'users' | 'contexts', inner: 'cluster' | 'user' | 'context'): NamedEntry[] {
  const list = doc[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw invalid(`The kubeconfig's "${key}" must be a list.`);
  return list.map((item, index) => {
    if (!isDict(item) || typeof item.name !== 'string' || item.name === '') {
      throw invalid(`Entry ${index + 1} of the kubeconfig's "${key}" has no name.`);
    }
    const body = item[inner];
    return { name: item.name, body: isDict(body) ? body : {} };
  });
}

function parseDocument(text: string): Dict {
  if (text.trim() === '') throw invalid('Paste or upload a kubeconfig.');
  let doc: unknown;
  try {
    doc = YAML.parse(text, { maxAliasCount: 50 });
  } catch (error) {
    const line = error instanceof YAML.YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw invalid(`The kubeconfig is not valid YAML${line}.`);
  }
  if (!isDict(doc)) throw invalid('The kubeconfig must be a YAML mapping with clusters, users and contexts.');
  if (doc.kind !== undefined && doc.kind !== 'Config') throw invalid(`The document is a ${String(doc.kind)}, not a kubeconfig (kind: Config).`);
  return doc;
}

function describeAuthProblem(userName: string, user: Dict): string | null {
  if (user.exec !== undefined) {
    const command = isDict(user.exec) && typeof user.exec.command === 'string' ? ` (${user.exec.command})` : '';
    return `User "${userName}" gets its credentials from an exec plugin${command}; Berth cannot run plugins. Use a service-account token or a client certificate instead.`;
  }
  if (user['auth-provider'] !== undefined) {
    return `User "${userName}" uses an auth-provider plugin; Berth cannot run plugins. Use a service-account token or a client certificate instead.`;
  }
  for (const key of ['token-file', 'tokenFile', 'client-certificate', 'client-key']) {
    if (user[key] !== undefined) {
      return `User "${userName}" refers to a file (${key}); embed the credentials instead (token, client-certificate-data, client-key-data).`;
    }
  }
  if (user.as !== undefined || user['as-groups'] !== undefined) return `User "${userName}" uses impersonation, which Berth does not support.`;
  return null;
}

function describeAuthKind(user: Dict): KubeconfigAuthKind {
  if (typeof user.token === 'string' && user.token !== '') return 'token';
  if (typeof user['client-certificate-data'] === 'string') return 'client-certificate';
  if (typeof user.username === 'string') return 'basic';
  return 'none';
}

function describeServerProblem(clusterName: string, cluster: Dict): string | null {
  const server = cluster.server;
  if (typeof server !== 'string' || server.trim() === '') return `Cluster "${clusterName}" has no server URL.`;
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return `Cluster "${clusterName}" has an invalid server URL.`;
  }
  if (url.protocol !== 'https:') return `Cluster "${clusterName}" must use an https:// server URL (Berth sends credentials only over TLS).`;
  if (url.username || url.password) return `Cluster "${clusterName}" has credentials in its server URL; put them in the user entry.`;
  if (cluster['certificate-authority'] !== undefined) {
    return `Cluster "${clusterName}" refers to a CA file (certificate-authority); embed it as certificate-authority-data.`;
  }
  return null;
}

function summarize(doc: Dict): { contexts: (KubeconfigContextSummary & { clusterBody?: Dict; userBody?: Dict })[]; currentContext: string | null } {
  const clusters = new Map(readNamedList(doc, 'clusters', 'cluster').map((c) => [c.name, c.body]));
  const users = new Map(readNamedList(doc, 'users', 'user').map((u) => [u.name, u.body]));
  const contexts = readNamedList(doc, 'contexts', 'context').map((entry) => {
    const clusterName = typeof entry.body.cluster === 'string' ? entry.body.cluster : '';
    const userName = typeof entry.body.user === 'string' ? entry.body.user : '';
    const clusterBody = clusters.get(clusterName);
    const userBody = users.get(userName);
    const server = clusterBody && typeof clusterBody.server === 'string' ? clusterBody.server : null;
    let problem: string | null = null;
    if (!clusterBody) problem = `Context "${entry.name}" refers to cluster "${clusterName}", which is not in the kubeconfig.`;
    else if (!userBody) problem = `Context "${entry.name}" refers to user "${userName}", which is not in the kubeconfig.`;
    else problem = describeServerProblem(clusterName, clusterBody) ?? describeAuthProblem(userName, userBody);
    return {
      name: entry.name,
      cluster: clusterName,
      user: userName,
      namespace: typeof entry.body.namespace === 'string' && entry.body.namespace !== '' ? entry.body.namespace : null,
      server,
      problem,
      clusterBody,
      userBody,
    };
  });
  const current = typeof doc['current-context'] === 'string' && doc['current-context'] !== '' ? doc['current-context'] : null;
  return { contexts, currentContext: current };
}

/** The contexts of a kubeconfig, each with the reason Berth cannot use it (if any). Never returns credentials. */
export function listKubeconfigContexts(text: string): KubeconfigContexts {
  const { contexts, currentContext } = summarize(parseDocument(text));
  if (contexts.length === 0) throw invalid('The kubeconfig has no contexts.');
  return { contexts: contexts.map(({ clusterBody: _c, userBody: _u, ...summary }) => summary), currentContext };
}

/**
 * Keeps only the chosen context (or the current one) with its cluster and user, after checking the
 * server URL and that the credentials are self-contained (no exec/auth-provider plugins, no files).
 */
export function extractKubeconfigContext(text: string, contextName?: string | null): ExtractedKubeconfig {
  const { contexts, currentContext } = summarize(parseDocument(text));
  if (contexts.length === 0) throw invalid('The kubeconfig has no contexts.');
  const wanted = contextName && contextName !== '' ? contextName : (currentContext ?? (contexts.length === 1 ? contexts[0].name : null));
  if (wanted === null) throw invalid('The kubeconfig has several contexts and no current-context; choose one.', 'context');
  const chosen = contexts.find((c) => c.name === wanted);
  if (!chosen) throw invalid(`The kubeconfig has no context named "${wanted}".`, 'context');
  if (chosen.problem !== null || !chosen.clusterBody || !chosen.userBody || chosen.server === null) {
    throw invalid(chosen.problem ?? `Context "${wanted}" cannot be used.`);
  }
  const authKind = describeAuthKind(chosen.userBody);
  if (authKind === 'client-certificate' && typeof chosen.userBody['client-key-data'] !== 'string') {
    throw invalid(`User "${chosen.user}" has a client certificate but no client-key-data.`);
  }
  const context: Dict = { cluster: chosen.cluster, user: chosen.user };
  if (chosen.namespace) context.namespace = chosen.namespace;
  const minimal = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: chosen.cluster, cluster: chosen.clusterBody }],
    users: [{ name: chosen.user, user: chosen.userBody }],
    contexts: [{ name: chosen.name, context }],
    'current-context': chosen.name,
  };
  return { kubeconfig: YAML.stringify(minimal), context: chosen.name, server: chosen.server, namespace: chosen.namespace, authKind };
}

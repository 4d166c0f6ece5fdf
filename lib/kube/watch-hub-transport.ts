// Raw list and watch requests for the watch hub, authenticated through a cluster's KubeConfig (the
// one K1's client factory builds). Raw JSON on purpose: the hub keeps objects exactly as the API
// server sent them and never needs client-node's model classes.
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import type { KubeConfig } from '@kubernetes/client-node';

export const watchResources = ['deployments', 'replicasets', 'pods', 'events', 'services', 'endpoints', 'horizontalpodautoscalers', 'ingresses'] as const;
export type WatchResource = (typeof watchResources)[number];

const resourceBases: Record<WatchResource, string> = {
  deployments: '/apis/apps/v1',
  replicasets: '/apis/apps/v1',
  pods: '/api/v1',
  events: '/api/v1',
  services: '/api/v1',
  endpoints: '/api/v1',
  horizontalpodautoscalers: '/apis/autoscaling/v2',
  ingresses: '/apis/networking.k8s.io/v1',
};

export function resourcePath(resource: WatchResource, namespace: string): string {
  return `${resourceBases[resource]}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

/** A Kubernetes object as the API server sent it (timestamps are strings). */
export interface RawKubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    ownerReferences?: { kind?: string; name?: string; uid?: string; controller?: boolean }[];
  };
  [field: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchTarget {
  resource: WatchResource;
  namespace: string;
}

/** Why a watch ended: `gone` is 410 (resourceVersion too old: relist); `closed` a clean end (resume). */
export type WatchEnd = { kind: 'closed' } | { kind: 'gone' } | { kind: 'error'; error: Error };

export interface ListResult {
  items: RawKubeObject[];
  resourceVersion: string;
}

export interface OpenWatch {
  /** Settles once when the watch ends for whatever reason (including `abort`). */
  ended: Promise<WatchEnd>;
  abort(): void;
}

export interface WatchTransport {
  list(target: WatchTarget): Promise<ListResult>;
  /** `onOpen` runs once the server accepted the watch (200), before any event. */
  watch(target: WatchTarget, resourceVersion: string, onEvent: (type: WatchEventType, object: RawKubeObject) => void, onOpen?: () => void): OpenWatch;
}

/** An HTTP failure of a list or watch request, carrying the status code (410 means relist). */
export class WatchHttpError extends Error {
  readonly statusCode: number;
  constructor(statusCode: number, message: string) {
    super(message);
    this.name = 'WatchHttpError';
    this.statusCode = statusCode;
  }
}

export interface TransportOptions {
  /** Server-side watch timeout; the hub resumes from the last resourceVersion when it expires. */
  watchTimeoutSeconds?: number;
  listTimeoutMs?: number;
}

async function openRequest(kubeConfig: KubeConfig, url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  const options: RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = send(url, { ...options, signal }, resolve);
    req.on('error', reject);
    req.end();
  });
}

async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function statusError(code: number, body: string): WatchHttpError {
  let message = `HTTP ${code}`;
  try {
    const parsed = JSON.parse(body) as { reason?: string };
    if (parsed.reason) message = `HTTP ${code} ${parsed.reason}`;
  } catch {
    // Not a Status object: the code alone says enough.
  }
  return new WatchHttpError(code, message);
}

export function createKubeConfigTransport(kubeConfig: KubeConfig, options: TransportOptions = {}): WatchTransport {
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server) throw new Error('The kubeconfig has no current cluster');
  const listTimeoutMs = options.listTimeoutMs ?? 10_000;
  const watchTimeoutSeconds = options.watchTimeoutSeconds ?? 300;
  return {
    async list(target) {
      const url = new URL(server + resourcePath(target.resource, target.namespace));
      const response = await openRequest(kubeConfig, url, AbortSignal.timeout(listTimeoutMs));
      const body = await readBody(response);
      if (response.statusCode !== 200) throw statusError(response.statusCode ?? 0, body);
      const parsed = JSON.parse(body) as { items?: RawKubeObject[]; metadata?: { resourceVersion?: string } };
      return { items: parsed.items ?? [], resourceVersion: parsed.metadata?.resourceVersion ?? '' };
    },
    watch(target, resourceVersion, onEvent, onOpen) {
      const controller = new AbortController();
      const url = new URL(server + resourcePath(target.resource, target.namespace));
      url.searchParams.set('watch', 'true');
      url.searchParams.set('allowWatchBookmarks', 'true');
      url.searchParams.set('resourceVersion', resourceVersion);
      url.searchParams.set('timeoutSeconds', String(watchTimeoutSeconds));
      const ended = (async (): Promise<WatchEnd> => {
        let response: IncomingMessage;
        try {
          response = await openRequest(kubeConfig, url, controller.signal);
        } catch (error) {
          return { kind: 'error', error: error instanceof Error ? error : new Error(String(error)) };
        }
        if (response.statusCode === 410) return { kind: 'gone' };
        if (response.statusCode !== 200) return { kind: 'error', error: statusError(response.statusCode ?? 0, await readBody(response).catch(() => '')) };
        onOpen?.();
        let gone = false;
        const lines = createInterface({ input: response, crlfDelay: Infinity });
        try {
          for await (const line of lines) {
            if (!line.trim()) continue;
            let event: { type?: WatchEventType; object?: RawKubeObject };
            try {
              event = JSON.parse(line) as { type?: WatchEventType; object?: RawKubeObject };
            } catch {
              continue;
            }
            if (event.type === 'ERROR') {
              const code = (event.object as { code?: number } | undefined)?.code;
              // A watch that starts too far back answers 200 and then one ERROR event with a 410 Status.
              if (code === 410) gone = true;
              else return { kind: 'error', error: new WatchHttpError(code ?? 500, 'watch ERROR event') };
              break;
            }
            if (event.type && event.object) onEvent(event.type, event.object);
          }
        } catch (error) {
          if (controller.signal.aborted) return { kind: 'closed' };
          return { kind: 'error', error: error instanceof Error ? error : new Error(String(error)) };
        } finally {
          response.destroy();
        }
        if (gone) return { kind: 'gone' };
        // A dropped connection can end the readline loop without an error; only a complete response is clean.
        if (!response.complete && !controller.signal.aborted) return { kind: 'error', error: new Error('watch connection dropped') };
        return { kind: 'closed' };
      })();
      return { ended, abort: () => controller.abort() };
    },
  };
}

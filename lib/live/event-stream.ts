// One server-sent-events stream per browser tab, multiplexed over the apps it shows. Access is
// checked before the stream opens and again every `recheckIntervalMs`; a revoked grant ends the
// stream with `event: revoked`. Data comes from the shared watch hub and leaves as small DTOs.
import type { AnyActor } from '@/lib/access/actor';
import { requireActor } from '@/lib/access/require';
import { BerthError } from '@/lib/errors';
import { getWatchHub, type HubEvent, type WatchHub, type WatchKey, type WatchResource } from '@/lib/kube/watch-hub';
import { computeLiveData } from './compute-live-data';
import { findRevokedApps, readSessionVersion, resolveLiveApps } from './resolve-live-apps';
import type { LiveAppRef } from './app-objects';
import type { LiveReady, LiveResource, LiveRevoked, LiveUpstream } from './types';

export const defaultRecheckIntervalMs = 20_000;
export const defaultHeartbeatMs = 15_000;
const maxAppsPerStream = 100;
/** A client that stops reading gets its stream closed rather than buffered without bound. */
const maxBufferedBytes = 1_000_000;

export interface LiveRequest {
  /** Apps shown as summaries (rollout status only). */
  appIds: string[];
  /** Apps shown in full (pods, events, services, HPA, ingresses too). */
  detailAppIds: string[];
}

export interface LiveStreamOptions {
  hub?: WatchHub;
  recheckIntervalMs?: number;
  heartbeatMs?: number;
  /** Changes within this window are coalesced into one update per app and resource. */
  throttleMs?: number;
  signal?: AbortSignal;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

let openStreams = 0;

/** SSE streams open in this process (for metrics and tests). */
export function liveStreamCount(): number {
  return openStreams;
}

function readIds(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Parses `?apps=a,b&detail=c`; an id that cannot exist answers like one that does not. */
export function parseLiveRequest(params: URLSearchParams): LiveRequest {
  const detailAppIds = [...new Set(readIds(params, 'detail'))];
  const appIds = [...new Set(readIds(params, 'apps'))].filter((id) => !detailAppIds.includes(id));
  if (appIds.length + detailAppIds.length === 0) throw new BerthError('INVALID_INPUT', 'Name at least one app: /api/events?apps=<id>,<id>.');
  if (appIds.length + detailAppIds.length > maxAppsPerStream) throw new BerthError('INVALID_INPUT', `A stream follows at most ${maxAppsPerStream} apps.`);
  if ([...appIds, ...detailAppIds].some((id) => !idPattern.test(id))) throw new BerthError('FORBIDDEN_OR_NOT_FOUND', 'The app was not found.');
  return { appIds, detailAppIds };
}

const summaryResources: readonly WatchResource[] = ['deployments'];
const detailResources: readonly WatchResource[] = ['deployments', 'replicasets', 'pods', 'events', 'services', 'endpoints', 'horizontalpodautoscalers', 'ingresses'];

interface Follow {
  app: LiveAppRef;
  detail: boolean;
  keys: WatchKey[];
  sent: Map<LiveResource, string>;
  upstreamDown: boolean;
}

type SerializedData = [LiveResource, string][];

// Fifty tabs on one app page would otherwise each summarize and serialize the same objects on every
// change: the result is shared while the feeds it was computed from have not changed.
const sharedResults = new WeakMap<WatchHub, Map<string, { versions: string; texts: SerializedData }>>();
const maxSharedResults = 1_000;

function computeShared(hub: WatchHub, follow: Follow): SerializedData {
  const versions = follow.keys.map((key) => hub.currentVersion(key) ?? '-').join('|');
  const { app } = follow;
  const cacheKey = `${app.appId}|${app.clusterId}|${app.namespace}|${app.name}|${follow.detail}`;
  let cache = sharedResults.get(hub);
  if (!cache) sharedResults.set(hub, (cache = new Map()));
  const hit = cache.get(cacheKey);
  if (hit && hit.versions === versions) return hit.texts;
  const data = computeLiveData(app, follow.detail, (resource) => hub.currentObjects({ clusterId: app.clusterId, namespace: app.namespace, resource }));
  const texts = (Object.entries(data) as [LiveResource, unknown][]).map(([resource, value]): [LiveResource, string] => [resource, JSON.stringify(value)]);
  cache.delete(cacheKey);
  cache.set(cacheKey, { versions, texts });
  if (cache.size > maxSharedResults) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return texts;
}

function keyName(key: WatchKey): string {
  return `${key.clusterId}/${key.namespace}/${key.resource}`;
}

/**
 * Checks access, then opens the stream. Throws UNAUTHENTICATED / FORBIDDEN_OR_NOT_FOUND (identical for
 * a missing app and one out of scope) / INVALID_INPUT before any byte is sent.
 */
export async function openLiveEventStream(actor: AnyActor | null, request: LiveRequest, options: LiveStreamOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const signedIn = requireActor(actor);
  const detailIds = new Set(request.detailAppIds);
  const apps = await resolveLiveApps(signedIn, [...request.detailAppIds, ...request.appIds]);
  const sessionVersion = await readSessionVersion(signedIn);
  const hub = options.hub ?? getWatchHub();
  const recheckIntervalMs = options.recheckIntervalMs ?? defaultRecheckIntervalMs;
  const heartbeatMs = options.heartbeatMs ?? defaultHeartbeatMs;
  const throttleMs = options.throttleMs ?? 100;
  const encoder = new TextEncoder();

  const follows: Follow[] = apps.map((app) => {
    const detail = detailIds.has(app.appId);
    const resources = detail ? detailResources : summaryResources;
    return { app, detail, keys: resources.map((resource) => ({ clusterId: app.clusterId, namespace: app.namespace, resource })), sent: new Map(), upstreamDown: false };
  });

  let closed = false;
  let counted = false;
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = (text: string) => {
          if (closed) return;
          controller.enqueue(encoder.encode(text));
          if ((controller.desiredSize ?? 0) < -maxBufferedBytes) close();
        };
        const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

        const subscriptions: { unsubscribe(): void }[] = [];
        const timers: NodeJS.Timeout[] = [];
        const dirty = new Set<Follow>();
        let flushTimer: NodeJS.Timeout | null = null;

        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          try {
            controller.close();
          } catch {
            // Already cancelled by the client.
          }
        };
        openStreams += 1;
        counted = true;
        cleanup = () => {
          closed = true;
          if (counted) {
            counted = false;
            openStreams -= 1;
          }
          for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
          for (const timer of timers.splice(0)) clearInterval(timer);
          if (flushTimer) clearTimeout(flushTimer);
          options.signal?.removeEventListener('abort', onAbort);
        };
        const onAbort = () => close();
        options.signal?.addEventListener('abort', onAbort);

        const flush = () => {
          flushTimer = null;
          for (const follow of [...dirty]) {
            dirty.delete(follow);
            for (const [resource, text] of computeShared(hub, follow)) {
              if (follow.sent.get(resource) === text) continue;
              follow.sent.set(resource, text);
              write(`event: update\ndata: {"appId":${JSON.stringify(follow.app.appId)},"resource":"${resource}","data":${text}}\n\n`);
            }
          }
        };
        const markDirty = (follow: Follow) => {
          dirty.add(follow);
          flushTimer ??= setTimeout(flush, throttleMs);
        };

        const ready: LiveReady = {
          apps: follows.map(({ app, detail }) => ({ appId: app.appId, name: app.name, namespace: app.namespace, detail })),
          recheckIntervalMs,
        };
        write('retry: 3000\n\n');
        send('ready', ready);

        const followsByKey = new Map<string, Follow[]>();
        for (const follow of follows) {
          for (const key of follow.keys) followsByKey.set(keyName(key), [...(followsByKey.get(keyName(key)) ?? []), follow]);
        }
        for (const follow of follows) {
          for (const key of follow.keys) {
            if (followsByKey.get(keyName(key))?.[0] !== follow) continue;
            const interested = followsByKey.get(keyName(key)) ?? [];
            subscriptions.push(
              hub.subscribe(key, (event: HubEvent) => {
                for (const each of interested) {
                  if (event.type === 'DISCONNECTED') {
                    if (!each.upstreamDown) {
                      each.upstreamDown = true;
                      const upstream: LiveUpstream = { appId: each.app.appId, state: 'reconnecting', message: 'The cluster is not answering; Berth keeps retrying. What you see may be out of date.' };
                      send('upstream', upstream);
                    }
                    continue;
                  }
                  if ((event.type === 'SNAPSHOT' || event.type === 'RECONNECTED') && each.upstreamDown) {
                    each.upstreamDown = false;
                    const upstream: LiveUpstream = { appId: each.app.appId, state: 'live', message: 'Connected to the cluster again.' };
                    send('upstream', upstream);
                  }
                  markDirty(each);
                }
              }),
            );
          }
        }

        // A client gone before the stream started never fires 'abort' again.
        if (options.signal?.aborted) {
          close();
          return;
        }
        timers.push(setInterval(() => write(': ping\n\n'), heartbeatMs));
        let checking = false;
        timers.push(
          setInterval(() => {
            if (checking || closed) return;
            checking = true;
            findRevokedApps(signedIn, apps, sessionVersion)
              .then((revokedIds) => {
                if (revokedIds.length === 0 || closed) return;
                const revoked: LiveRevoked = { appIds: revokedIds, message: 'Your access to this app was withdrawn.' };
                send('revoked', revoked);
                close();
              })
              // A database hiccup is not a revocation; the next round checks again.
              .catch(() => {})
              .finally(() => {
                checking = false;
              });
          }, recheckIntervalMs),
        );
      },
      cancel() {
        cleanup();
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}

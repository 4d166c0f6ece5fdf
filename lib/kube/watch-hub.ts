// One upstream list+watch per (cluster, namespace, resource), however many subscribers: a feed keeps
// the current objects, fans changes out, resumes from its last resourceVersion (bookmarks keep that
// fresh), relists on 410 Gone, retries failures with exponential backoff, and closes upstream a short
// linger after its last subscriber leaves. Plumbing only: callers (lib/live) check access first.
import { getKubeClients } from './client';
import { createKubeConfigTransport, type RawKubeObject, type WatchTarget, type WatchTransport } from './watch-hub-transport';

export type { RawKubeObject, WatchResource } from './watch-hub-transport';

export interface WatchKey extends WatchTarget {
  clusterId: string;
}

export type HubEvent =
  /** The full current state: sent to a new subscriber at once, and to everyone after each (re)list. */
  | { type: 'SNAPSHOT'; objects: RawKubeObject[] }
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: RawKubeObject }
  /** Upstream trouble; the feed keeps retrying. */
  | { type: 'DISCONNECTED'; message: string; retryInMs: number }
  /** Back after DISCONNECTED, resumed without loss (otherwise a SNAPSHOT says it is back). */
  | { type: 'RECONNECTED' };

export type HubListener = (event: HubEvent) => void;

export interface HubSubscription {
  unsubscribe(): void;
}

export interface HubCounters {
  /** Feeds alive (subscribed or lingering). */
  feeds: number;
  lists: number;
  /** Lists caused by 410 Gone. */
  relists: number;
  watchesStarted: number;
  failures: number;
}

export interface WatchHubOptions {
  transportFor?: (clusterId: string) => Promise<WatchTransport>;
  /** How long a feed stays open after its last subscriber leaves (a page reload re-subscribes). */
  lingerMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

export interface WatchHub {
  subscribe(key: WatchKey, listener: HubListener): HubSubscription;
  /** The feed's current objects (shared, do not mutate), or null before its first list. */
  currentObjects(key: WatchKey): RawKubeObject[] | null;
  /** Changes with every change of the feed's objects; null before its first list. */
  currentVersion(key: WatchKey): string | null;
  /** Upstream watch requests open right now, across all feeds. */
  upstreamWatchCount(): number;
  /** Open upstream watches per `cluster/namespace/resource`. */
  upstreamWatchesByKey(): Map<string, number>;
  counters(): HubCounters;
  close(): Promise<void>;
}

export function formatWatchKey(key: WatchKey): string {
  return `${key.clusterId}/${key.namespace}/${key.resource}`;
}

function objectKey(object: RawKubeObject): string {
  return object.metadata?.name ?? object.metadata?.uid ?? '';
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

interface Feed {
  key: WatchKey;
  listeners: Set<HubListener>;
  objects: Map<string, RawKubeObject>;
  /** Bumped on every change of `objects`, so callers can cache what they derive from them. */
  version: number;
  listed: boolean;
  resourceVersion: string;
  stopped: boolean;
  watching: boolean;
  abortWatch: (() => void) | null;
  lingerTimer: NodeJS.Timeout | null;
  serial: number;
  wake: (() => void) | null;
  done: Promise<void>;
}

export function createWatchHub(options: WatchHubOptions = {}): WatchHub {
  const transportFor = options.transportFor ?? defaultTransportFor;
  const lingerMs = options.lingerMs ?? 5_000;
  const backoffInitialMs = options.backoffInitialMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 30_000;
  const feeds = new Map<string, Feed>();
  const counters = { lists: 0, relists: 0, watchesStarted: 0, failures: 0 };
  let feedSerial = 0;

  const emit = (feed: Feed, event: HubEvent) => {
    for (const listener of [...feed.listeners]) {
      try {
        listener(event);
      } catch {
        // One broken subscriber must not starve the others.
      }
    }
  };

  const sleep = (feed: Feed, ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        feed.wake = null;
        resolve();
      }, ms);
      feed.wake = () => {
        clearTimeout(timer);
        feed.wake = null;
        resolve();
      };
    });

  const run = async (feed: Feed) => {
    let attempt = 0;
    let mustList = true;
    let disconnected = false;
    while (!feed.stopped) {
      try {
        const transport = await transportFor(feed.key.clusterId);
        if (mustList) {
          const list = await transport.list(feed.key);
          counters.lists += 1;
          if (feed.stopped) return;
          feed.objects = new Map(list.items.map((item) => [objectKey(item), item]));
          feed.version += 1;
          feed.resourceVersion = list.resourceVersion;
          feed.listed = true;
          mustList = false;
          disconnected = false;
          emit(feed, { type: 'SNAPSHOT', objects: [...feed.objects.values()] });
        }
        const open = transport.watch(feed.key, feed.resourceVersion, (type, object) => {
          if (type === 'BOOKMARK' || type === 'ERROR') {
            if (object.metadata?.resourceVersion) feed.resourceVersion = object.metadata.resourceVersion;
            return;
          }
          if (object.metadata?.resourceVersion) feed.resourceVersion = object.metadata.resourceVersion;
          if (type === 'DELETED') feed.objects.delete(objectKey(object));
          else feed.objects.set(objectKey(object), object);
          feed.version += 1;
          emit(feed, { type, object });
        }, () => {
          attempt = 0;
          if (disconnected) {
            disconnected = false;
            emit(feed, { type: 'RECONNECTED' });
          }
        });
        counters.watchesStarted += 1;
        const startedAt = Date.now();
        feed.watching = true;
        feed.abortWatch = open.abort;
        const end = await open.ended;
        feed.watching = false;
        feed.abortWatch = null;
        if (feed.stopped) return;
        if (end.kind === 'gone') {
          // The resourceVersion fell out of the server's window: only a fresh list is consistent.
          counters.relists += 1;
          mustList = true;
          continue;
        }
        if (end.kind === 'closed') {
          // A server that ends every watch at once must not turn this loop into a busy one.
          if (Date.now() - startedAt < 1_000) await sleep(feed, backoffInitialMs);
          continue;
        }
        throw end.error;
      } catch (error) {
        feed.watching = false;
        feed.abortWatch = null;
        if (feed.stopped) return;
        counters.failures += 1;
        const statusCode = (error as { statusCode?: unknown }).statusCode;
        if (statusCode === 410) {
          counters.relists += 1;
          mustList = true;
        }
        const delay = Math.min(backoffMaxMs, backoffInitialMs * 2 ** attempt);
        const retryInMs = Math.round(delay * (0.8 + Math.random() * 0.4));
        attempt += 1;
        disconnected = true;
        emit(feed, { type: 'DISCONNECTED', message: describeError(error), retryInMs });
        await sleep(feed, retryInMs);
        // After an outage the events in between may be lost for good; relisting makes the snapshot true again.
        if (attempt > 1) mustList = true;
      }
    }
  };

  const stopFeed = (feed: Feed) => {
    feed.stopped = true;
    feeds.delete(formatWatchKey(feed.key));
    if (feed.lingerTimer) clearTimeout(feed.lingerTimer);
    feed.abortWatch?.();
    feed.wake?.();
  };

  const startFeed = (key: WatchKey): Feed => {
    const feed: Feed = {
      key: { ...key },
      listeners: new Set(),
      objects: new Map(),
      version: 0,
      listed: false,
      resourceVersion: '',
      stopped: false,
      watching: false,
      abortWatch: null,
      lingerTimer: null,
      serial: (feedSerial += 1),
      wake: null,
      done: Promise.resolve(),
    };
    feeds.set(formatWatchKey(key), feed);
    feed.done = run(feed);
    return feed;
  };

  return {
    subscribe(key, listener) {
      const feed = feeds.get(formatWatchKey(key)) ?? startFeed(key);
      if (feed.lingerTimer) {
        clearTimeout(feed.lingerTimer);
        feed.lingerTimer = null;
      }
      feed.listeners.add(listener);
      if (feed.listed) listener({ type: 'SNAPSHOT', objects: [...feed.objects.values()] });
      let active = true;
      return {
        unsubscribe() {
          if (!active) return;
          active = false;
          feed.listeners.delete(listener);
          if (feed.listeners.size === 0 && !feed.stopped) {
            feed.lingerTimer = setTimeout(() => {
              if (feed.listeners.size === 0) stopFeed(feed);
            }, lingerMs);
          }
        },
      };
    },
    currentVersion(key) {
      const feed = feeds.get(formatWatchKey(key));
      // The feed object identity matters too: a feed closed and reopened starts counting again.
      return feed?.listed ? `${feed.serial}.${feed.version}` : null;
    },
    currentObjects(key) {
      const feed = feeds.get(formatWatchKey(key));
      return feed?.listed ? [...feed.objects.values()] : null;
    },
    upstreamWatchCount() {
      let count = 0;
      for (const feed of feeds.values()) if (feed.watching) count += 1;
      return count;
    },
    upstreamWatchesByKey() {
      const byKey = new Map<string, number>();
      for (const [name, feed] of feeds) if (feed.watching) byKey.set(name, (byKey.get(name) ?? 0) + 1);
      return byKey;
    },
    counters: () => ({ feeds: feeds.size, ...counters }),
    async close() {
      const all = [...feeds.values()];
      for (const feed of all) stopFeed(feed);
      await Promise.all(all.map((feed) => feed.done));
    },
  };
}

async function defaultTransportFor(clusterId: string): Promise<WatchTransport> {
  const clients = await getKubeClients(clusterId);
  let cached = transports.get(clients);
  if (!cached) {
    cached = createKubeConfigTransport(clients.kubeConfig);
    transports.set(clients, cached);
  }
  return cached;
}

const transports = new WeakMap<object, WatchTransport>();

// One hub per process; survives Next dev's module reloads so a reload does not double the watches.
const holder = globalThis as unknown as { berthWatchHub?: WatchHub };

export function getWatchHub(): WatchHub {
  holder.berthWatchHub ??= createWatchHub();
  return holder.berthWatchHub;
}

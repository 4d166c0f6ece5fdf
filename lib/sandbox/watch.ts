// Watch streams: newline-delimited {type, object} JSON, headers flushed at once, replay from a
// resourceVersion out of the event ring buffer (410 Expired "too old resource version" beyond it),
// selector transitions as ADDED/DELETED, bookmarks, timeoutSeconds. Streaming lists
// (sendInitialEvents) are refused exactly as a server without the WatchList feature gate refuses them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxCore } from './api';
import { ApiError } from './errors';
import type { ResourceDef } from './kinds/types';
import { apiVersionOf } from './registry';
import type { KObject, StoreEvent } from './types';
import { toVersion } from './http/convert';
import { renderTable, type IncludeObject } from './http/table';

export interface WatchRegistry {
  /**
   * Ends every open watch stream: 'abort' cuts the connection mid-stream (clients see an error),
   * 'end' finishes the response cleanly as a server-side watch timeout does (clients re-watch).
   */
  dropAll(mode?: 'abort' | 'end'): void;
  count(): number;
}

interface OpenWatch {
  abort(): void;
  end(): void;
}

export function createWatchRegistry(): WatchRegistry & { add(w: OpenWatch): () => void } {
  const open = new Set<OpenWatch>();
  return {
    add(w) {
      open.add(w);
      return () => open.delete(w);
    },
    dropAll(mode = 'abort') {
      for (const w of [...open]) (mode === 'end' ? w.end : w.abort)();
    },
    count: () => open.size,
  };
}

export function watchListRefusal(): ApiError {
  return new ApiError(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled', {
    group: 'meta.k8s.io',
    kind: 'ListOptions',
    causes: [{ reason: 'FieldValueForbidden', message: 'Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled', field: 'sendInitialEvents' }],
  });
}

const lineCache = new WeakMap<KObject, Map<string, string>>();

export interface TableWatch {
  version: 'v1' | 'v1beta1';
  include: IncludeObject;
  now: () => Date;
}

function line(def: ResourceDef, version: string, type: string, obj: KObject, table?: TableWatch): string {
  if (table) {
    // `kubectl get --watch` asks for Tables: every event carries a one-row Table with its columns.
    const body = renderTable(def, [toVersion(def, version, obj)], { resourceVersion: obj.metadata.resourceVersion ?? '', include: table.include, tableVersion: table.version, now: table.now() });
    return `{"type":"${type}","object":${body}}\n`;
  }
  let m = lineCache.get(obj);
  if (!m) lineCache.set(obj, (m = new Map()));
  const key = `${type}|${version}`;
  let s = m.get(key);
  if (s === undefined) {
    const body = JSON.stringify(toVersion(def, version, obj));
    s = `{"type":"${type}","object":${body}}\n`;
    m.set(key, s);
  }
  return s;
}

export interface WatchParams {
  core: SandboxCore;
  def: ResourceDef;
  version: string;
  namespace?: string;
  query: URLSearchParams;
  req: IncomingMessage;
  res: ServerResponse;
  registry: ReturnType<typeof createWatchRegistry>;
  bookmarkIntervalMs?: number;
  table?: TableWatch;
}

/** Validates the request and starts streaming; throws ApiError before any byte is written. */
export function serveWatch(p: WatchParams): void {
  const { core, def, version, namespace, query, res } = p;
  if (query.get('sendInitialEvents') !== null) throw watchListRefusal();
  const resource = core.registry.keyOf(def);
  const matches = core.matcher(resource, query.get('labelSelector') ?? undefined, query.get('fieldSelector') ?? undefined);
  const inScope = (o: KObject) => (!def.namespaced || !namespace || o.metadata.namespace === namespace) && matches(o);
  const rvParam = query.get('resourceVersion') ?? '';
  let replay: StoreEvent[] = [];
  let expired: string | undefined;
  if (rvParam === '' || rvParam === '0') {
    for (const s of core.select(resource, { namespace: def.namespaced ? namespace : undefined })) {
      if (matches(s.obj)) replay.push({ type: 'ADDED', resource, object: s.obj });
    }
  } else {
    const from = Number(rvParam);
    if (!Number.isInteger(from) || from < 0) throw new ApiError(400, 'BadRequest', `invalid resource version: ${rvParam}`);
    const entries = core.store.since(from);
    if (!entries) expired = `too old resource version: ${from} (${core.store.oldestResumableRv()})`;
    else replay = entries.filter((e) => e.event.resource === resource).map((e) => e.event);
  }

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  if (expired) {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: expired, reason: 'Expired', code: 410 };
    res.end(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
    return;
  }

  let lastRv = core.store.currentRv();
  // A burst of writes in one tick goes out as one TLS record batch per watcher, not one per event.
  let ended = false;
  let corked = 0;
  const send = (type: string, obj: KObject) => {
    if (corked === 0 && !ended) {
      res.cork();
      setImmediate(() => {
        if (corked > 0) res.uncork();
        corked = 0;
      });
    }
    corked++;
    res.write(line(def, version, type, obj, p.table));
    // Bound what a long synchronous burst keeps buffered per watcher.
    if (corked >= 64) {
      res.uncork();
      res.cork();
      corked = 1;
    }
  };
  const deliver = (e: StoreEvent) => {
    if (e.resource !== resource) return;
    const now = inScope(e.object);
    const before = e.old ? inScope(e.old) : false;
    lastRv = Number(e.object.metadata.resourceVersion) || lastRv;
    if (e.type === 'ADDED') {
      if (now) send('ADDED', e.object);
    } else if (e.type === 'DELETED') {
      if (now || before) send('DELETED', e.object);
    } else if (now && before) send('MODIFIED', e.object);
    else if (now) send('ADDED', e.object);
    else if (before) send('DELETED', e.object);
  };
  for (const e of replay) {
    if (rvParam === '' || rvParam === '0') send('ADDED', e.object);
    else deliver(e);
  }
  const unsubscribe = core.subscribe(deliver);
  const timers: NodeJS.Timeout[] = [];
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    unregister();
    for (const t of timers) clearTimeout(t);
    res.end();
  };
  const unregister = p.registry.add({
    end,
    abort() {
      if (ended) return;
      ended = true;
      unsubscribe();
      unregister();
      for (const t of timers) clearTimeout(t);
      res.destroy();
    },
  });
  const bookmark = () => {
    const obj = { kind: def.kind, apiVersion: apiVersionOf(def.group, version), metadata: { resourceVersion: String(Math.max(lastRv, core.store.currentRv())) } };
    res.write(`{"type":"BOOKMARK","object":${JSON.stringify(obj)}}\n`);
  };
  const timeout = Number(query.get('timeoutSeconds') ?? 0);
  const limitSeconds = timeout > 0 ? timeout : 1800 + Math.floor(Math.random() * 1800);
  timers.push(setTimeout(end, limitSeconds * 1000));
  if (query.get('allowWatchBookmarks') === 'true') {
    const t = setInterval(bookmark, p.bookmarkIntervalMs ?? 60_000);
    timers.push(t);
  }
  p.req.on('close', end);
  res.on('close', end);
}

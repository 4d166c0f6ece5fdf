// The sandbox's HTTP front door: bearer-token authentication, fault injection, and routing of
// /version, health checks, discovery, OpenAPI and the resource paths to their handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { SandboxCore } from '../api';
import { ApiError, apiErrors } from '../errors';
import { aggregatedContentType, aggregatedDiscovery, aggregatedVersionAsked, apiGroup, apiGroupList, apiResourceList, apiVersions } from '../discovery';
import type { FaultState } from '../faults';
import { buildOpenApiDocs } from '../openapi';
import { serveWatch, type createWatchRegistry } from '../watch';
import { handleCreate, handleDelete, handleDeleteCollection, handleGet, handleList, handlePatch, handleUpdate, type RequestContext } from './handlers';
import { sendError, sendJson, sendJsonText, sendText, wantsTable } from './respond';
import { parseIncludeObject } from './table';
import { parseResourcePath } from './routes';

export const SERVER_VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.9',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export interface ServerDeps {
  core: SandboxCore;
  token: string;
  faults: FaultState;
  watches: ReturnType<typeof createWatchRegistry>;
  /** How often watches with allowWatchBookmarks get a BOOKMARK (real servers: about a minute). */
  bookmarkIntervalMs?: number;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7).trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createRequestHandler(deps: ServerDeps) {
  const { core } = deps;
  const openapi = buildOpenApiDocs(core.registry);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    if (!tokenMatches(req.headers.authorization, deps.token)) throw apiErrors.unauthorized();
    if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path)) return sendText(res, 200, 'ok');
    const accept = req.headers.accept;
    if (path === '/api' || path === '/apis') {
      const agg = aggregatedVersionAsked(accept);
      if (agg) {
        return sendJsonText(res, 200, JSON.stringify(aggregatedDiscovery(core.registry, path === '/api', agg)), { 'Content-Type': aggregatedContentType(agg), Vary: 'Accept' });
      }
      const host = req.headers.host ?? '127.0.0.1';
      return sendJson(res, 200, path === '/api' ? apiVersions(host) : apiGroupList(core.registry), { Vary: 'Accept' });
    }
    if (path === '/openapi/v3') return sendJson(res, 200, openapi.root);
    if (path.startsWith('/openapi/v3/')) {
      const doc = openapi.docs.get(path.slice('/openapi/v3/'.length));
      if (!doc) throw notFoundPath();
      const hashed = url.searchParams.get('hash') === doc.hash;
      return sendJsonText(res, 200, doc.body, hashed
        ? { ETag: `"${doc.hash}"`, 'Cache-Control': 'public, immutable', Expires: new Date(Date.now() + 365 * 86400_000).toUTCString() }
        : { ETag: `"${doc.hash}"`, 'Cache-Control': 'no-cache, private' });
    }
    const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
    // Deprecated watch paths (/api/v1/watch/…, /apis/<g>/<v>/watch/…) are still served upstream.
    const watchAt = segments[0] === 'api' ? 2 : 3;
    if (segments[watchAt] === 'watch' && method === 'GET') {
      segments.splice(watchAt, 1);
      url.searchParams.set('watch', 'true');
    }
    if (segments[0] === 'apis' && segments.length === 2) {
      const g = apiGroup(core.registry, segments[1]);
      if (!g) throw notFoundPath();
      return sendJson(res, 200, g);
    }
    const parsed = parseResourcePath(core.registry, segments);
    if (parsed.kind === 'notFound') throw notFoundPath();
    if (parsed.kind === 'groupVersion') {
      if (method !== 'GET') throw notFoundPath();
      return sendJson(res, 200, apiResourceList(core.registry, parsed.group, parsed.version));
    }
    const r = parsed.route;
    if (r.subresource === 'finalize') r.subresource = undefined;
    const ctx: RequestContext = { core, req, res, route: r, query: url.searchParams };
    const { def } = r;
    const isWatch = ['true', '1'].includes(url.searchParams.get('watch') ?? '');
    switch (method) {
      case 'GET':
        if (isWatch) {
          if (r.name) url.searchParams.set('fieldSelector', [url.searchParams.get('fieldSelector'), `metadata.name=${r.name}`].filter(Boolean).join(','));
          const tv = wantsTable(accept);
          const table = tv ? { version: tv, include: parseIncludeObject(url.searchParams.get('includeObject')), now: () => core.clock.now() } : undefined;
          return serveWatch({ core, def, version: r.version, namespace: r.namespace, query: url.searchParams, req, res, registry: deps.watches, table, bookmarkIntervalMs: deps.bookmarkIntervalMs });
        }
        return r.name ? handleGet(ctx) : handleList(ctx);
      case 'POST':
        if (r.name) throw apiErrors.methodNotSupported(def.group, def.plural, 'create');
        return handleCreate(ctx);
      case 'PUT':
        if (!r.name) throw apiErrors.methodNotSupported(def.group, def.plural, 'update');
        return handleUpdate(ctx);
      case 'PATCH':
        if (!r.name) throw apiErrors.methodNotSupported(def.group, def.plural, 'patch');
        return handlePatch(ctx);
      case 'DELETE':
        return r.name ? handleDelete(ctx) : handleDeleteCollection(ctx);
      default:
        throw apiErrors.methodNotSupported(def.group, def.plural, method.toLowerCase());
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const f = deps.faults;
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (f.unavailable === '503') throw apiErrors.serviceUnavailable('the server is currently unable to handle the request');
      await route(req, res);
    } catch (err) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendError(res, err);
    }
  };
}

function notFoundPath(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

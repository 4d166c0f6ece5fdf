// LIST: selectors, limit/continue pagination, Table output, and the JSON list body assembled from
// each object's cached bytes (a 10,000-pod LIST must not re-serialize every object).
import { apiErrors } from '../errors';
import type { ResourceDef } from '../kinds/types';
import { apiVersionOf } from '../registry';
import { bytesOf, jsonOf, type StoredObject } from '../store';
import type { KObject } from '../types';
import { toVersion } from './convert';
import type { RequestContext } from './handlers';
import { sendJsonBytes, sendJsonText, wantsTable } from './respond';
import { parseIncludeObject, renderTable } from './table';

const COMMA = Buffer.from(',');
const LIST_END = Buffer.from(']}');

function objectJson(def: ResourceDef, version: string, s: StoredObject): string {
  return version === def.version ? jsonOf(s) : JSON.stringify(toVersion(def, version, s.obj));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

function decodeContinue(s: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as { rv?: unknown; start?: unknown };
    if (typeof t.rv === 'number' && typeof t.start === 'string') return { rv: t.rv, start: t.start };
  } catch {
    // fall through
  }
  throw apiErrors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function positionOf(o: KObject): string {
  return `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
}

export function handleList(ctx: RequestContext): void {
  const { core, query, route } = ctx;
  const { def, version } = route;
  const labelSelector = query.get('labelSelector') ?? undefined;
  const fieldSelector = query.get('fieldSelector') ?? undefined;
  let items = core.select(core.registry.keyOf(def), { namespace: route.namespace, labelSelector, fieldSelector });
  let listRv = core.store.currentRv();
  const cont = query.get('continue');
  if (cont) {
    const token = decodeContinue(cont);
    if (token.rv < core.store.oldestResumableRv()) {
      throw apiErrors.expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
    }
    listRv = token.rv;
    items = items.filter((s) => positionOf(s.obj) > token.start);
  }
  const limit = Number(query.get('limit') ?? 0);
  let continueToken: string | undefined;
  let remaining: number | undefined;
  if (limit > 0 && items.length > limit) {
    const rest = items.length - limit;
    items = items.slice(0, limit);
    continueToken = encodeContinue({ rv: listRv, start: positionOf(items[items.length - 1].obj) });
    if (!labelSelector && !fieldSelector) remaining = rest;
  }
  const tv = wantsTable(ctx.req.headers.accept);
  if (tv) {
    const objs = items.map((s) => toVersion(def, version, s.obj));
    sendJsonText(ctx.res, 200, renderTable(def, objs, { resourceVersion: String(listRv), continueToken, remainingItemCount: remaining, include: parseIncludeObject(query.get('includeObject')), tableVersion: tv, now: core.clock.now() }));
    return;
  }
  const meta: Record<string, unknown> = { resourceVersion: String(listRv) };
  if (continueToken) meta.continue = continueToken;
  if (remaining !== undefined) meta.remainingItemCount = remaining;
  const head = `{"kind":${JSON.stringify(def.listKind ?? `${def.kind}List`)},"apiVersion":${JSON.stringify(apiVersionOf(def.group, version))},"metadata":${JSON.stringify(meta)},"items":[`;
  const parts: Buffer[] = [Buffer.from(head)];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(version === def.version ? bytesOf(items[i]) : Buffer.from(objectJson(def, version, items[i])));
  }
  parts.push(LIST_END);
  sendJsonBytes(ctx.res, 200, Buffer.concat(parts));
}


// REST verbs on one resource: get, list (limit/continue, Table), create, update, patch (four content
// types), delete (DeleteOptions, propagationPolicy) and deletecollection, plus the status and scale
// subresources. Watches are served by ../watch.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import type { SandboxCore } from '../api';
import { ApiError, apiErrors } from '../errors';
import { applyJsonPatch, applyMergePatch, applyServerSide, applyStrategicMergePatch, resolveFieldManager } from '../patch';
import { apiVersionOf } from '../registry';
import type { StoredObject } from '../store';
import type { KObject, PropagationPolicy } from '../types';
import { applyScale, fromVersion, scaleOf, toVersion } from './convert';
import { checkFieldValidation, type FieldValidation } from './field-validation';
import { contentTypeOf, readBody, sendJson, sendJsonText, warningHeader, wantsTable } from './respond';
import type { ResourceRoute } from './routes';
import { parseIncludeObject, renderTable } from './table';

export { handleList } from './list';

export interface RequestContext {
  core: SandboxCore;
  req: IncomingMessage;
  res: ServerResponse;
  route: ResourceRoute;
  query: URLSearchParams;
}

const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

export function keyOf(ctx: RequestContext): string {
  return ctx.core.registry.keyOf(ctx.route.def);
}

function dryRunOf(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun').filter(Boolean);
  for (const v of values) {
    if (v !== 'All') throw apiErrors.badRequest(`Invalid dry run value: ${v}`);
  }
  return values.length > 0;
}

function fieldValidationOf(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation') ?? '';
  if (v === '' || v === 'Strict' || v === 'Warn' || v === 'Ignore') return (v || 'Warn') as FieldValidation;
  throw apiErrors.badRequest(`fieldValidation parameter unsupported: ${v}`);
}

function managerOf(ctx: RequestContext): string {
  return resolveFieldManager(ctx.query.get('fieldManager') ?? undefined, ctx.req.headers['user-agent']);
}

async function readObject(ctx: RequestContext, allowYaml: boolean): Promise<unknown> {
  const ct = contentTypeOf(ctx.req);
  const raw = await readBody(ctx.req);
  if (ct === 'application/vnd.kubernetes.protobuf') throw apiErrors.unsupportedMediaType(ct);
  const text = raw.toString('utf8');
  if (!text.trim()) throw apiErrors.badRequest('Object \'Kind\' is missing in \'\'');
  try {
    if (allowYaml && (ct === 'application/yaml' || ct === 'application/apply-patch+yaml')) return YAML.parse(text);
    return JSON.parse(text);
  } catch (err) {
    throw apiErrors.badRequest(`error decoding request body: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function asObject(body: unknown): KObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw apiErrors.badRequest('Object \'Kind\' is missing in \'' + JSON.stringify(body) + '\'');
  const obj = body as KObject;
  if (!obj.metadata || typeof obj.metadata !== 'object') obj.metadata = {};
  return obj;
}

function current(ctx: RequestContext): StoredObject {
  const { def, namespace, name } = ctx.route;
  const s = ctx.core.store.get(keyOf(ctx), def.namespaced ? (namespace ?? '') : '', name as string);
  if (!s) throw apiErrors.notFound(def.group, def.plural, name as string);
  return s;
}

function reply(ctx: RequestContext, code: number, obj: KObject, warnings: string[] = []): void {
  const { def, version } = ctx.route;
  const view = ctx.route.subresource === 'scale' ? scaleOf(obj) : toVersion(def, version, obj);
  const tv = wantsTable(ctx.req.headers.accept);
  if (tv && ctx.route.subresource !== 'scale') {
    sendJsonText(ctx.res, code, renderTable(def, [view], { resourceVersion: view.metadata.resourceVersion ?? '', include: parseIncludeObject(ctx.query.get('includeObject')), tableVersion: tv, now: ctx.core.clock.now() }));
    return;
  }
  sendJson(ctx.res, code, view, warningHeader(warnings));
}

export function handleGet(ctx: RequestContext): void {
  const s = current(ctx);
  reply(ctx, 200, s.obj);
}

function checkNamespaceAndName(ctx: RequestContext, obj: KObject, requireName: boolean): void {
  const { def, namespace, name } = ctx.route;
  if (def.namespaced) {
    if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
      throw apiErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace;
  }
  if (requireName && obj.metadata.name !== name) {
    throw apiErrors.badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`);
  }
}

function checkKind(ctx: RequestContext, obj: KObject): void {
  const { def, version } = ctx.route;
  const expectedKind = ctx.route.subresource === 'scale' ? 'Scale' : def.kind;
  if (obj.kind && obj.kind !== expectedKind) {
    throw apiErrors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(def.group, version)})`);
  }
}

export async function handleCreate(ctx: RequestContext): Promise<void> {
  const { core, route } = ctx;
  if (!route.namespace && route.def.namespaced) throw apiErrors.methodNotSupported(route.def.group, route.def.plural, 'create');
  const dryRun = dryRunOf(ctx.query);
  const validation = fieldValidationOf(ctx.query);
  const body = asObject(await readObject(ctx, true));
  checkKind(ctx, body);
  const warnings = checkFieldValidation(route.def, body, validation, 'create');
  checkNamespaceAndName(ctx, body, false);
  const created = core.createWith(keyOf(ctx), fromVersion(route.def, route.version, body), { dryRun, fieldManager: managerOf(ctx) });
  reply(ctx, 201, created, warnings);
}

export async function handleUpdate(ctx: RequestContext): Promise<void> {
  const { core, route } = ctx;
  const dryRun = dryRunOf(ctx.query);
  const validation = fieldValidationOf(ctx.query);
  const body = asObject(await readObject(ctx, true));
  checkKind(ctx, body);
  checkNamespaceAndName(ctx, body, true);
  const manager = managerOf(ctx);
  if (route.subresource === 'scale') {
    const updated = core.updateWith(keyOf(ctx), applyScale(current(ctx).obj, body), { dryRun, fieldManager: manager, subresource: 'scale' });
    reply(ctx, 200, updated);
    return;
  }
  const warnings = checkFieldValidation(route.def, body, validation, 'update');
  const sub = route.subresource === 'status' ? 'status' : undefined;
  const updated = core.updateWith(keyOf(ctx), fromVersion(route.def, route.version, body), { dryRun, fieldManager: manager, subresource: sub });
  reply(ctx, 200, updated, warnings);
}

export async function handlePatch(ctx: RequestContext): Promise<void> {
  const { core, route } = ctx;
  const { def, version } = route;
  const ct = contentTypeOf(ctx.req);
  if (!PATCH_TYPES.includes(ct)) throw apiErrors.unsupportedMediaType(ct);
  const dryRun = dryRunOf(ctx.query);
  const validation = fieldValidationOf(ctx.query);
  const forceParam = ctx.query.get('force');
  const isApply = ct === 'application/apply-patch+yaml';
  if (forceParam !== null && !isApply) throw apiErrors.unprocessable('force: Forbidden: may not be specified for non-apply patch', [{ reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' }]);
  const body = await readObject(ctx, isApply);
  const manager = managerOf(ctx);
  const sub = route.subresource === 'status' ? 'status' : route.subresource === 'scale' ? 'scale' : undefined;
  const existing = core.store.get(keyOf(ctx), def.namespaced ? (route.namespace ?? '') : '', route.name as string)?.obj;
  if (isApply) {
    if (!ctx.query.get('fieldManager')) throw apiErrors.badRequest('PATCH requests with application/apply-patch+yaml content type require fieldManager to be set');
    const applied = asObject(body);
    checkKind(ctx, applied);
    checkNamespaceAndName(ctx, applied, true);
    const warnings = checkFieldValidation(def, applied, validation, 'apply');
    const gv = sub === 'scale' ? 'autoscaling/v1' : apiVersionOf(def.group, version);
    const live = existing ? (sub === 'scale' ? scaleOf(existing) : toVersion(def, version, existing)) : undefined;
    if (!existing && sub) throw apiErrors.notFound(def.group, def.plural, route.name as string);
    const merged = applyServerSide(live, applied, { manager, apiVersion: gv, now: core.clock.now(), force: forceParam === 'true', subresource: sub });
    const managedFields = merged.metadata.managedFields;
    if (!existing) {
      const created = core.createWith(keyOf(ctx), fromVersion(def, version, merged), { dryRun, managedFields });
      reply(ctx, 201, created, warnings);
      return;
    }
    const target = sub === 'scale' ? applyScale(existing, merged) : fromVersion(def, version, merged);
    const updated = core.updateWith(keyOf(ctx), target, { dryRun, subresource: sub, managedFields });
    reply(ctx, 200, updated, warnings);
    return;
  }
  if (!existing) throw apiErrors.notFound(def.group, def.plural, route.name as string);
  const view = sub === 'scale' ? scaleOf(existing) : toVersion(def, version, existing);
  let patched: KObject;
  if (ct === 'application/json-patch+json') patched = applyJsonPatch(view, body);
  else if (ct === 'application/merge-patch+json') patched = applyMergePatch(view, body);
  else {
    const gvk = sub === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { group: def.group, version, kind: def.kind };
    patched = applyStrategicMergePatch(view, body, gvk);
  }
  const patchedObj = asObject(patched);
  const warnings = checkFieldValidation(def, patchedObj, validation, 'patch');
  if (sub === 'scale') {
    const updated = core.updateWith(keyOf(ctx), applyScale(existing, patchedObj), { dryRun, fieldManager: manager, subresource: 'scale' });
    reply(ctx, 200, updated);
    return;
  }
  const updated = core.updateWith(keyOf(ctx), fromVersion(def, version, patchedObj), { dryRun, fieldManager: manager, subresource: sub });
  reply(ctx, 200, updated, warnings);
}

interface DeleteOptionsBody {
  propagationPolicy?: string;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
  gracePeriodSeconds?: number;
}

async function deleteOptionsOf(ctx: RequestContext): Promise<{ policy?: PropagationPolicy; preconditions?: { uid?: string; resourceVersion?: string }; dryRun: boolean; gracePeriodSeconds?: number }> {
  const raw = (await readBody(ctx.req)).toString('utf8').trim();
  let body: DeleteOptionsBody = {};
  if (raw) {
    try {
      body = JSON.parse(raw) as DeleteOptionsBody;
    } catch (err) {
      throw apiErrors.badRequest(`error decoding DeleteOptions: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  let policy = (body.propagationPolicy ?? ctx.query.get('propagationPolicy') ?? undefined) as string | undefined;
  if (policy === undefined && (body.orphanDependents === true || ctx.query.get('orphanDependents') === 'true')) policy = 'Orphan';
  if (policy !== undefined && policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
    throw apiErrors.unprocessable(`DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  const dryRun = dryRunOf(ctx.query) || (body.dryRun ?? []).includes('All');
  const graceParam = ctx.query.get('gracePeriodSeconds');
  const grace = body.gracePeriodSeconds ?? (graceParam !== null && graceParam !== '' ? Number(graceParam) : undefined);
  if (grace !== undefined && !Number.isInteger(grace)) throw apiErrors.badRequest(`invalid gracePeriodSeconds: ${String(grace)}`);
  return { policy: policy as PropagationPolicy | undefined, preconditions: body.preconditions, dryRun, gracePeriodSeconds: grace };
}

const RETURNS_DELETED_OBJECT = new Set(['core/pods', 'core/namespaces', 'core/services', 'core/nodes', 'core/persistentvolumes', 'core/persistentvolumeclaims']);

export async function handleDelete(ctx: RequestContext): Promise<void> {
  const { core, route } = ctx;
  const { def } = route;
  const opts = await deleteOptionsOf(ctx);
  const key = keyOf(ctx);
  const result = core.deleteWith(key, route.namespace, route.name as string, { propagationPolicy: opts.policy, preconditions: opts.preconditions, dryRun: opts.dryRun, gracePeriodSeconds: opts.gracePeriodSeconds });
  const stillThere = core.store.get(key, def.namespaced ? (route.namespace ?? '') : '', route.name as string);
  if (stillThere || RETURNS_DELETED_OBJECT.has(key) || opts.dryRun) {
    reply(ctx, stillThere && !opts.dryRun && stillThere.obj.metadata.deletionTimestamp && key !== 'core/namespaces' ? 202 : 200, stillThere && !opts.dryRun ? stillThere.obj : result);
    return;
  }
  sendJson(ctx.res, 200, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: route.name, group: def.group || undefined, kind: def.plural, uid: result.metadata.uid },
  });
}

export async function handleDeleteCollection(ctx: RequestContext): Promise<void> {
  const { core, route, query } = ctx;
  const { def, version } = route;
  const opts = await deleteOptionsOf(ctx);
  const key = keyOf(ctx);
  const targets = core.select(key, { namespace: route.namespace, labelSelector: query.get('labelSelector') ?? undefined, fieldSelector: query.get('fieldSelector') ?? undefined });
  const deleted: KObject[] = [];
  for (const s of targets) {
    try {
      deleted.push(core.deleteWith(key, s.obj.metadata.namespace, s.obj.metadata.name as string, { propagationPolicy: opts.policy, dryRun: opts.dryRun, gracePeriodSeconds: opts.gracePeriodSeconds }));
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 404) throw err;
    }
  }
  sendJson(ctx.res, 200, {
    kind: def.listKind ?? `${def.kind}List`,
    apiVersion: apiVersionOf(def.group, version),
    metadata: { resourceVersion: String(core.store.currentRv()) },
    items: deleted.map((o) => toVersion(def, version, o)),
  });
}

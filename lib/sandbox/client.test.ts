// @kubernetes/client-node 1.4 against a sandbox over HTTPS: CRUD, Status error shapes, pagination,
// watch with resume and 410, informers, server-side apply conflicts, dry run, field validation, faults.
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  makeInformer,
  PatchStrategy,
  setHeaderOptions,
  Watch,
  type V1ConfigMap,
  type V1Deployment,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './index';
import { collectWatch, rawRequest, waitFor } from './testing/http';

let sb: Sandbox;
let core: CoreV1Api;
let apps: AppsV1Api;
let kc: KubeConfig;
const ns = 'client-test';

function deployment(name: string, replicas = 2): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } },
    },
  };
}

async function statusOf(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiException) {
      const body = typeof e.body === 'string' ? (JSON.parse(e.body) as Record<string, unknown>) : (e.body as Record<string, unknown>);
      return { code: e.code, body };
    }
    throw e;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  sb = await startSandbox({ port: 0, controllers: false, logCapacity: 200 });
  kc = new KubeConfig();
  kc.loadFromString(sb.kubeconfig);
  core = kc.makeApiClient(CoreV1Api);
  apps = kc.makeApiClient(AppsV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
});

afterAll(async () => {
  await sb?.close();
});

describe('client-node CRUD and errors', () => {
  it('creates, reads, replaces, lists and deletes a deployment with server defaults applied', async () => {
    const created = await apps.createNamespacedDeployment({ namespace: ns, body: deployment('crud') });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.metadata?.generation).toBe(1);
    expect(created.spec?.strategy?.type).toBe('RollingUpdate');
    expect(created.spec?.revisionHistoryLimit).toBe(10);
    const read = await apps.readNamespacedDeployment({ name: 'crud', namespace: ns });
    expect(read.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
    read.spec!.replicas = 4;
    const replaced = await apps.replaceNamespacedDeployment({ name: 'crud', namespace: ns, body: read });
    expect(replaced.metadata?.generation).toBe(2);
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));
    const list = await apps.listNamespacedDeployment({ namespace: ns, labelSelector: 'app=crud' });
    expect(list.items.map((d) => d.metadata?.name)).toEqual(['crud']);
    await apps.deleteNamespacedDeployment({ name: 'crud', namespace: ns });
    const gone = await statusOf(apps.readNamespacedDeployment({ name: 'crud', namespace: ns }));
    expect(gone.code).toBe(404);
  });

  it('returns Status objects shaped like a real API server', async () => {
    const nf = await statusOf(apps.readNamespacedDeployment({ name: 'missing', namespace: ns }));
    expect(nf).toEqual({
      code: 404,
      body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'deployments.apps "missing" not found', reason: 'NotFound', details: { name: 'missing', group: 'apps', kind: 'deployments' }, code: 404 },
    });
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'dup' } } });
    const dup = await statusOf(core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'dup' } } }));
    expect(dup.body).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'configmaps "dup" already exists', details: { name: 'dup', kind: 'configmaps' } });

    const cm = await core.readNamespacedConfigMap({ name: 'dup', namespace: ns });
    await core.replaceNamespacedConfigMap({ name: 'dup', namespace: ns, body: { ...cm, data: { a: '1' } } });
    const stale = await statusOf(core.replaceNamespacedConfigMap({ name: 'dup', namespace: ns, body: { ...cm, data: { a: '2' } } }));
    expect(stale.body).toMatchObject({ reason: 'Conflict', code: 409, message: 'Operation cannot be fulfilled on configmaps "dup": the object has been modified; please apply your changes to the latest version and try again' });

    const bad = deployment('bad');
    bad.spec!.template.metadata!.labels = { app: 'other' };
    const invalid = await statusOf(apps.createNamespacedDeployment({ namespace: ns, body: bad }));
    expect(invalid.code).toBe(422);
    expect(invalid.body.reason).toBe('Invalid');
    expect(invalid.body.message).toMatch(/^Deployment\.apps "bad" is invalid: /);
    expect((invalid.body.details as { causes: unknown[] }).causes.length).toBeGreaterThan(0);

    const noNs = await statusOf(core.createNamespacedConfigMap({ namespace: 'nope', body: { metadata: { name: 'x' } } }));
    expect(noNs.body).toMatchObject({ code: 404, message: 'namespaces "nope" not found' });
  });

  it('requires the bearer token', async () => {
    const r = await rawRequest(sb, 'GET', '/api/v1/namespaces', { token: null });
    expect(r.status).toBe(401);
    expect(r.json()).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    expect((await rawRequest(sb, 'GET', '/api/v1/namespaces', { token: 'wrong' })).status).toBe(401);
  });

  it('pages lists with limit and continue', async () => {
    for (let i = 0; i < 7; i++) await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `page-${i}`, labels: { page: 'yes' } } } });
    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'page=yes', limit: 3, _continue: cont });
      seen.push(...page.items.map((c) => c.metadata?.name as string));
      cont = page.metadata?._continue || undefined;
      pages++;
    } while (cont);
    expect(pages).toBe(3);
    expect(seen).toEqual(['page-0', 'page-1', 'page-2', 'page-3', 'page-4', 'page-5', 'page-6']);
    const first = await core.listNamespacedConfigMap({ namespace: ns, limit: 2 });
    expect(first.metadata?.remainingItemCount).toBeGreaterThan(0);
  });

  it('dry-runs writes without persisting them', async () => {
    await core.createNamespacedConfigMap({ namespace: ns, dryRun: 'All', body: { metadata: { name: 'dry' } } });
    expect((await statusOf(core.readNamespacedConfigMap({ name: 'dry', namespace: ns }))).code).toBe(404);
  });

  it('applies fieldValidation: Strict rejects, Warn warns, Ignore drops unknown fields', async () => {
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fv' }, data: { a: '1' }, bogus: true };
    const strict = await rawRequest(sb, 'POST', `/api/v1/namespaces/${ns}/configmaps?fieldValidation=Strict`, { body });
    expect(strict.status).toBe(400);
    expect(strict.json().message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
    const warn = await rawRequest(sb, 'POST', `/api/v1/namespaces/${ns}/configmaps?fieldValidation=Warn`, { body });
    expect(warn.status).toBe(201);
    expect(warn.headers.warning).toBe('299 - "unknown field \\"bogus\\""');
    expect(warn.json().bogus).toBeUndefined();
  });
});

describe('client-node watch', () => {
  it('streams events with kind/apiVersion, resumes from a resourceVersion, and flushes headers at once', async () => {
    const list = await core.listNamespacedConfigMap({ namespace: ns });
    const rv = list.metadata?.resourceVersion as string;
    const received: Array<{ type: string; name: string; kind: string }> = [];
    const w = new Watch(kc);
    const ctrl = await w.watch(`/api/v1/namespaces/${ns}/configmaps`, { resourceVersion: rv, labelSelector: 'w=1' }, (type, obj: V1ConfigMap) => {
      received.push({ type, name: obj.metadata?.name as string, kind: obj.kind as string });
    }, () => undefined);
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'w1', labels: { w: '1' } } } });
    await core.patchNamespacedConfigMap({ name: 'w1', namespace: ns, body: { data: { x: 'y' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    await core.deleteNamespacedConfigMap({ name: 'w1', namespace: ns });
    await waitFor(() => received.length >= 3, 'three watch events');
    ctrl.abort();
    expect(received).toEqual([
      { type: 'ADDED', name: 'w1', kind: 'ConfigMap' },
      { type: 'MODIFIED', name: 'w1', kind: 'ConfigMap' },
      { type: 'DELETED', name: 'w1', kind: 'ConfigMap' },
    ]);

    // Resuming from the old list RV replays everything that happened since.
    const replay = await collectWatch(sb, `/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=w%3D1&resourceVersion=${rv}`, (ev) => ev.length >= 3);
    expect(replay.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    // An idle watch gets its headers before any event is written (kubectl hangs otherwise) …
    const idle = await collectWatch(sb, `/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=none%3D1&resourceVersion=${rv}`, () => false, 20_000, {}, { stopOnHeaders: true });
    expect([idle.status, idle.events.length, idle.ended]).toEqual([200, 0, false]);
    // … and the server ends it after timeoutSeconds.
    const timed = await collectWatch(sb, `/api/v1/namespaces/${ns}/configmaps?watch=true&labelSelector=none%3D1&resourceVersion=${rv}&timeoutSeconds=1`, () => false, 20_000);
    expect([timed.status, timed.events.length, timed.ended]).toEqual([200, 0, true]);
  });

  it('answers a too-old resourceVersion with an ERROR event carrying 410 Expired', async () => {
    for (let i = 0; i < 210; i++) await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: `churn-${i}` } } });
    const result = await collectWatch(sb, `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=1`, (ev) => ev.length >= 1);
    const err = result.events[0];
    expect(err.type).toBe('ERROR');
    expect(err.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(err.object.message).toMatch(/^too old resource version: 1 \(\d+\)$/);
  });

  it('refuses streaming lists like a server without the WatchList gate', async () => {
    const refused = await rawRequest(sb, 'GET', `/api/v1/namespaces/${ns}/configmaps?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    expect(refused.status).toBe(422);
    expect(refused.json().message).toBe('ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled');
  });

  it('keeps an informer cache in sync', async () => {
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const informer = makeInformer(kc, path, () => core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'inf=1' }), 'inf=1');
    const added: string[] = [];
    informer.on('add', (o) => added.push(o.metadata?.name as string));
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'inf-a', labels: { inf: '1' } } } });
    await waitFor(() => informer.get('inf-a', ns), 'informer to see inf-a');
    expect(added).toContain('inf-a');
    await informer.stop();
  });

  it('recovers an informer whose resume point expired (410) by relisting', async () => {
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    let lists = 0;
    const informer = makeInformer(kc, path, () => {
      lists++;
      return core.listNamespacedConfigMap({ namespace: ns, labelSelector: 'gap=1' });
    }, 'gap=1');
    const errors: unknown[] = [];
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'gap-before', labels: { gap: '1' } } } });
    await waitFor(() => informer.get('gap-before', ns), 'informer to see gap-before');
    // End the watch cleanly and, before the informer re-watches, push its resourceVersion out of the
    // 200-event history: the re-watch gets 410 Expired and the informer must relist to see gap-after.
    sb.faults.dropWatches('end');
    for (let i = 0; i < 250; i++) sb.api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `gap-filler-${i}`, namespace: ns } });
    sb.api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'gap-after', namespace: ns, labels: { gap: '1' } } });
    await waitFor(() => informer.get('gap-after', ns), 'informer to relist after 410');
    expect(informer.list(ns).map((c) => c.metadata?.name).sort()).toEqual(['gap-after', 'gap-before']);
    expect(lists).toBe(2);
    expect(errors).toEqual([]);
    await informer.stop();
  });
});

describe('server-side apply through client-node', () => {
  it('creates with 201, detects conflicts with another manager (409) and takes ownership with force', async () => {
    const opts = setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply);
    const body = deployment('ssa', 2);
    body.metadata!.namespace = ns;
    const created = await apps.patchNamespacedDeployment({ name: 'ssa', namespace: ns, body, fieldManager: 'berth-test', force: false }, opts);
    expect(created.spec?.replicas).toBe(2);
    expect(created.metadata?.managedFields?.some((m) => m.manager === 'berth-test' && m.operation === 'Apply')).toBe(true);

    await apps.patchNamespacedDeploymentScale({ name: 'ssa', namespace: ns, body: { spec: { replicas: 5 } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    const conflict = await statusOf(apps.patchNamespacedDeployment({ name: 'ssa', namespace: ns, body, fieldManager: 'berth-test', force: false }, opts));
    expect(conflict.code).toBe(409);
    expect(conflict.body.reason).toBe('Conflict');
    expect(conflict.body.message).toMatch(/^Apply failed with 1 conflict: conflict with ".+" (using apps\/v1 )?.*: \.spec\.replicas$/);
    expect((conflict.body.details as { causes: Array<{ reason: string; field: string }> }).causes).toEqual([
      expect.objectContaining({ reason: 'FieldManagerConflict', field: '.spec.replicas' }),
    ]);

    const forced = await apps.patchNamespacedDeployment({ name: 'ssa', namespace: ns, body, fieldManager: 'berth-test', force: true }, opts);
    expect(forced.spec?.replicas).toBe(2);
  });
});

describe('fault injection', () => {
  it('makes the API unavailable, slow, and drops watches', async () => {
    await sb.faults.setUnavailable('503');
    const down = await rawRequest(sb, 'GET', '/api/v1/namespaces');
    expect(down.status).toBe(503);
    expect(down.json().reason).toBe('ServiceUnavailable');
    await sb.faults.setUnavailable('refuse');
    // A pooled keep-alive connection may first see its socket hang up; new connections are refused.
    await expect(rawRequest(sb, 'GET', '/api/v1/namespaces')).rejects.toThrow(/ECONNREFUSED|ECONNRESET|socket hang up/);
    await expect(rawRequest(sb, 'GET', '/api/v1/namespaces')).rejects.toThrow(/ECONNREFUSED/);
    await sb.faults.reset();
    expect((await rawRequest(sb, 'GET', '/api/v1/namespaces')).status).toBe(200);

    sb.faults.setLatency(300);
    const t0 = Date.now();
    await rawRequest(sb, 'GET', '/version');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    sb.faults.setLatency(0);

    let seen = 0;
    const watching = collectWatch(sb, `/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${(await core.listNamespacedConfigMap({ namespace: ns })).metadata?.resourceVersion}`, (ev) => {
      seen = ev.length;
      return false;
    }, 20_000);
    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'before-drop' } } });
    await waitFor(() => seen === 1, 'the watch to deliver an event before the drop');
    sb.faults.dropWatches();
    const result = await watching;
    // Ended by the server (a timeout would report ended: false) after having been alive.
    expect([result.events.length, result.ended]).toEqual([1, true]);
  });
});

// Raw HTTP behaviour of the API server: discovery (legacy and aggregated), health and version,
// status/scale subresources, version conversion, Tables, deletecollection, bookmarks, persistence.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { collectWatch, rawRequest } from '../testing/http';

let sb: Sandbox;
const ns = 'http-test';

const deployment = (name: string, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name, team: 'a' } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
});

beforeAll(async () => {
  sb = await startSandbox({ port: 0, controllers: false, bookmarkIntervalMs: 100 });
  const r = await rawRequest(sb, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  expect(r.status).toBe(201);
});

afterAll(async () => {
  await sb?.close();
});

describe('version, health and discovery', () => {
  it('reports a v1.31 server and healthy probes', async () => {
    expect((await rawRequest(sb, 'GET', '/version?timeout=32s')).json()).toMatchObject({ major: '1', minor: '31', gitVersion: 'v1.31.9' });
    for (const p of ['/healthz', '/livez', '/readyz']) {
      const r = await rawRequest(sb, 'GET', p);
      expect([r.status, r.text]).toEqual([200, 'ok']);
    }
  });

  it('serves legacy discovery with short names, categories and the scale subresource', async () => {
    const api = (await rawRequest(sb, 'GET', '/api', { headers: { Accept: 'application/json' } })).json();
    expect(api).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (await rawRequest(sb, 'GET', '/apis')).json<{ groups: Array<{ name: string; versions: Array<{ version: string }>; preferredVersion: { version: string } }> }>();
    const autoscaling = groups.groups.find((g) => g.name === 'autoscaling');
    expect(autoscaling?.versions.map((v) => v.version)).toEqual(['v2', 'v1']);
    expect(autoscaling?.preferredVersion.version).toBe('v2');
    const appsList = (await rawRequest(sb, 'GET', '/apis/apps/v1')).json<{ resources: Array<Record<string, unknown>> }>();
    expect(appsList.resources.find((r) => r.name === 'deployments')).toMatchObject({ singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'], categories: ['all'] });
    expect(appsList.resources.find((r) => r.name === 'deployments/scale')).toMatchObject({ group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    const core = (await rawRequest(sb, 'GET', '/api/v1')).json<{ resources: Array<Record<string, unknown>> }>();
    expect(core.resources.find((r) => r.name === 'nodes')).toMatchObject({ namespaced: false, kind: 'Node' });
  });

  it('serves aggregated discovery when the Accept header asks for it', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
    const r = await rawRequest(sb, 'GET', '/apis', { headers: { Accept: accept } });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    const body = r.json<{ kind: string; items: Array<{ metadata: { name: string }; versions: Array<{ version: string; resources: Array<Record<string, unknown>> }> }> }>();
    expect(body.kind).toBe('APIGroupDiscoveryList');
    const apps = body.items.find((i) => i.metadata.name === 'apps');
    const deploy = apps?.versions[0].resources.find((x) => x.resource === 'deployments');
    expect(deploy).toMatchObject({ scope: 'Namespaced', singularResource: 'deployment', shortNames: ['deploy'] });
    expect(deploy?.subresources).toContainEqual({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] });
    const legacy = (await rawRequest(sb, 'GET', '/api', { headers: { Accept: accept } })).json<{ items: Array<{ metadata: { name: string } }> }>();
    expect(legacy.items.map((i) => i.metadata.name)).toEqual(['']);
  });

  it('serves OpenAPI v3 documents that advertise fieldValidation, and no v2', async () => {
    const root = (await rawRequest(sb, 'GET', '/openapi/v3')).json<{ paths: Record<string, { serverRelativeURL: string }> }>();
    const url = root.paths['apis/apps/v1'].serverRelativeURL;
    const doc = await rawRequest(sb, 'GET', url);
    expect(doc.headers['cache-control']).toBe('public, immutable');
    const patch = doc.json<{ paths: Record<string, { patch: { 'x-kubernetes-group-version-kind': unknown; parameters: Array<{ name: string }> } }> }>().paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(patch.parameters.map((p) => p.name)).toContain('fieldValidation');
    expect((await rawRequest(sb, 'GET', '/openapi/v2')).status).toBe(404);
    expect((await rawRequest(sb, 'GET', '/apis/nope/v1')).json()).toMatchObject({ code: 404, message: 'the server could not find the requested resource' });
  });
});

describe('resources over HTTP', () => {
  it('serves the scale subresource (PATCH and a PUT without Content-Type) and the status subresource', async () => {
    expect((await rawRequest(sb, 'POST', `/apis/apps/v1/namespaces/${ns}/deployments`, { body: deployment('web') })).status).toBe(201);
    const scale = (await rawRequest(sb, 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`)).json<Record<string, Record<string, unknown>>>();
    expect(scale).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=web' } });
    const patched = await rawRequest(sb, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`, { body: { spec: { replicas: 5 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(patched.json()).toMatchObject({ kind: 'Scale', spec: { replicas: 5 } });
    const put = await rawRequest(sb, 'PUT', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`, { body: JSON.stringify({ ...scale, spec: { replicas: 7 } }), headers: { 'Content-Type': '' } });
    expect(put.status).toBe(409);
    const fresh = (await rawRequest(sb, 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`)).json<Record<string, unknown>>();
    const ok = await rawRequest(sb, 'PUT', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`, { body: JSON.stringify({ ...fresh, spec: { replicas: 7 } }), headers: { 'Content-Type': '' } });
    expect(ok.json()).toMatchObject({ spec: { replicas: 7 } });
    const dep = (await rawRequest(sb, 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`)).json<{ metadata: { generation: number }; spec: { replicas: number } }>();
    expect([dep.spec.replicas, dep.metadata.generation]).toEqual([7, 3]);

    const status = await rawRequest(sb, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web/status`, { body: { status: { replicas: 7, observedGeneration: 3 }, spec: { replicas: 1 } }, headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(status.json()).toMatchObject({ spec: { replicas: 7 }, status: { replicas: 7, observedGeneration: 3 }, metadata: { generation: 3 } });
  });

  it('renders Tables with row objects for kubectl, including includeObject=None', async () => {
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    const t = (await rawRequest(sb, 'GET', `/apis/apps/v1/namespaces/${ns}/deployments?limit=500`, { headers: { Accept: accept } })).json<{ kind: string; columnDefinitions: Array<{ name: string; priority: number }>; rows: Array<{ cells: unknown[]; object: { kind: string; metadata: { labels: Record<string, string> } } }> }>();
    expect(t.kind).toBe('Table');
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(t.rows[0].cells.slice(0, 4)).toEqual(['web', '0/7', 0, 0]);
    expect(t.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { labels: { app: 'web', team: 'a' } } });
    const none = (await rawRequest(sb, 'GET', `/apis/apps/v1/namespaces/${ns}/deployments/web?includeObject=None`, { headers: { Accept: accept } })).json<{ rows: Array<Record<string, unknown>> }>();
    expect(none.rows[0].object).toBeUndefined();
  });

  it('converts HPAs between autoscaling/v1 and v2 on one storage', async () => {
    const v1 = { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } };
    expect((await rawRequest(sb, 'POST', `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers`, { body: v1 })).status).toBe(201);
    const v2 = (await rawRequest(sb, 'GET', `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers/web`)).json<{ apiVersion: string; spec: { metrics: unknown[] } }>();
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    const back = (await rawRequest(sb, 'GET', `/apis/autoscaling/v1/namespaces/${ns}/horizontalpodautoscalers/web`)).json<{ apiVersion: string; spec: { targetCPUUtilizationPercentage: number } }>();
    expect([back.apiVersion, back.spec.targetCPUUtilizationPercentage]).toEqual(['autoscaling/v1', 60]);
  });

  it('deletes a collection by label selector', async () => {
    for (const name of ['a', 'b', 'c']) {
      await rawRequest(sb, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { batch: name === 'c' ? 'keep' : 'drop' } } } });
    }
    const r = await rawRequest(sb, 'DELETE', `/api/v1/namespaces/${ns}/configmaps?labelSelector=batch%3Ddrop`);
    expect(r.json<{ kind: string; items: Array<{ metadata: { name: string } }> }>()).toMatchObject({ kind: 'ConfigMapList' });
    expect(r.json<{ items: Array<{ metadata: { name: string } }> }>().items.map((i) => i.metadata.name)).toEqual(['a', 'b']);
    const left = (await rawRequest(sb, 'GET', `/api/v1/namespaces/${ns}/configmaps?labelSelector=batch`)).json<{ items: Array<{ metadata: { name: string } }> }>();
    expect(left.items.map((i) => i.metadata.name)).toEqual(['c']);
  });

  it('rejects unsupported patch types and force on non-apply patches', async () => {
    const r = await rawRequest(sb, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web`, { body: '{}', headers: { 'Content-Type': 'text/plain' } });
    expect([r.status, r.json().reason]).toEqual([415, 'UnsupportedMediaType']);
    const f = await rawRequest(sb, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web?force=true`, { body: '{}', headers: { 'Content-Type': 'application/merge-patch+json' } });
    expect(f.status).toBe(422);
    const noManager = await rawRequest(sb, 'PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web`, { body: deployment('web'), headers: { 'Content-Type': 'application/apply-patch+yaml' } });
    expect(noManager.status).toBe(400);
  });

  it('serves the deprecated /watch/ paths', async () => {
    const rv = (await rawRequest(sb, 'GET', `/api/v1/namespaces/${ns}/configmaps`)).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const watching = collectWatch(sb, `/api/v1/watch/namespaces/${ns}/configmaps?resourceVersion=${rv}`, (ev) => ev.length >= 1, 5000);
    await rawRequest(sb, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'legacy-watch' } } });
    const w = await watching;
    expect(w.events[0]).toMatchObject({ type: 'ADDED', object: { kind: 'ConfigMap', metadata: { name: 'legacy-watch' } } });
  });

  it('sends bookmarks on watches that allow them', async () => {
    const rv = (await rawRequest(sb, 'GET', `/api/v1/namespaces/${ns}/configmaps`)).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const w = await collectWatch(sb, `/api/v1/namespaces/${ns}/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`, (ev) => ev.some((e) => e.type === 'BOOKMARK'), 5000);
    const bm = w.events.find((e) => e.type === 'BOOKMARK');
    expect(bm?.object).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: expect.stringMatching(/^\d+$/) } });
  });
});

describe('persistence through startSandbox', () => {
  it('keeps state across a restart with the same data directory', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-sandbox-data-'));
    try {
      const first = await startSandbox({ port: 0, controllers: false, dataDir });
      await rawRequest(first, 'POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } } });
      const before = (await rawRequest(first, 'GET', '/api/v1/namespaces/default/configmaps/kept')).json<{ metadata: { uid: string; resourceVersion: string } }>();
      await first.close();
      const second = await startSandbox({ port: 0, controllers: false, dataDir });
      try {
        const after = (await rawRequest(second, 'GET', '/api/v1/namespaces/default/configmaps/kept')).json<{ metadata: { uid: string; resourceVersion: string }; data: unknown }>();
        expect(after.metadata).toMatchObject({ uid: before.metadata.uid, resourceVersion: before.metadata.resourceVersion });
        expect(after.data).toEqual({ a: '1' });
        expect((await rawRequest(second, 'GET', '/api/v1/nodes')).json<{ items: unknown[] }>().items).toHaveLength(3);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxApi } from './api';
import { loadSnapshot, startPersistence, writeAtomically } from './persistence';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'berth-sandbox-persist-'));
  dirs.push(d);
  return d;
}

afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('persistence', () => {
  it('round-trips every object and the resourceVersion counter', async () => {
    const dir = await tempDir();
    const api = createSandboxApi();
    const p = startPersistence(api, dir, 10);
    api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    const cm = api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'demo' }, data: { a: '1' } });
    await p.close();

    const snap = await loadSnapshot(dir);
    expect(snap).toBeDefined();
    const restored = createSandboxApi({ empty: true });
    restored.load(snap?.objects ?? [], snap?.rv ?? 0);
    expect(restored.get('core/configmaps', 'demo', 'cfg')).toEqual(cm);
    expect(restored.list('core/namespaces').map((n) => n.metadata.name)).toContain('demo');
    expect(restored.store.currentRv()).toBe(api.store.currentRv());
    const next = restored.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later', namespace: 'demo' } });
    expect(Number(next.metadata.resourceVersion)).toBe(api.store.currentRv() + 1);
  });

  it('debounces bursts of writes into few snapshots and flushes on demand', async () => {
    const dir = await tempDir();
    const api = createSandboxApi();
    const p = startPersistence(api, dir, 1000);
    for (let i = 0; i < 50; i++) api.create('core/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'default' } });
    expect(await loadSnapshot(dir)).toBeUndefined();
    await p.flush();
    const snap = await loadSnapshot(dir);
    expect(snap?.objects.filter((o) => o.resource === 'core/configmaps')).toHaveLength(50);
    await p.close();
  });

  it('never exposes a torn file: an interrupted write leaves the previous snapshot intact', async () => {
    const dir = await tempDir();
    await writeAtomically(dir, JSON.stringify({ format: 1, rv: 7, objects: [] }));
    // A crash mid-write leaves only a partial temp file behind; state.json is untouched.
    await writeFile(join(dir, 'state.json.12345.tmp'), '{"format":1,"rv":9,"objects":[{"resou');
    const snap = await loadSnapshot(dir);
    expect(snap).toEqual({ rv: 7, objects: [] });
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')).rv).toBe(7);
    await writeAtomically(dir, JSON.stringify({ format: 1, rv: 8, objects: [] }));
    expect((await loadSnapshot(dir))?.rv).toBe(8);
    expect((await readdir(dir)).filter((f) => f.startsWith('state.json.') && f !== 'state.json.12345.tmp')).toEqual([]);
  });

  it('refuses a file that is not a sandbox snapshot', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), '{"hello":"world"}');
    await expect(loadSnapshot(dir)).rejects.toThrow(/not a sandbox state file/);
  });
});

// `npm run sandbox` end to end: starts, writes a kubeconfig that works, persists with --data, and
// shuts down cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './testing/http';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-sandbox-cli-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sandbox CLI', () => {
  it('serves with the kubeconfig it writes and exits 0 on SIGTERM after saving state', async () => {
    const kubeconfigPath = join(dir, 'sandbox.kubeconfig');
    const dataDir = join(dir, 'data');
    const tsx = resolve('node_modules/.bin/tsx');
    const child = spawn(tsx, ['lib/sandbox/cli.ts', '--port', '0', '--kubeconfig', kubeconfigPath, '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (out += c));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + 60_000;
      while (!/Kubeconfig written to/.test(out)) {
        if (Date.now() > deadline) throw new Error(`sandbox did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /listening on (\S+)/.exec(out)?.[1] as string;
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toContain(`Kubeconfig written to ${kubeconfigPath}`);
      const kc = YAML.parse(await readFile(kubeconfigPath, 'utf8')) as {
        clusters: Array<{ cluster: { server: string; 'certificate-authority-data': string } }>;
        users: Array<{ user: { token: string } }>;
      };
      expect((await stat(kubeconfigPath)).mode & 0o077).toBe(0);
      const sb = { url: kc.clusters[0].cluster.server, token: kc.users[0].user.token, caPem: Buffer.from(kc.clusters[0].cluster['certificate-authority-data'], 'base64').toString() };
      expect(sb.url).toBe(url);
      const created = await rawRequest(sb, 'POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'from-cli' } } });
      expect(created.status).toBe(201);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('SIGTERM received, shutting down');
    const state = JSON.parse(await readFile(join(dataDir, 'state.json'), 'utf8')) as { objects: Array<{ object: { metadata: { name: string } } }> };
    expect(state.objects.map((o) => o.object.metadata.name)).toContain('from-cli');
  });
});

// Compatibility suite: the installed kubectl (a version dispatcher, which runs kubectl 1.31 because the
// sandbox reports v1.31) against a sandbox, asserting what a real cluster prints. No controllers run
// here, so Deployments have no status: only API-server behaviour is asserted.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import type { KObject } from '../types';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

let sb: Sandbox;
let dir: string;
let env: NodeJS.ProcessEnv;
const ns = 'compat';

function kubectl(args: string[], opts: { stdin?: string } = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile('kubectl', args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? ((err as unknown as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
    });
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
  });
}

async function ok(args: string[], opts: { stdin?: string } = {}): Promise<string> {
  const r = await kubectl(args, opts);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

function lines(s: string): string[] {
  return s.replace(/\n$/, '').split('\n');
}

async function manifest(name: string, doc: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, YAML.stringify(doc));
  return path;
}

function deployment(name: string, replicas: number, image = 'nginx:1.25'): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image, ports: [{ containerPort: 80 }] }] } },
    },
  };
}

async function getJson(args: string[]): Promise<KObject> {
  return JSON.parse(await ok([...args, '-o', 'json'])) as KObject;
}

beforeAll(async () => {
  const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`kubectl is required for the compatibility suite but could not be run: ${probe.error?.message ?? probe.stderr}`);
  }
  dir = await mkdtemp(join(tmpdir(), 'berth-kubectl-compat-'));
  sb = await startSandbox({ port: 0, controllers: false, kubeconfigPath: join(dir, 'kubeconfig') });
  env = { ...process.env, HOME: dir, KUBECONFIG: join(dir, 'kubeconfig') };
});

afterAll(async () => {
  await sb?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Each case runs several kubectl processes; allow for a loaded 2-core machine.
describe('kubectl against the sandbox', { timeout: 180_000 }, () => {
  it('talks to a v1.31 server through the dispatcher', async () => {
    const out = await ok(['version']);
    expect(out).toContain('Client Version: v1.31.');
    expect(out).toContain('Server Version: v1.31.9');
  });

  it('creates and gets a namespace', async () => {
    expect(await ok(['create', 'namespace', ns])).toBe(`namespace/${ns} created\n`);
    const dup = await kubectl(['create', 'namespace', ns]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe(`Error from server (AlreadyExists): namespaces "${ns}" already exists\n`);
    const got = lines(await ok(['get', 'ns', ns]));
    expect(got[0]).toBe('NAME     STATUS   AGE');
    expect(got[1]).toMatch(/^compat   Active   \d+s$/);
    const nodes = lines(await ok(['get', 'nodes', '-o', 'name']));
    expect(nodes).toEqual(['node/sandbox-node-1', 'node/sandbox-node-2', 'node/sandbox-node-3']);
  });

  it('applies client-side: created, unchanged, configured (default strict validation)', async () => {
    const path = await manifest('web.yaml', deployment('web', 3));
    expect(await ok(['apply', '-f', path])).toBe('deployment.apps/web created\n');
    expect(await ok(['apply', '-f', path])).toBe('deployment.apps/web unchanged\n');
    await manifest('web.yaml', deployment('web', 4, 'nginx:1.25.5'));
    expect(await ok(['apply', '-f', path])).toBe('deployment.apps/web configured\n');
    const live = await getJson(['get', 'deploy', 'web', '-n', ns]);
    expect((live.spec as { replicas: number }).replicas).toBe(4);
    expect(live.metadata.generation).toBe(2);
    expect(live.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toContain('"image":"nginx:1.25.5"');

    const bad = deployment('bad', 1);
    (bad.spec as Record<string, unknown>).replica = 2;
    const badPath = await manifest('bad.yaml', bad);
    const rejected = await kubectl(['apply', '-f', badPath]);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toBe(`Error from server (BadRequest): error when creating "${badPath}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n`);
    const missingNs = await manifest('nope.yaml', { ...deployment('x', 1), metadata: { name: 'x', namespace: 'nope' } });
    const r = await kubectl(['apply', '-f', missingNs]);
    expect(r.stderr).toBe(`Error from server (NotFound): error when creating "${missingNs}": namespaces "nope" not found\n`);
  });

  it('prints tables: -o wide, -l, --show-labels, -o yaml', async () => {
    const wide = lines(await ok(['get', 'deploy', '-n', ns, '-o', 'wide']));
    expect(wide[0]).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR');
    expect(wide[1]).toMatch(/^web    0\/4     0            0           \d+s\s+app          nginx:1\.25\.5   app=web$/);
    const selected = lines(await ok(['get', 'deploy', '-n', ns, '-l', 'app in (web,api)']));
    expect(selected.map((l) => l.split(/\s+/)[0])).toEqual(['NAME', 'web']);
    const none = await kubectl(['get', 'deploy', '-n', ns, '-l', 'app=nope']);
    expect([none.code, none.stdout, none.stderr]).toEqual([0, '', `No resources found in ${ns} namespace.\n`]);
    const labelled = lines(await ok(['get', 'deploy', 'web', '-n', ns, '--show-labels']));
    expect(labelled[0]).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE   LABELS');
    expect(labelled[1]).toMatch(/^web    0\/4     0            0           \d+s\s+app=web$/);
    const yaml = YAML.parse(await ok(['get', 'deploy', 'web', '-n', ns, '-o', 'yaml'])) as KObject;
    expect(yaml).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: ns, generation: 2 },
      spec: { replicas: 4, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
    });
    expect(yaml.metadata.managedFields).toBeUndefined();
    const notFound = await kubectl(['get', 'deploy', 'nope', '-n', ns]);
    expect([notFound.code, notFound.stderr]).toEqual([1, 'Error from server (NotFound): deployments.apps "nope" not found\n']);
  });

  it('describes a deployment', async () => {
    const out = await ok(['describe', 'deploy', 'web', '-n', ns]);
    expect(out).toMatch(/^Name:\s+web\nNamespace:\s+compat\nCreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\nLabels:\s+app=web\n/);
    expect(out).toContain('Replicas:               4 desired | 0 updated | 0 total | 0 available | 0 unavailable\n');
    expect(out).toContain('StrategyType:           RollingUpdate\n');
    expect(out).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge\n');
    expect(out).toContain('    Image:         nginx:1.25.5\n');
    expect(out).toMatch(/Events:\s+<none>\n$/);
  });

  it('scales, sets the image, labels and annotates', async () => {
    expect(await ok(['scale', 'deploy/web', '-n', ns, '--replicas=5'])).toBe('deployment.apps/web scaled\n');
    expect(await ok(['scale', 'deploy/web', '-n', ns, '--replicas=6', '--current-replicas=5'])).toBe('deployment.apps/web scaled\n');
    const wrong = await kubectl(['scale', 'deploy/web', '-n', ns, '--replicas=7', '--current-replicas=2']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Expected replicas to be 2, was 6');
    expect(await ok(['set', 'image', 'deploy/web', '-n', ns, 'app=nginx:1.26'])).toBe('deployment.apps/web image updated\n');
    const noContainer = await kubectl(['set', 'image', 'deploy/web', '-n', ns, 'nope=nginx']);
    expect(noContainer.stderr).toBe('error: unable to find container named "nope"\n');
    expect(await ok(['label', 'deploy', 'web', '-n', ns, 'tier=frontend'])).toBe('deployment.apps/web labeled\n');
    expect(await ok(['annotate', 'deploy', 'web', '-n', ns, 'team=payments'])).toBe('deployment.apps/web annotated\n');
    const live = await getJson(['get', 'deploy', 'web', '-n', ns]);
    const spec = live.spec as { replicas: number; template: { spec: { containers: Array<{ name: string; image: string; ports: unknown[] }> } } };
    expect(spec.replicas).toBe(6);
    expect(spec.template.spec.containers).toMatchObject([{ name: 'app', image: 'nginx:1.26', ports: [{ containerPort: 80, protocol: 'TCP' }] }]);
    expect(live.metadata.labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(live.metadata.annotations?.team).toBe('payments');
  });

  it('patches with --type strategic, merge and json', async () => {
    const smp = '{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"MODE","value":"prod"}]}]}}}}';
    expect(await ok(['patch', 'deploy', 'web', '-n', ns, '--type', 'strategic', '-p', smp])).toBe('deployment.apps/web patched\n');
    expect(await ok(['patch', 'deploy', 'web', '-n', ns, '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":null}}}'])).toBe('deployment.apps/web patched\n');
    expect(await ok(['patch', 'deploy', 'web', '-n', ns, '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'])).toBe('deployment.apps/web patched\n');
    expect(await ok(['patch', 'deploy', 'web', '-n', ns, '--type', 'merge', '-p', '{"spec":{"replicas":2}}'])).toBe('deployment.apps/web patched (no change)\n');
    const live = await getJson(['get', 'deploy', 'web', '-n', ns]);
    const spec = live.spec as { replicas: number; template: { spec: { containers: Array<Record<string, unknown>> } } };
    expect(spec.replicas).toBe(2);
    expect(spec.template.spec.containers).toHaveLength(1);
    expect(spec.template.spec.containers[0]).toMatchObject({ name: 'app', image: 'nginx:1.26', env: [{ name: 'MODE', value: 'prod' }] });
    expect(live.metadata.labels).toEqual({ app: 'web' });
    const badJson = await kubectl(['patch', 'deploy', 'web', '-n', ns, '--type', 'json', '-p', '[{"op":"replace","path":"/spec/nope/x","value":1}]']);
    expect(badJson.code).toBe(1);
    const invalid = await kubectl(['patch', 'deploy', 'web', '-n', ns, '--type', 'merge', '-p', '{"spec":{"replicas":-1}}']);
    expect(invalid.stderr).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });

  it('applies server-side, reports a conflict with the scale manager, and forces it', async () => {
    const path = await manifest('api.yaml', deployment('api', 2));
    expect(await ok(['apply', '--server-side', '-f', path])).toBe('deployment.apps/api serverside-applied\n');
    expect(await ok(['scale', 'deploy/api', '-n', ns, '--replicas=5'])).toBe('deployment.apps/api scaled\n');
    const conflict = await kubectl(['apply', '--server-side', '-f', path]);
    expect(conflict.code).toBe(1);
    expect(lines(conflict.stderr)[0]).toBe('error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
    expect(conflict.stderr).toContain('please re-run the apply\n  command with the `--force-conflicts` flag.');
    expect(await ok(['apply', '--server-side', '--force-conflicts', '-f', path])).toBe('deployment.apps/api serverside-applied\n');
    const live = await getJson(['get', 'deploy', 'api', '-n', ns, '--show-managed-fields']);
    expect((live.spec as { replicas: number }).replicas).toBe(2);
    const managers = (live.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ''}`);
    expect(managers).toContain('kubectl/Apply');
  });

  it('streams changes with get --watch', async () => {
    const child = spawn('kubectl', ['get', 'deploy', 'web', '-n', ns, '--watch', '--request-timeout=30s'], { env });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (out += c));
    const until = async (pred: () => boolean, what: string) => {
      const deadline = Date.now() + 20_000;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got:\n${out}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    try {
      await until(() => lines(out).length >= 2, 'the initial table');
      await ok(['scale', 'deploy/web', '-n', ns, '--replicas=9']);
      await until(() => /\nweb\s+0\/9\s/.test(out), 'the watch line after scaling');
    } finally {
      child.kill();
    }
    const got = lines(out);
    expect(got[0]).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE');
    expect(got[1]).toMatch(/^web    0\/2     0            0           \d+s$/);
    expect(got.at(-1)).toMatch(/^web    0\/9     0            0           \d+s$/);
  });

  it('deletes with cascading garbage collection and with --cascade=orphan', async () => {
    const web = sb.api.get('apps/deployments', ns, 'web') as KObject;
    const api = sb.api.get('apps/deployments', ns, 'api') as KObject;
    for (const [owner, rsName] of [[web, 'web-abc'], [api, 'api-abc']] as const) {
      sb.api.create('apps/replicasets', {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels: { app: owner.metadata.name as string },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: owner.metadata.name as string, uid: owner.metadata.uid as string, controller: true, blockOwnerDeletion: true }],
        },
        spec: { replicas: 0, selector: { matchLabels: { app: owner.metadata.name } }, template: (owner.spec as { template: unknown }).template },
      });
    }
    expect(await ok(['delete', 'deploy', 'web', '-n', ns])).toBe('deployment.apps "web" deleted\n');
    expect(await ok(['get', 'rs', '-n', ns, '-o', 'name'])).toBe('replicaset.apps/api-abc\n');
    expect(await ok(['delete', 'deploy', 'api', '-n', ns, '--cascade=orphan'])).toBe('deployment.apps "api" deleted\n');
    const orphan = await getJson(['get', 'rs', 'api-abc', '-n', ns]);
    expect(orphan.metadata.ownerReferences).toBeUndefined();
    const gone = await kubectl(['delete', 'deploy', 'web', '-n', ns]);
    expect(gone.stderr).toBe('Error from server (NotFound): deployments.apps "web" not found\n');
  });

  it('deletes the namespace and everything in it', async () => {
    expect(await ok(['delete', 'namespace', ns])).toBe(`namespace "${ns}" deleted\n`);
    const after = await kubectl(['get', 'ns', ns]);
    expect(after.stderr).toBe(`Error from server (NotFound): namespaces "${ns}" not found\n`);
    expect(sb.api.list('apps/replicasets', { namespace: ns })).toEqual([]);
  });
});

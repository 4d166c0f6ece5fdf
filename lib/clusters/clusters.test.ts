// Cluster registration against real Postgres and a sandbox over HTTPS: admins only (denials audited),
// bad kubeconfigs rejected with nothing written, credentials never in DTOs or errors, connection
// test against a running and a stopped cluster, credential updates, deletion and key rotation.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { generateSelfSignedCert } from '@/lib/sandbox/tls-cert';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { getKubeClients } from '@/lib/kube/client';
import { readServerVersion } from '@/lib/kube/read';
import { startSandbox, type Sandbox } from '@/lib/sandbox/index';
import { setupTestDatabase } from '@/test/db';
import { countRows, createTeamFixture, createUserFixture } from '@/test/fixtures';
import { openCredentials } from './credentials';
import { deleteCluster } from './delete-cluster';
import { listClusters } from './list-clusters';
import { previewKubeconfig } from './preview-kubeconfig';
import { registerInClusterCluster } from './register-in-cluster-cluster';
import { registerKubeconfigCluster } from './register-kubeconfig-cluster';
import { rotateClusterKey } from './rotate-cluster-key';
import { testClusterConnection } from './test-cluster-connection';
import { updateClusterCredentials } from './update-cluster-credentials';

setupTestDatabase();

const key = randomBytes(32);
let sandbox: Sandbox;
let admin: Actor;
let developer: Actor;

function kubeconfigWith(options: { token?: string; user?: Record<string, unknown>; server?: string | null; extraContexts?: unknown[] } = {}): string {
  const doc = YAML.parse(sandbox.kubeconfig) as Record<string, unknown> & { clusters: { cluster: Record<string, unknown> }[]; users: { user: Record<string, unknown> }[]; contexts: unknown[] };
  if (options.token) doc.users[0].user = { token: options.token };
  if (options.user) doc.users[0].user = options.user;
  if (options.server === null) delete doc.clusters[0].cluster.server;
  else if (options.server) doc.clusters[0].cluster.server = options.server;
  if (options.extraContexts) doc.contexts.push(...options.extraContexts);
  return YAML.stringify(doc);
}

async function auditTrail(target: string) {
  return db.auditEvent.findMany({ where: { target }, orderBy: { seq: 'asc' }, select: { action: true, outcome: true, actorEmail: true, params: true, errorMessage: true } });
}

beforeAll(async () => {
  process.env.BERTH_SECRET_KEY = key.toString('base64');
  resetEnvCache();
  sandbox = await startSandbox({ port: 0, speed: 50 });
  admin = (await createUserFixture({ email: 'admin@example.com', isAdmin: true })).actor;
  developer = (await createUserFixture({ email: 'dev@example.com' })).actor;
});

afterAll(async () => {
  await sandbox?.close();
});

describe('registerKubeconfigCluster', () => {
  it('registers the chosen context for an admin, sealed and audited, and the gateway can use it', async () => {
    const summary = await registerKubeconfigCluster(admin, { name: 'prod', kubeconfig: kubeconfigWith(), context: 'sandbox' });
    expect(summary).toMatchObject({ name: 'prod', server: sandbox.url, source: 'KUBECONFIG', defaultNamespace: 'default', grantCount: 0, appCount: 0 });
    expect(Object.keys(summary)).not.toContain('sealedCredentials');
    expect(JSON.stringify(summary)).not.toContain(sandbox.token);
    const row = await db.cluster.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row.sealedCredentials).not.toContain(sandbox.token);
    const opened = openCredentials(key, row.id, row.sealedCredentials ?? '');
    expect(opened.context).toBe('sandbox');
    expect(opened.kubeconfig).toContain(sandbox.token);
    expect((await readServerVersion(await getKubeClients(row.id))).gitVersion).toMatch(/^v1\./);
    const trail = await auditTrail('prod');
    expect(trail.map((e) => [e.action, e.outcome, e.actorEmail])).toEqual([
      ['cluster.create', 'REQUESTED', 'admin@example.com'],
      ['cluster.create', 'SUCCEEDED', 'admin@example.com'],
    ]);
    expect(JSON.stringify(trail)).not.toContain(sandbox.token);
    expect(JSON.stringify(await listClusters(admin))).not.toContain(sandbox.token);
  });

  it('is denied (and audited as denied) for a non-admin and a signed-out caller, writing nothing else', async () => {
    const before = await countRows();
    await expect(registerKubeconfigCluster(developer, { name: 'sneaky', kubeconfig: kubeconfigWith() })).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
    await expect(registerKubeconfigCluster(null, { name: 'sneaky', kubeconfig: kubeconfigWith() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const after = await countRows();
    expect(after).toEqual({ ...before, auditEvents: before.auditEvents + 2 });
    const trail = await auditTrail('sneaky');
    expect(trail.map((e) => [e.outcome, e.actorEmail])).toEqual([
      ['DENIED', 'dev@example.com'],
      ['DENIED', 'anonymous'],
    ]);
    expect(JSON.stringify(trail)).not.toContain(sandbox.token);
  });

  it.each([
    ['malformed YAML', () => 'clusters: [\n  - name: x\n    cluster: {server: "https://x"', undefined, 'kubeconfig', /^The kubeconfig is not valid YAML \(line \d+\)\.$/],
    ['unknown context', () => kubeconfigWith(), 'staging', 'context', /^The kubeconfig has no context named "staging"\.$/],
    ['exec plugin', () => kubeconfigWith({ user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws' } } }), undefined, 'kubeconfig', /exec plugin \(aws\)/],
    ['auth-provider', () => kubeconfigWith({ user: { 'auth-provider': { name: 'oidc' } } }), undefined, 'kubeconfig', /auth-provider plugin/],
    ['no server', () => kubeconfigWith({ server: null }), undefined, 'kubeconfig', /^Cluster "sandbox" has no server URL\.$/],
    ['server not a URL', () => kubeconfigWith({ server: 'not a url' }), undefined, 'kubeconfig', /invalid server URL/],
    ['token file on the Berth host', () => kubeconfigWith({ user: { 'token-file': '/etc/passwd' } }), undefined, 'kubeconfig', /refers to a file \(token-file\)/],
    ['bad cluster name', () => kubeconfigWith(), undefined, 'name', /lower-case letters/],
  ])('rejects %s with a specific message and writes nothing', async (label, text, context, field, message) => {
    const before = await countRows();
    const name = label === 'bad cluster name' ? 'Bad Name!' : 'rejected';
    const error = await registerKubeconfigCluster(admin, { name, kubeconfig: text(), context }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
    expect(Object.keys((error as { fieldErrors?: object }).fieldErrors ?? {})).toContain(field);
    expect(String((error as Error).message)).not.toContain(sandbox.token);
    expect(await countRows()).toEqual(before);
  });

  it('refuses a duplicate name', async () => {
    await expect(registerKubeconfigCluster(admin, { name: 'prod', kubeconfig: kubeconfigWith() })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'A cluster named prod already exists.',
    });
  });

  it('previews contexts for admins without credentials', async () => {
    const preview = await previewKubeconfig(admin, { kubeconfig: kubeconfigWith({ extraContexts: [{ name: 'other', context: { cluster: 'nope', user: 'nope' } }] }) });
    expect(preview.contexts.map((c) => [c.name, c.problem])).toEqual([
      ['sandbox', null],
      ['other', 'Context "other" refers to cluster "nope", which is not in the kubeconfig.'],
    ]);
    expect(JSON.stringify(preview)).not.toContain(sandbox.token);
    await expect(previewKubeconfig(developer, { kubeconfig: kubeconfigWith() })).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
  });
});

describe('testClusterConnection', () => {
  it('reports version and permission for a running cluster and records the contact', async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: 'prod' } });
    const report = await testClusterConnection(admin, { clusterId: cluster.id });
    expect(report).toMatchObject({ reachable: true, error: null, permission: { allowed: true, missing: [] } });
    expect(report.serverVersion).toMatch(/^v1\./);
    expect(report.cluster).toMatchObject({ lastContactOk: true, lastContactError: null, serverVersion: report.serverVersion });
    expect(report.cluster.lastContactAt).not.toBeNull();
    await expect(testClusterConnection(developer, { clusterId: cluster.id })).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
  });

  it('records CLUSTER_UNAVAILABLE for a stopped cluster', async () => {
    const stopped = await startSandbox({ port: 0, controllers: false });
    const doc = YAML.parse(stopped.kubeconfig) as { users: { user: Record<string, unknown> }[] };
    const summary = await registerKubeconfigCluster(admin, { name: 'stopped', kubeconfig: YAML.stringify(doc) });
    await stopped.close();
    const report = await testClusterConnection(admin, { clusterId: summary.id });
    expect(report).toMatchObject({ reachable: false, serverVersion: null, error: { code: 'CLUSTER_UNAVAILABLE', message: 'The cluster stopped did not answer (connection refused). Try again in a moment.' } });
    const row = await db.cluster.findUniqueOrThrow({ where: { id: summary.id } });
    expect(row).toMatchObject({ lastContactOk: false, lastContactError: 'The cluster stopped did not answer (connection refused). Try again in a moment.' });
    expect(await deleteCluster(admin, { clusterId: summary.id })).toEqual({ id: summary.id });
  });
});

describe('testClusterConnection with SelfSubjectAccessReview', () => {
  let server: Server;
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks the authorization API verb by verb and records what is missing', async () => {
    // A minimal API server that serves /version and access reviews (the sandbox has no authorization API).
    const cert = generateSelfSignedCert({ ips: ['127.0.0.1'] });
    server = createServer({ cert: cert.certPem, key: cert.keyPem }, (request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        response.setHeader('Content-Type', 'application/json');
        if (request.url === '/version') return response.end(JSON.stringify({ major: '1', minor: '33', gitVersion: 'v1.33.1', platform: 'linux/amd64' }));
        if (request.url === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews' && request.method === 'POST') {
          const review = JSON.parse(body) as { spec: { resourceAttributes: { verb: string; resource: string; namespace: string } } };
          const { verb, resource, namespace } = review.spec.resourceAttributes;
          const allowed = namespace === 'team-a' && !(verb === 'delete' && resource === 'deployments');
          return response.end(JSON.stringify({ ...review, status: { allowed } }));
        }
        response.statusCode = 404;
        response.end(JSON.stringify({ kind: 'Status', code: 404, reason: 'NotFound' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const kubeconfig = YAML.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'rbac', cluster: { server: `https://127.0.0.1:${port}`, 'certificate-authority-data': Buffer.from(cert.certPem).toString('base64') } }],
      users: [{ name: 'deployer', user: { token: 'rbac-token-xyz' } }],
      contexts: [{ name: 'rbac', context: { cluster: 'rbac', user: 'deployer', namespace: 'team-a' } }],
      'current-context': 'rbac',
    });
    const summary = await registerKubeconfigCluster(admin, { name: 'rbac', kubeconfig });
    expect(summary.defaultNamespace).toBe('team-a');
    const report = await testClusterConnection(admin, { clusterId: summary.id });
    expect(report).toMatchObject({ reachable: true, serverVersion: 'v1.33.1', error: null, permission: { method: 'access-review', allowed: false, missing: ['delete deployments.apps'] } });
    expect(report.cluster).toMatchObject({ lastContactOk: false, lastContactError: "Berth's credentials may not act in namespace team-a: missing delete deployments.apps.", serverVersion: 'v1.33.1' });
    await deleteCluster(admin, { clusterId: summary.id });
  });
});

describe('updateClusterCredentials', () => {
  it('new credentials take effect at once (the cached client is rebuilt) and never show up in errors', async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: 'prod' } });
    const cached = await getKubeClients(cluster.id);
    expect(await getKubeClients(cluster.id)).toBe(cached);
    const wrongToken = 'wrong-token-0123456789';
    const updated = await updateClusterCredentials(admin, { clusterId: cluster.id, kubeconfig: kubeconfigWith({ token: wrongToken }) });
    expect(await getKubeClients(cluster.id)).not.toBe(cached);
    expect(JSON.stringify(updated)).not.toContain(wrongToken);
    const refused = await testClusterConnection(admin, { clusterId: cluster.id });
    expect(refused.error).toEqual({ code: 'CLUSTER_REJECTED', message: "Berth's credentials for cluster prod were refused (401 Unauthorized)." });
    expect(JSON.stringify(refused)).not.toContain(wrongToken);
    await updateClusterCredentials(admin, { clusterId: cluster.id, kubeconfig: kubeconfigWith(), defaultNamespace: 'apps' });
    const missingNamespace = await testClusterConnection(admin, { clusterId: cluster.id });
    expect(missingNamespace).toMatchObject({ reachable: true, error: { message: 'Namespace apps does not exist in cluster prod; create it or choose another default namespace.' } });
    await (await getKubeClients(cluster.id)).core.createNamespace({ body: { metadata: { name: 'apps' } } });
    const fixed = await testClusterConnection(admin, { clusterId: cluster.id });
    expect(fixed.cluster).toMatchObject({ lastContactOk: true, lastContactError: null, defaultNamespace: 'apps' });
    const trail = await auditTrail('prod');
    expect(trail.filter((e) => e.action === 'cluster.update').map((e) => e.outcome)).toEqual(['REQUESTED', 'SUCCEEDED', 'REQUESTED', 'SUCCEEDED']);
    expect(JSON.stringify(trail)).not.toContain(wrongToken);
  });

  it('is denied for a non-admin and rejects an exec kubeconfig without changing the row', async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: 'prod' } });
    await expect(updateClusterCredentials(developer, { clusterId: cluster.id, kubeconfig: kubeconfigWith() })).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
    await expect(
      updateClusterCredentials(admin, { clusterId: cluster.id, kubeconfig: kubeconfigWith({ user: { exec: { command: 'gke-gcloud-auth-plugin' } } }) }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('exec plugin (gke-gcloud-auth-plugin)') });
    expect((await db.cluster.findUniqueOrThrow({ where: { id: cluster.id } })).sealedCredentials).toBe(cluster.sealedCredentials);
  });
});

describe('registerInClusterCluster', () => {
  it('registers from the pod service account (token, CA, server, namespace)', async () => {
    const summary = await registerInClusterCluster(admin, { name: 'in-cluster' }, async () => ({
      server: sandbox.url,
      token: sandbox.token,
      caPem: sandbox.caPem ?? '',
      namespace: 'berth-system',
    }));
    expect(summary).toMatchObject({ source: 'IN_CLUSTER', server: sandbox.url, defaultNamespace: 'berth-system' });
    expect((await readServerVersion(await getKubeClients(summary.id))).gitVersion).toMatch(/^v1\./);
    expect(JSON.stringify(summary)).not.toContain(sandbox.token);
  });

  it('re-reads the service account on a credential update', async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: 'in-cluster' } });
    const updated = await updateClusterCredentials(admin, { clusterId: cluster.id }, async () => ({ server: sandbox.url, token: sandbox.token, caPem: sandbox.caPem ?? '', namespace: null }));
    expect(updated.server).toBe(sandbox.url);
    await expect(updateClusterCredentials(admin, { clusterId: cluster.id, kubeconfig: kubeconfigWith() })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'This cluster uses the pod service account; it takes no kubeconfig.' });
    const events = await db.auditEvent.findMany({ where: { action: 'cluster.update', target: 'in-cluster' }, select: { outcome: true, params: true } });
    expect(events.map((e) => e.outcome)).toEqual(['REQUESTED', 'SUCCEEDED']);
    expect(events[0].params).toMatchObject({ serviceAccount: 're-read', server: sandbox.url });
  });

  it('outside a pod, says so and writes nothing', async () => {
    const before = await countRows();
    await expect(registerInClusterCluster(admin, { name: 'nowhere' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('not running inside a Kubernetes pod'),
    });
    expect(await countRows()).toEqual(before);
  });
});

describe('deleteCluster', () => {
  it('is refused while apps exist, then deletes with its grants, audited', async () => {
    const cluster = await db.cluster.findUniqueOrThrow({ where: { name: 'in-cluster' } });
    const team = await createTeamFixture();
    await db.namespaceGrant.create({ data: { teamId: team.id, clusterId: cluster.id, namespace: 'default', role: 'VIEWER' } });
    const app = await db.app.create({ data: { teamId: team.id, clusterId: cluster.id, namespace: 'default', name: 'web' } });
    await expect(deleteCluster(admin, { clusterId: cluster.id })).rejects.toMatchObject({ code: 'CONFLICT', message: 'Cluster in-cluster still has 1 app(s) managed by Berth; delete them first.' });
    await expect(deleteCluster(developer, { clusterId: cluster.id })).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
    await db.app.delete({ where: { id: app.id } });
    await deleteCluster(admin, { clusterId: cluster.id });
    expect(await db.cluster.findUnique({ where: { id: cluster.id } })).toBeNull();
    expect(await db.namespaceGrant.count({ where: { clusterId: cluster.id } })).toBe(0);
    await expect(getKubeClients(cluster.id)).rejects.toMatchObject({ code: 'FORBIDDEN_OR_NOT_FOUND' });
    const trail = await auditTrail('in-cluster');
    expect(trail.filter((e) => e.action === 'cluster.delete').map((e) => e.outcome)).toEqual(['REQUESTED', 'SUCCEEDED']);
  });
});

describe('rotateClusterKey', () => {
  it('refuses an old key that does not open every row, changing nothing', async () => {
    const before = await db.cluster.findMany({ select: { id: true, sealedCredentials: true }, orderBy: { id: 'asc' } });
    await expect(rotateClusterKey(randomBytes(32), randomBytes(32))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('Nothing was changed') });
    expect(await db.cluster.findMany({ select: { id: true, sealedCredentials: true }, orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('re-seals every cluster; the old key no longer opens them, the new one does', async () => {
    const newKey = randomBytes(32);
    const report = await rotateClusterKey(key, newKey);
    expect(report.resealed).toEqual(['prod']);
    const row = await db.cluster.findUniqueOrThrow({ where: { name: 'prod' } });
    expect(() => openCredentials(key, row.id, row.sealedCredentials ?? '')).toThrow(/could not be opened/);
    expect(openCredentials(newKey, row.id, row.sealedCredentials ?? '').kubeconfig).toContain(sandbox.token);
    await expect(getKubeClients(row.id)).rejects.toMatchObject({ code: 'CLUSTER_REJECTED', message: expect.stringContaining('could not open the stored credentials for cluster prod') });
    process.env.BERTH_SECRET_KEY = newKey.toString('base64');
    resetEnvCache();
    expect((await readServerVersion(await getKubeClients(row.id))).gitVersion).toMatch(/^v1\./);
    const trail = await auditTrail('all clusters');
    expect(trail.map((e) => [e.action, e.outcome, e.actorEmail])).toEqual([
      ['cluster.update', 'REQUESTED', 'system@berth'],
      ['cluster.update', 'SUCCEEDED', 'system@berth'],
    ]);
  });
});

// Bad input, end to end: each case is rejected with its specific message and nothing is written
// anywhere — no revision, no audit record (not even REQUESTED), the cluster untouched. Most rules
// live in lib/manifests' schemas; this proves the operations apply them before anything happens.
// The two cases only the cluster can judge (a node port another Service holds, an undo to a revision
// the Deployment never had) did reach the cluster, so they are audited REQUESTED → FAILED.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { setupTestDatabase } from '@/test/db';
import { adoptApp } from './adopt';
import { autoscaleApp } from './autoscale';
import { createApp } from './create-app';
import { deployApp } from './deploy';
import { exposeApp } from './expose';
import { rollbackApp } from './rollback';
import { scaleApp } from './scale';
import { setAppImage } from './set-image';
import { undoApp } from './undo';
import { appForm, appYaml, setupAppsWorld } from './testing/world';

setupTestDatabase();
const world = setupAppsWorld();

const ids = { plain: '', exposed: '' };

beforeAll(async () => {
  const w = world.current;
  ids.plain = (await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('plain') })).appId;
  ids.exposed = (await createApp(w.maintainer, { clusterId: w.clusterId, namespace: w.namespace, form: appForm('exposed') })).appId;
  await exposeApp(w.maintainer, { appId: ids.exposed, service: { type: 'NodePort', ports: [{ name: 'http', port: 80, nodePort: 30100 }] } });
  await w.cluster.kubectlOk(['-n', w.namespace, 'create', 'deployment', 'stray', '--image=nginx:1.25']);
});

type Expected = { code: string; message: string | RegExp };
interface BadCase {
  name: string;
  run(): Promise<unknown>;
  expected: Expected;
}

const invalid = (message: string | RegExp): Expected => ({ code: 'INVALID_INPUT', message });
const w = () => world.current;
const plain = () => ids.plain;
const exposed = () => ids.exposed;
const create = (input: Record<string, unknown>) => createApp(w().maintainer, { clusterId: w().clusterId, namespace: w().namespace, ...input });
const longText = 'x'.repeat(1025);

const cases: BadCase[] = [
  { name: 'empty image', run: () => setAppImage(w().deployer, { appId: plain(), image: '' }), expected: invalid('Image is required') },
  { name: 'image with an empty tag', run: () => setAppImage(w().deployer, { appId: plain(), image: 'nginx:' }), expected: invalid('Invalid image reference "nginx:": tag must not be empty') },
  { name: 'uppercase repository', run: () => setAppImage(w().deployer, { appId: plain(), image: 'NGINX:1.25' }), expected: invalid('Invalid image reference "NGINX:1.25": repository name must be lowercase') },
  {
    name: 'malformed digest',
    run: () => setAppImage(w().deployer, { appId: plain(), image: 'nginx@sha256:abc' }),
    expected: invalid('Invalid image reference "nginx@sha256:abc": digest must be "sha256:" followed by 64 lowercase hexadecimal characters'),
  },
  { name: 'image with whitespace', run: () => setAppImage(w().deployer, { appId: plain(), image: 'nginx:bad tag!' }), expected: invalid('Invalid image reference "nginx:bad tag!": must not contain whitespace') },
  { name: 'unknown container', run: () => setAppImage(w().deployer, { appId: plain(), container: 'sidecar', image: 'nginx:1.26' }), expected: invalid('Container "sidecar" not found; the pod has "plain"') },
  { name: 'negative replicas', run: () => scaleApp(w().deployer, { appId: plain(), replicas: -1 }), expected: invalid('Replicas must be greater than or equal to 0 (got -1)') },
  { name: 'absurd replicas', run: () => scaleApp(w().deployer, { appId: plain(), replicas: 100000 }), expected: invalid('Replicas must be at most 1000 (got 100000)') },
  { name: 'replicas not a number', run: () => scaleApp(w().deployer, { appId: plain(), replicas: 'many' }), expected: invalid('Replicas must be a number') },
  { name: 'fractional replicas', run: () => scaleApp(w().deployer, { appId: plain(), replicas: 1.5 }), expected: invalid('Replicas must be a whole number') },
  { name: 'missing replicas', run: () => scaleApp(w().deployer, { appId: plain() }), expected: invalid('Replicas is required') },
  {
    name: 'minReplicas > maxReplicas',
    run: () => autoscaleApp(w().maintainer, { appId: plain(), minReplicas: 5, maxReplicas: 2 }),
    expected: invalid('Maximum replicas (2) must be greater than or equal to minimum replicas (5)'),
  },
  { name: 'minReplicas 0', run: () => autoscaleApp(w().maintainer, { appId: plain(), minReplicas: 0, maxReplicas: 2 }), expected: invalid('Minimum replicas must be at least 1 (got 0)') },
  { name: 'absurd maxReplicas', run: () => autoscaleApp(w().maintainer, { appId: plain(), maxReplicas: 2000 }), expected: invalid('Maximum replicas must be at most 1000 (got 2000)') },
  {
    name: 'CPU target 0%',
    run: () => autoscaleApp(w().maintainer, { appId: plain(), maxReplicas: 3, cpuUtilization: 0 }),
    expected: invalid('Target CPU utilization must be between 1 and 1000 percent (got 0)'),
  },
  { name: 'missing maxReplicas', run: () => autoscaleApp(w().maintainer, { appId: plain(), minReplicas: 2 }), expected: invalid('Maximum replicas is required') },
  { name: 'removing an autoscaler that does not exist', run: () => autoscaleApp(w().maintainer, { appId: plain(), remove: true }), expected: invalid('The app has no autoscaler to remove.') },
  { name: 'port 0', run: () => exposeApp(w().maintainer, { appId: plain(), service: { ports: [{ port: 0 }] } }), expected: invalid('Port must be between 1 and 65535') },
  { name: 'port 70000', run: () => exposeApp(w().maintainer, { appId: plain(), service: { ports: [{ port: 70000 }] } }), expected: invalid('Port must be between 1 and 65535') },
  {
    name: 'node port below the range',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] } }),
    expected: invalid('Node port 29999 is not in the valid range. The range of valid ports is 30000-32767'),
  },
  {
    name: 'node port above the range',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 32768 }] } }),
    expected: invalid('Node port 32768 is not in the valid range. The range of valid ports is 30000-32767'),
  },
  {
    name: 'node port on a ClusterIP Service',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30001 }] } }),
    expected: invalid('Node port may only be set when the Service type is NodePort or LoadBalancer'),
  },
  {
    name: 'unsupported Service type',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { type: 'ExternalName', ports: [{ port: 80 }] } }),
    expected: invalid('Service type must be one of ClusterIP, NodePort, LoadBalancer'),
  },
  { name: 'no ports', run: () => exposeApp(w().maintainer, { appId: plain(), service: { ports: [] } }), expected: invalid('A Service needs at least one port') },
  {
    name: 'unnamed ports',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { ports: [{ port: 80 }, { port: 443 }] } }),
    expected: invalid(/^Port name is required when the Service has more than one port/),
  },
  {
    name: 'duplicate port',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] } }),
    expected: invalid('Port 80/TCP is listed more than once'),
  },
  {
    name: 'unknown named target port',
    run: () => exposeApp(w().maintainer, { appId: plain(), service: { ports: [{ port: 80, targetPort: 'metrics' }] } }),
    expected: invalid('Target port "metrics" is not the name of a container port of the app'),
  },
  {
    name: 'Ingress without a Service',
    run: () => exposeApp(w().maintainer, { appId: plain(), ingress: { host: 'plain.example.com', servicePort: 80 } }),
    expected: invalid('Expose the app with a Service before adding an Ingress'),
  },
  {
    name: 'invalid Ingress host',
    run: () => exposeApp(w().maintainer, { appId: exposed(), ingress: { host: 'Bad_Host', servicePort: 80 } }),
    expected: invalid(/^Host "Bad_Host" is invalid: a lowercase RFC 1123 subdomain/),
  },
  {
    name: 'Ingress to a port the Service lacks',
    run: () => exposeApp(w().maintainer, { appId: exposed(), ingress: { host: 'exposed.example.com', servicePort: 8080 } }),
    expected: invalid('Service port 8080 is not a port of Service "exposed" (ports: 80 (http))'),
  },
  { name: 'nothing to expose', run: () => exposeApp(w().maintainer, { appId: plain() }), expected: invalid('Say what to expose: a Service, an Ingress, or both') },
  { name: 'removing a Service that does not exist', run: () => exposeApp(w().maintainer, { appId: plain(), service: null }), expected: invalid('The app has no Service to remove.') },
  {
    name: 'removing a Service an Ingress routes to',
    run: async () => {
      await exposeApp(w().maintainer, { appId: exposed(), ingress: { host: 'exposed.example.com', servicePort: 'http' } });
      return exposeApp(w().maintainer, { appId: exposed(), service: null });
    },
    expected: invalid('Remove the Ingress first: it routes traffic to this Service'),
  },
  {
    name: 'malformed YAML',
    run: () => deployApp(w().deployer, { appId: plain(), yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: plain\n' }),
    expected: invalid('YAML syntax error at line 4, column 1: Flow map in block collection must be sufficiently indented and end with a }'),
  },
  {
    name: 'a kind Berth does not manage',
    run: () => deployApp(w().deployer, { appId: plain(), yaml: `${appYaml('plain')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: extra\n` }),
    expected: invalid('Kind "Pod" is not managed by Berth; allowed: Deployment, Service, HorizontalPodAutoscaler, Ingress, ConfigMap, PersistentVolumeClaim'),
  },
  {
    name: 'an object in a foreign namespace',
    run: () => deployApp(w().deployer, { appId: plain(), yaml: appYaml('plain').replace('  name: plain\n', '  name: plain\n  namespace: team-b\n') }),
    expected: invalid('Deployment "plain" is in namespace "team-b", the app lives in "team-a"'),
  },
  { name: 'a Deployment named unlike the app', run: () => deployApp(w().deployer, { appId: plain(), yaml: appYaml('other') }), expected: invalid('Deployment "other" does not match the app name "plain"') },
  {
    name: 'YAML without a Deployment',
    run: () => deployApp(w().deployer, { appId: plain(), yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain-config\ndata:\n  a: b\n' }),
    expected: invalid('A Deployment named "plain" is required'),
  },
  {
    name: 'negative replicas in YAML',
    run: () => deployApp(w().deployer, { appId: plain(), yaml: appYaml('plain', { replicas: -1 }) }),
    expected: invalid('Deployment "plain": spec.replicas must be a whole number between 0 and 1000 (got -1)'),
  },
  {
    name: 'HPA in YAML with minReplicas > maxReplicas',
    run: () =>
      deployApp(w().maintainer, {
        appId: plain(),
        yaml: `${appYaml('plain').replace('  replicas: 2\n', '')}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: plain\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: plain\n  minReplicas: 5\n  maxReplicas: 2\n`,
      }),
    expected: invalid('HorizontalPodAutoscaler "plain": maxReplicas (2) must be greater than or equal to minReplicas (5)'),
  },
  { name: 'both form and YAML', run: () => deployApp(w().deployer, { appId: plain(), form: appForm('plain'), yaml: appYaml('plain') }), expected: invalid('Give either the form or the YAML of the app, not both') },
  {
    name: 'duplicate environment variable',
    run: () => deployApp(w().deployer, { appId: plain(), form: appForm('plain', { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] }) }),
    expected: invalid('Environment variable "A" is defined more than once'),
  },
  {
    name: 'CPU request above its limit',
    run: () => deployApp(w().deployer, { appId: plain(), form: appForm('plain', { resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } }) }),
    expected: invalid('CPU request 2 must be less than or equal to the CPU limit of 1'),
  },
  { name: 'change cause too long', run: () => setAppImage(w().deployer, { appId: plain(), image: 'nginx:1.26', changeCause: longText }), expected: invalid('Change cause must be at most 1024 characters') },
  {
    name: 'app name collision',
    run: () => create({ form: appForm('plain') }),
    expected: { code: 'CONFLICT', message: 'An app named "plain" already exists in namespace team-a of cluster sandbox.' },
  },
  {
    name: 'name of a Deployment Berth does not manage',
    run: () => create({ form: appForm('stray') }),
    expected: { code: 'CONFLICT', message: 'A Deployment named "stray" already exists in namespace team-a; adopt it instead of creating a new app.' },
  },
  {
    name: 'invalid app name',
    run: () => create({ form: appForm('Web_App') }),
    expected: invalid(/^App name "Web_App" is invalid: a DNS-1035 label must consist of lower case alphanumeric characters/),
  },
  { name: 'invalid namespace', run: () => create({ namespace: 'Team_A', form: appForm('fresh') }), expected: invalid('Namespace must be a lowercase DNS label (a-z, 0-9, "-")') },
  { name: 'YAML create without a name', run: () => create({ yaml: appYaml('fresh') }), expected: invalid('App name is required') },
  { name: 'rollback to a revision that does not exist', run: () => rollbackApp(w().deployer, { appId: plain(), toRevision: 99 }), expected: invalid('The app has no revision 99.') },
  { name: 'rollback to revision 0', run: () => rollbackApp(w().deployer, { appId: plain(), toRevision: 0 }), expected: invalid('Revision numbers start at 1') },
  { name: 'undo to a negative revision', run: () => undoApp(w().deployer, { appId: plain(), toRevision: -1 }), expected: invalid('Revision must be 0 (the previous one) or a revision number') },
  {
    name: 'adopting a Deployment that does not exist',
    run: () => adoptApp(w().maintainer, { clusterId: w().clusterId, namespace: w().namespace, name: 'ghost' }),
    expected: invalid('There is no Deployment named "ghost" in namespace team-a of cluster sandbox.'),
  },
];

async function snapshot() {
  const world = w();
  const [revisions, audit, deployments, services] = await Promise.all([
    db.revision.count(),
    db.auditEvent.count({ where: { outcome: { not: 'DENIED' } } }),
    world.cluster.clients.apps.listNamespacedDeployment({ namespace: world.namespace }),
    world.cluster.clients.core.listNamespacedService({ namespace: world.namespace }),
  ]);
  const objects = [...deployments.items, ...services.items].map((o) => `${o.kind ?? ''}/${o.metadata?.name}:${o.metadata?.generation ?? o.metadata?.resourceVersion}`).sort();
  return { revisions, audit, objects };
}

describe('bad input writes nothing', () => {
  it(`has at least 40 distinct cases (${cases.length})`, () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const badCase of cases) {
    it(badCase.name, async () => {
      const setup = badCase.name === 'removing a Service an Ingress routes to';
      const before = setup ? null : await snapshot();
      const error = await badCase.run().then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string; fieldErrors?: Record<string, string[]> },
      );
      expect(error, 'the operation should have been refused').not.toBeNull();
      expect(error?.code).toBe(badCase.expected.code);
      if (typeof badCase.expected.message === 'string') expect(error?.message).toBe(badCase.expected.message);
      else expect(error?.message).toMatch(badCase.expected.message);
      if (error?.code === 'INVALID_INPUT') expect(Object.keys(error.fieldErrors ?? {}).length).toBeGreaterThan(0);
      if (before) expect(await snapshot()).toEqual(before);
    });
  }

  it('a node port another Service holds: the cluster refuses it (422), audited FAILED, no revision', async () => {
    const world = w();
    const before = await db.revision.count({ where: { appId: plain() } });
    const attempt = exposeApp(world.maintainer, { appId: plain(), service: { type: 'NodePort', ports: [{ port: 80, nodePort: 30100 }] } });
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('provided port is already allocated') });
    expect(await db.revision.count({ where: { appId: plain() } })).toBe(before);
    const events = await db.auditEvent.findMany({ where: { appId: plain(), action: 'app.expose' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.outcome)).toEqual(['REQUESTED', 'FAILED']);
    expect(events[1].errorMessage).toContain('30100');
    await expect(world.cluster.clients.core.readNamespacedService({ name: 'plain', namespace: world.namespace })).rejects.toMatchObject({ code: 404 });
  });

  it('an undo to a revision the Deployment never had: kubectl\'s message, audited FAILED, no revision', async () => {
    const world = w();
    const before = await db.revision.count({ where: { appId: plain() } });
    await expect(undoApp(world.deployer, { appId: plain(), toRevision: 99 })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'unable to find specified revision 99 in history' });
    expect(await db.revision.count({ where: { appId: plain() } })).toBe(before);
    const events = await db.auditEvent.findMany({ where: { appId: plain(), action: 'app.undo' }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => e.outcome)).toEqual(['REQUESTED', 'FAILED']);
  });
});

// Test support for lib/apps integration suites: a fresh database (call setupTestDatabase() first), a
// sandbox cluster over HTTPS registered as cluster `sandbox`, two namespaces and one user per role.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Actor } from '@/lib/access/actor';
import { registerSandboxCluster } from '@/lib/clusters/register-sandbox-cluster';
import { db } from '@/lib/db';
import { resetEnvCache } from '@/lib/env';
import { startTestCluster, type TestCluster } from '@/lib/kube/testing/sandbox-cluster';
import { createGrantFixture, createTeamFixture, createUserFixture } from '@/test/fixtures';
import { settleRolloutFollowers, stopAllRolloutFollowers } from '../rollout-verdict';

export interface AppsWorld {
  cluster: TestCluster;
  clusterId: string;
  /** Namespace team A holds (MAINTAINER, DEPLOYER and VIEWER teams) and namespace team B holds. */
  namespace: string;
  otherNamespace: string;
  teamId: string;
  admin: Actor;
  maintainer: Actor;
  deployer: Actor;
  viewer: Actor;
  /** MAINTAINER, but of the other namespace only. */
  outsider: Actor;
  /** Member of the maintainer team, disabled. */
  disabled: Actor;
}

export function setupAppsWorld(options: { speed?: number } = {}): { readonly current: AppsWorld } {
  let world: AppsWorld | undefined;
  beforeAll(async () => {
    process.env.BERTH_SECRET_KEY ??= randomBytes(32).toString('base64');
    resetEnvCache();
    const cluster = await startTestCluster({ speed: options.speed ?? 50 });
    const admin = (await createUserFixture({ email: 'admin@example.com', isAdmin: true })).actor;
    const { id: clusterId } = await registerSandboxCluster(admin, { server: cluster.sandbox.url, token: cluster.sandbox.token, caPem: cluster.sandbox.caPem });
    const namespace = 'team-a';
    const otherNamespace = 'team-b';
    for (const name of [namespace, otherNamespace]) await cluster.clients.core.createNamespace({ body: { metadata: { name } } });
    const [maintainer, deployer, viewer, outsider, disabled] = await Promise.all(
      ['maintainer', 'deployer', 'viewer', 'outsider', 'disabled'].map((role) => createUserFixture({ email: `${role}@example.com` })),
    );
    const team = await createTeamFixture({ name: 'team-a', members: [{ userId: maintainer.user.id }, { userId: disabled.user.id }] });
    const deployers = await createTeamFixture({ name: 'team-a-deployers', members: [{ userId: deployer.user.id }] });
    const viewers = await createTeamFixture({ name: 'team-a-viewers', members: [{ userId: viewer.user.id }] });
    const other = await createTeamFixture({ name: 'team-b', members: [{ userId: outsider.user.id }] });
    await createGrantFixture({ teamId: team.id, clusterId, namespace, role: 'MAINTAINER' });
    await createGrantFixture({ teamId: deployers.id, clusterId, namespace, role: 'DEPLOYER' });
    await createGrantFixture({ teamId: viewers.id, clusterId, namespace, role: 'VIEWER' });
    await createGrantFixture({ teamId: other.id, clusterId, namespace: otherNamespace, role: 'MAINTAINER' });
    await db.user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } });
    world = {
      cluster,
      clusterId,
      namespace,
      otherNamespace,
      teamId: team.id,
      admin,
      maintainer: maintainer.actor,
      deployer: deployer.actor,
      viewer: viewer.actor,
      outsider: outsider.actor,
      disabled: disabled.actor,
    };
  });
  afterAll(async () => {
    stopAllRolloutFollowers();
    await settleRolloutFollowers(2_000);
    await world?.cluster.close();
  });
  return {
    get current(): AppsWorld {
      if (!world) throw new Error('The apps world is created in beforeAll; use it inside tests.');
      return world;
    },
  };
}

/** A minimal form for a new app. */
export function appForm(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, image: 'nginx:1.25', replicas: 2, containerPort: 80, ...overrides };
}

/** YAML for a new app with a short progress deadline, so a broken rollout fails within a test. */
export function appYaml(name: string, options: { image?: string; replicas?: number; progressDeadlineSeconds?: number } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${options.replicas ?? 2}
  progressDeadlineSeconds: ${options.progressDeadlineSeconds ?? 30}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      containers:
        - name: ${name}
          image: ${options.image ?? 'nginx:1.25'}
          ports:
            - containerPort: 80
`;
}

/** Polls until `fn` returns a truthy value. */
export async function eventually<T>(fn: () => Promise<T>, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

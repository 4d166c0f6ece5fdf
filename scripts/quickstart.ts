// `npm run quickstart`: Berth with its embedded defaults on one machine.
//   secrets (generated once into .data/) → Postgres (DATABASE_URL, or an embedded one under .data/) →
//   migrations → sandbox cluster (state under .data/sandbox) → first admin, team, cluster row and grant →
//   next build (when the sources changed) → next start on PORT (default 3000).
// Re-running keeps every piece of data and the same secrets.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { startEmbeddedPostgres } from './lib/embedded-postgres';
import { loadOrCreateSecrets } from './lib/secrets';
import { applyMigrations } from './db/migrate';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data');
// Run Next's own CLI (not through npx) so stopping the quickstart stops the server it started.
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function log(message: string): void {
  console.log(`[berth] ${message}`);
}

function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Identifies the sources a build was made from, so a pulled or edited checkout is rebuilt. */
function sourceStamp(): string {
  const git = (args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout ?? '';
  return createHash('sha256').update(git(['rev-parse', 'HEAD'])).update(git(['status', '--porcelain'])).digest('hex');
}

async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const stampFile = path.join(dataDir, 'build-stamp');
  const stamp = sourceStamp();
  const built = existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp;
  if (built) return;
  log('building the web app (first start or sources changed; ~1 minute)…');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('next build failed');
  await writeFile(stampFile, stamp);
}

interface AdminLogin {
  email: string;
  password: string;
}

async function main(): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const secrets = await loadOrCreateSecrets(dataDir);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!(await isPortFree(port, host))) {
    throw new Error(`port ${port} on ${host} is already in use (another Berth still running?); stop it or choose another with PORT=…`);
  }
  const publicUrl = process.env.AUTH_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;

  let stopPostgres: (() => Promise<void>) | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pgPort = Number(process.env.BERTH_EMBEDDED_PG_PORT ?? 54329);
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in .data/postgres)…`);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: pgPort, database: 'berth' });
    databaseUrl = pg.url('berth');
    stopPostgres = pg.stop;
  }
  const applied = await applyMigrations(databaseUrl);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date');

  // lib/env reads process.env lazily: set everything before the first lib import below.
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    BERTH_SECRET_KEY: process.env.BERTH_SECRET_KEY ?? secrets.BERTH_SECRET_KEY,
    AUTH_SECRET: process.env.AUTH_SECRET ?? secrets.AUTH_SECRET,
  });

  const { startSandbox } = await import('../lib/sandbox/index');
  const sandboxDir = path.join(dataDir, 'sandbox');
  await mkdir(sandboxDir, { recursive: true });
  const tokenFile = path.join(sandboxDir, 'token');
  const sandboxToken = existsSync(tokenFile)
    ? (await readFile(tokenFile, 'utf8')).trim()
    : createHash('sha256').update(secrets.AUTH_SECRET).update('sandbox').digest('base64url');
  await writeFile(tokenFile, sandboxToken, { mode: 0o600 });
  const wantedSandboxPort = Number(process.env.BERTH_SANDBOX_PORT ?? 6443);
  const sandboxPort = (await isPortFree(wantedSandboxPort, '127.0.0.1')) ? wantedSandboxPort : 0;
  const sandbox = await startSandbox({
    port: sandboxPort,
    dataDir: path.join(sandboxDir, 'state'),
    token: sandboxToken,
    kubeconfigPath: path.join(dataDir, 'sandbox.kubeconfig'),
  });
  log(`sandbox cluster at ${sandbox.url} (kubectl: KUBECONFIG=.data/sandbox.kubeconfig kubectl get nodes)`);

  const login = await bootstrap(sandbox.url, sandboxToken, sandbox.caPem);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_URL: publicUrl,
    AUTH_TRUST_HOST: 'true',
  };
  await buildIfNeeded(childEnv);

  const web = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', host], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    web.kill('SIGTERM');
    await sandbox.close().catch(() => undefined);
    await stopPostgres?.().catch(() => undefined);
    process.exit(code);
  };
  web.on('exit', (code) => {
    if (!stopping) console.error(`[berth] the web server exited (code ${code ?? 'unknown'})`);
    void stop(code ?? 1);
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  await waitForHealthy(`http://127.0.0.1:${port}/api/healthz`);
  console.log('');
  console.log('  Berth is running.');
  console.log(`  Open      ${publicUrl}`);
  console.log(`  Sign in   ${login.email}`);
  console.log(`  Password  ${login.password}${login.isNew ? '' : '   (the initial password; if you changed it, use yours)'}`);
  console.log('  Stop with Ctrl+C. Data, secrets and the sandbox cluster are kept in .data/.');
  console.log('');
}

/** First admin, their team, the sandbox cluster row and a MAINTAINER grant in `default`: idempotent. */
async function bootstrap(server: string, token: string, caPem: string | undefined): Promise<AdminLogin & { isNew: boolean }> {
  const { systemActor } = await import('../lib/access/actor');
  const { db } = await import('../lib/db');
  const { createUser } = await import('../lib/users/create-user');
  const { createTeam } = await import('../lib/teams/create-team');
  const { addTeamMember } = await import('../lib/teams/add-team-member');
  const { createGrant } = await import('../lib/access/create-grant');
  const { registerSandboxCluster } = await import('../lib/clusters/register-sandbox-cluster');

  const loginFile = path.join(dataDir, 'admin-login.json');
  let login: AdminLogin | undefined = existsSync(loginFile) ? (JSON.parse(await readFile(loginFile, 'utf8')) as AdminLogin) : undefined;
  let isNew = false;
  const adminCount = await db.user.count({ where: { isAdmin: true } });
  if (adminCount === 0 || !login) {
    const email = process.env.BERTH_ADMIN_EMAIL ?? 'admin@berth.local';
    const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!existing) {
      const created = await createUser(systemActor, { email, name: 'Administrator', isAdmin: true });
      login = { email, password: created.generatedPassword ?? '' };
      isNew = true;
      await writeFile(loginFile, JSON.stringify(login), { mode: 0o600 });
      await chmod(loginFile, 0o600);
    } else if (!login) {
      login = { email, password: '(unknown: reset it with `npm run user -- reset-password --email ' + email + '`)' };
    }
  }
  if (!login) throw new Error('no admin login');

  const cluster = await registerSandboxCluster(systemActor, { server, token, caPem });
  const teamName = 'Platform';
  let team = await db.team.findUnique({ where: { name: teamName }, select: { id: true } });
  if (!team) {
    team = await createTeam(systemActor, { name: teamName, description: 'Platform administrators' });
    await addTeamMember(systemActor, { teamId: team.id, email: login.email, role: 'LEAD' }).catch(() => undefined);
  }
  if (cluster.created) {
    await createGrant(systemActor, { teamId: team.id, clusterId: cluster.id, namespace: 'default', role: 'MAINTAINER' });
  }
  await db.$disconnect();
  return { ...login, isNew };
}

async function waitForHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`Berth did not become healthy at ${url}`);
}

main().catch((error: unknown) => {
  console.error(`[berth] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// Docker cannot run here, so the packaging is checked for the structure that makes it work.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  env_file?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
  ports?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function parseEnvExample(file: string): Map<string, string> {
  const entries = read(file)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return [line.slice(0, eq), line.slice(eq + 1)] as const;
    });
  return new Map(entries);
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as ComposeFile;

  it('runs postgres:16 on a named volume with a pg_isready healthcheck', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toBe('postgres:16');
    const [volumeName, mountPath] = (postgres.volumes?.[0] ?? '').split(':');
    expect(mountPath).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty(volumeName);
    expect(postgres.healthcheck?.test?.join(' ')).toContain('pg_isready');
  });

  it('starts Berth only once postgres is healthy, with secrets from env files and a readiness check', () => {
    const berth = compose.services.berth;
    expect(berth.build).toBe('.');
    expect(berth.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(berth.env_file).toEqual(['deploy/berth.env']);
    expect(compose.services.postgres.env_file).toEqual(['deploy/postgres.env']);
    expect(berth.healthcheck?.test?.join(' ')).toContain('/api/readyz');
    expect(berth.ports).toContain('3000:3000');
  });

  it('has documented example env files that agree on the database credentials', () => {
    const berthEnv = parseEnvExample('deploy/berth.env.example');
    const postgresEnv = parseEnvExample('deploy/postgres.env.example');
    for (const key of ['DATABASE_URL', 'AUTH_SECRET', 'BERTH_SECRET_KEY']) expect(berthEnv.get(key), key).toBeTruthy();
    const url = new URL(berthEnv.get('DATABASE_URL') ?? '');
    expect(url.hostname).toBe('postgres');
    expect(decodeURIComponent(url.username)).toBe(postgresEnv.get('POSTGRES_USER'));
    expect(decodeURIComponent(url.password)).toBe(postgresEnv.get('POSTGRES_PASSWORD'));
    expect(url.pathname.slice(1)).toBe(postgresEnv.get('POSTGRES_DB'));
  });

  it('keeps real env files out of git and out of the image', () => {
    expect(read('.dockerignore')).toMatch(/^deploy\/\*\.env$/m);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));

  it('is multi-stage on node:20-slim', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:20-slim AS \w+$/);
  });

  it('installs with npm ci, generates the Prisma client and builds the standalone server', () => {
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toContain('npm run db:generate');
    expect(dockerfile).toContain('next build');
    // Standalone output only for the image: the build stage switches it on.
    expect(read('next.config.ts')).toMatch(/BERTH_STANDALONE === '1' \? 'standalone'/);
    expect(dockerfile).toMatch(/BERTH_STANDALONE=1/);
  });

  it('runs as a non-root user, applies migrations on start and checks /api/healthz', () => {
    const runtime = instructions.slice(instructions.indexOf(stages[stages.length - 1]));
    const user = runtime.find((line) => line.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(runtime.some((line) => line.includes('.next/standalone'))).toBe(true);
    expect(runtime.some((line) => line.includes('prisma'))).toBe(true);
    expect(runtime).toContain('EXPOSE 3000');
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK'))).toContain('/api/healthz');
    const entrypoint = read('deploy/docker-entrypoint.sh');
    const migrateAt = entrypoint.indexOf('migrate.mjs deploy');
    expect(migrateAt).toBeGreaterThan(0);
    expect(entrypoint.indexOf('exec node /app/server.js')).toBeGreaterThan(migrateAt);
  });
});

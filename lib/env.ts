// The one reader of process.env (STYLE.md). Parsed lazily on first use so `next build` works with no
// secrets; production refuses to run without them.
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  NEXT_PHASE: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
  ),
  BERTH_SECRET_KEY: optionalText.pipe(
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 random bytes, base64-encoded (openssl rand -base64 32)')
      .optional(),
  ),
  AUTH_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)').optional()),
  AUTH_URL: optionalText.pipe(z.url('must be a URL such as https://berth.example.com').optional()),
  AUTH_TRUST_HOST: booleanFlag,
  BERTH_OIDC_ISSUER: optionalText.pipe(z.url('must be the issuer URL of your OpenID provider').optional()),
  BERTH_OIDC_CLIENT_ID: optionalText,
  BERTH_OIDC_CLIENT_SECRET: optionalText,
  BERTH_OIDC_NAME: optionalText.transform((v) => v ?? 'SSO'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: optionalText,
  BERTH_LOG_QUERIES: booleanFlag,
  // Set by Kubernetes in every pod: where the in-cluster API server is (cluster registration).
  KUBERNETES_SERVICE_HOST: optionalText,
  KUBERNETES_SERVICE_PORT: optionalText,
  // Only for scripts/rotate-key.ts: the key that replaces BERTH_SECRET_KEY.
  BERTH_NEW_SECRET_KEY: optionalText,
  // Bearer token Prometheus must send to /api/metrics; unset, the endpoint answers 404.
  BERTH_METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters (openssl rand -hex 24)').optional()),
});

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  constructor(problems: string[]) {
    super(`Berth configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

const oidcKeys = ['BERTH_OIDC_ISSUER', 'BERTH_OIDC_CLIENT_ID', 'BERTH_OIDC_CLIENT_SECRET'] as const;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  const isBuild = env.NEXT_PHASE === 'phase-production-build';
  if (env.NODE_ENV === 'production' && !isBuild) {
    if (!env.DATABASE_URL) problems.push('DATABASE_URL is required in production');
    if (!env.BERTH_SECRET_KEY) {
      problems.push('BERTH_SECRET_KEY is required in production (32 random bytes, base64: openssl rand -base64 32)');
    }
    if (!env.AUTH_SECRET) problems.push('AUTH_SECRET is required in production (openssl rand -base64 32)');
  }
  const oidcSet = oidcKeys.filter((key) => env[key] !== undefined);
  if (oidcSet.length > 0 && oidcSet.length < oidcKeys.length) {
    const missing = oidcKeys.filter((key) => env[key] === undefined);
    problems.push(`OIDC sign-in needs ${oidcKeys.join(', ')} together; missing ${missing.join(', ')}`);
  }
  if (problems.length > 0) throw new EnvError(problems);
  return env;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests that change process.env call this so the next getEnv() re-reads it. */
export function resetEnvCache(): void {
  cached = undefined;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
}

export function getOidcConfig(): OidcConfig | null {
  const env = getEnv();
  if (!env.BERTH_OIDC_ISSUER || !env.BERTH_OIDC_CLIENT_ID || !env.BERTH_OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.BERTH_OIDC_ISSUER,
    clientId: env.BERTH_OIDC_CLIENT_ID,
    clientSecret: env.BERTH_OIDC_CLIENT_SECRET,
    name: env.BERTH_OIDC_NAME,
  };
}

export function requireDatabaseUrl(): string {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new EnvError(['DATABASE_URL is not set (npm run quickstart starts an embedded PostgreSQL for you)']);
  return url;
}

/** The 32-byte key that seals cluster credentials. */
export function requireSecretKey(): Buffer {
  const key = getEnv().BERTH_SECRET_KEY;
  if (!key) throw new EnvError(['BERTH_SECRET_KEY is not set (openssl rand -base64 32)']);
  return Buffer.from(key, 'base64');
}

// Appending to the audit log. Appends are serialized with a transaction-scoped advisory lock, so
// concurrent writers (several server processes included) never fork the chain: each append reads
// the head and writes head+1 while holding the lock.
import { randomUUID } from 'node:crypto';
import type { AnyActor } from '@/lib/access/actor';
import { db } from '@/lib/db';
import type { ErrorCode } from '@/lib/errors';
import type { AuditAction, AuditOutcome } from './actions';
import { genesisHash, hashAuditRow, type HashedAuditRow } from './hash';
import { mapError } from './map-error';

// Arbitrary constant shared by every Berth process: "berth" in ASCII.
const auditLockKey = 0x6265727468n;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type AuditParams = { [key: string]: JsonValue | undefined };

export interface AuditScope {
  teamId?: string | null;
  clusterId?: string | null;
  namespace?: string | null;
  appId?: string | null;
}

export interface AuditInput {
  action: AuditAction;
  scope?: AuditScope;
  /** What was acted on, human-readable: an email, a team name, `cluster/namespace/app`. */
  target?: string | null;
  params?: AuditParams;
}

/** Someone not signed in (or a failed sign-in): recorded with the email they tried, if any. */
export interface AnonymousActor {
  kind: 'anonymous';
  email: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export type AuditActor = AnyActor | AnonymousActor | null;

export interface AuditErrorInfo {
  code: ErrorCode | string;
  message: string;
}

export function anonymousActor(context: { email?: string | null; ip?: string | null; userAgent?: string | null } = {}): AnonymousActor {
  return { kind: 'anonymous', email: context.email ?? null, ip: context.ip ?? null, userAgent: context.userAgent ?? null };
}

// Whatever an operation passes, credentials never reach the log.
const secretKey = /pass(word)?|secret|token|credential|kubeconfig|private.?key|authorization|cookie/i;

function redact(value: JsonValue | AuditParams | undefined): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((item) => redact(item) ?? null);
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key] = secretKey.test(key) ? '[redacted]' : (redact(item) ?? null);
    }
    return out;
  }
  return value;
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return value.length > max ? value.slice(0, max) : value;
}

function describeActor(actor: AuditActor): Pick<HashedAuditRow, 'actorId' | 'actorEmail' | 'sourceIp' | 'userAgent'> {
  if (actor === null) return { actorId: null, actorEmail: 'anonymous', sourceIp: null, userAgent: null };
  return {
    actorId: actor.kind === 'user' ? actor.id : null,
    actorEmail: actor.kind === 'anonymous' ? (actor.email ?? 'anonymous') : actor.email,
    sourceIp: clip(actor.ip, 64),
    userAgent: clip(actor.userAgent, 512),
  };
}

interface AppendInput extends AuditInput {
  outcome: AuditOutcome;
  operationId: string;
  error?: AuditErrorInfo | null;
}

export interface AppendedEvent {
  seq: number;
  hash: string;
  operationId: string;
}

export async function appendAuditEvent(actor: AuditActor, input: AppendInput): Promise<AppendedEvent> {
  const redacted = input.params === undefined ? null : redact(input.params);
  // The JSON round trip makes the hashed value exactly what jsonb gives back to the verifier.
  const params = redacted === null || redacted === undefined ? null : (JSON.parse(JSON.stringify(redacted)) as JsonValue);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${auditLockKey})`;
      // Raw SQL under the lock: the lock is held for as little work as possible (typed Prisma calls
      // cost about twice as much here, measured), and every append in the system waits on it.
      const [head] = await tx.$queryRaw<{ seq: bigint; hash: string }[]>`
        SELECT seq, hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`;
      const row: HashedAuditRow = {
        seq: (head?.seq ?? 0n) + 1n,
        at: new Date(),
        ...describeActor(actor),
        action: input.action,
        teamId: input.scope?.teamId ?? null,
        clusterId: input.scope?.clusterId ?? null,
        namespace: input.scope?.namespace ?? null,
        appId: input.scope?.appId ?? null,
        target: clip(input.target, 512),
        params,
        outcome: input.outcome,
        errorCode: input.error?.code ?? null,
        errorMessage: clip(input.error?.message, 1000),
        operationId: input.operationId,
        prevHash: head?.hash ?? genesisHash,
      };
      const hash = hashAuditRow(row);
      // "at" is timestamp(3) without time zone holding UTC, as Prisma's typed writes store it.
      await tx.$executeRaw`
        INSERT INTO "AuditEvent" ("seq", "at", "actorId", "actorEmail", "sourceIp", "userAgent", "action", "teamId",
          "clusterId", "namespace", "appId", "target", "params", "outcome", "errorCode", "errorMessage", "operationId",
          "prevHash", "hash")
        VALUES (${row.seq}, ${row.at.toISOString()}::timestamptz AT TIME ZONE 'UTC', ${row.actorId}, ${row.actorEmail},
          ${row.sourceIp}, ${row.userAgent}, ${row.action}, ${row.teamId}, ${row.clusterId}, ${row.namespace},
          ${row.appId}, ${row.target}, ${params === null ? null : JSON.stringify(params)}::jsonb,
          ${input.outcome}::"AuditOutcome", ${row.errorCode}, ${row.errorMessage}, ${row.operationId}, ${row.prevHash},
          ${hash})`;
      return { seq: Number(row.seq), hash, operationId: row.operationId };
    },
    // Under a burst, appends queue on the lock and the pool; waiting is better than losing a record.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

export interface AuditContext {
  operationId: string;
}

/**
 * The audited shape of every change: REQUESTED is written first (if that fails, nothing happens),
 * then fn runs, then SUCCEEDED or FAILED (with the mapped error) is written and the error rethrown.
 */
export async function runAudited<T>(
  actor: AnyActor,
  input: AuditInput,
  fn: (context: AuditContext) => Promise<T>,
): Promise<T> {
  const operationId = randomUUID();
  await appendAuditEvent(actor, { ...input, outcome: 'REQUESTED', operationId });
  let result: T;
  try {
    result = await fn({ operationId });
  } catch (error) {
    const mapped = mapError(error);
    await appendAuditEvent(actor, {
      ...input,
      outcome: 'FAILED',
      operationId,
      error: { code: mapped.code, message: mapped.message },
    });
    throw error;
  }
  await appendAuditEvent(actor, { ...input, outcome: 'SUCCEEDED', operationId });
  return result;
}

/** A refused attempt: one DENIED record, nothing else. */
export async function recordDenied(actor: AuditActor, input: AuditInput, reason?: string): Promise<AppendedEvent> {
  return appendAuditEvent(actor, {
    ...input,
    outcome: 'DENIED',
    operationId: randomUUID(),
    error: { code: actor === null || actor.kind === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN_OR_NOT_FOUND', message: reason ?? 'Not allowed.' },
  });
}

/** A one-shot event with no REQUESTED phase (sign-in, sign-out, a rollout verdict). */
export async function recordEvent(
  actor: AuditActor,
  input: AuditInput & { outcome: Exclude<AuditOutcome, 'REQUESTED'>; error?: AuditErrorInfo | null },
): Promise<AppendedEvent> {
  return appendAuditEvent(actor, { ...input, operationId: randomUUID() });
}

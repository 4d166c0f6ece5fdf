// Hash chain of the audit log: hash = sha256(prevHash ‖ canonical JSON of the row without its hash).
// Canonical JSON: object keys sorted at every depth, no whitespace, dates as ISO-8601 UTC with
// milliseconds, bigints as decimal strings, undefined dropped from objects (as JSON itself does).
import { createHash } from 'node:crypto';

export const genesisHash = '0'.repeat(64);

export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | bigint
  | Date
  | undefined
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as { readonly [key: string]: CanonicalValue };
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/** Every column of an AuditEvent except `hash`. */
export interface HashedAuditRow {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorEmail: string;
  sourceIp: string | null;
  userAgent: string | null;
  action: string;
  teamId: string | null;
  clusterId: string | null;
  namespace: string | null;
  appId: string | null;
  target: string | null;
  params: CanonicalValue;
  outcome: string;
  errorCode: string | null;
  errorMessage: string | null;
  operationId: string;
  prevHash: string;
}

export function hashAuditRow(row: HashedAuditRow): string {
  const body: { [key: string]: CanonicalValue } = {
    seq: row.seq,
    at: row.at,
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    sourceIp: row.sourceIp,
    userAgent: row.userAgent,
    action: row.action,
    teamId: row.teamId,
    clusterId: row.clusterId,
    namespace: row.namespace,
    appId: row.appId,
    target: row.target,
    params: row.params ?? null,
    outcome: row.outcome,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    operationId: row.operationId,
    prevHash: row.prevHash,
  };
  return createHash('sha256').update(row.prevHash).update(canonicalJson(body)).digest('hex');
}

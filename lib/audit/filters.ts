// The audit log's filters as they travel in URLs (page, export): parsed and validated once here, with
// field errors a form can show next to each input, and written back for links.
import { z } from 'zod';
import { BerthError, type FieldErrors } from '@/lib/errors';
import { auditActions, auditOutcomes, type AuditAction, type AuditOutcome } from './actions';

export interface AuditQueryFilters {
  /** The actor's email, matched case-insensitively. */
  actor?: string;
  teamId?: string;
  clusterId?: string;
  namespace?: string;
  appId?: string;
  action?: AuditAction;
  outcome?: AuditOutcome;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
}

/** Keyset cursors: `before` pages to older events (seq < before), `after` to newer ones (seq > after). */
export interface AuditCursor {
  before: number | null;
  after: number | null;
}

export const auditFilterParams = ['actor', 'team', 'cluster', 'namespace', 'app', 'action', 'outcome', 'from', 'to'] as const;
export type AuditFilterParam = (typeof auditFilterParams)[number];

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function readParam(params: SearchParamsInput, name: string): string | undefined {
  const raw = params instanceof URLSearchParams ? (params.get(name) ?? undefined) : params[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

const idText = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a valid id.');
// RFC 1123 label, as Kubernetes validates namespace names.
const namespaceText = z.string().max(63, 'At most 63 characters.').regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'Lowercase letters, digits and dashes, as Kubernetes namespace names.');
const actorText = z.string().max(320, 'At most 320 characters.').regex(/^[^\s@]+@[^\s@]+$/, 'An email address, such as ada@example.com.');

const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `2026-11-26`, `2026-11-26T14:30`, `2026-11-26T14:30:00Z` or with an offset; no zone means UTC.
 * A bare date as the upper bound means "through the end of that day".
 */
export function parseAuditTime(text: string, bound: 'from' | 'to'): Date | null {
  const match = datePattern.exec(text);
  if (!match) return null;
  const [, year, month, day, hour] = match;
  const hasTime = hour !== undefined;
  const iso = hasTime
    ? `${text.replace(' ', 'T')}${match[7] ? '' : 'Z'}`
    : `${year}-${month}-${day}T00:00:00Z`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  // Reject dates JavaScript silently rolls over (2026-02-31 → March 3rd).
  if (date.getUTCDate() !== Number(day) && !match[7]) return null;
  if (!hasTime && bound === 'to') date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

export type AuditFilterResult =
  | { ok: true; filters: AuditQueryFilters; cursor: AuditCursor }
  /** `filters` keeps the valid part so a page can still show something sensible. */
  | { ok: false; filters: AuditQueryFilters; cursor: AuditCursor; fieldErrors: FieldErrors };

function parseCursor(text: string | undefined): number | null | undefined {
  if (text === undefined) return null;
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

export function safeParseAuditFilters(params: SearchParamsInput): AuditFilterResult {
  const fieldErrors: FieldErrors = {};
  const filters: AuditQueryFilters = {};
  const check = <T>(param: AuditFilterParam, schema: z.ZodType<T>, assign: (value: T) => void) => {
    const text = readParam(params, param);
    if (text === undefined) return;
    const parsed = schema.safeParse(text);
    if (parsed.success) assign(parsed.data);
    else fieldErrors[param] = parsed.error.issues.map((issue) => issue.message);
  };
  check('actor', actorText, (value) => (filters.actor = value.toLowerCase()));
  check('team', idText, (value) => (filters.teamId = value));
  check('cluster', idText, (value) => (filters.clusterId = value));
  check('namespace', namespaceText, (value) => (filters.namespace = value));
  check('app', idText, (value) => (filters.appId = value));
  check('action', z.enum(auditActions, 'Not a known action.'), (value) => (filters.action = value));
  check('outcome', z.enum(auditOutcomes, 'One of REQUESTED, SUCCEEDED, FAILED, DENIED.'), (value) => (filters.outcome = value));
  for (const bound of ['from', 'to'] as const) {
    const text = readParam(params, bound);
    if (text === undefined) continue;
    const date = parseAuditTime(text, bound);
    if (date) filters[bound] = date;
    else fieldErrors[bound] = ['A date (2026-11-26) or date and time (2026-11-26T14:30), in UTC.'];
  }
  if (filters.from && filters.to && filters.from >= filters.to) {
    fieldErrors.to = ['Must be after the start of the range.'];
    delete filters.to;
  }

  const before = parseCursor(readParam(params, 'before'));
  const after = parseCursor(readParam(params, 'after'));
  if (before === undefined) fieldErrors.before = ['Not a valid page cursor.'];
  if (after === undefined) fieldErrors.after = ['Not a valid page cursor.'];
  const cursor: AuditCursor = { before: before ?? null, after: before ? null : (after ?? null) };

  if (Object.keys(fieldErrors).length > 0) return { ok: false, filters, cursor, fieldErrors };
  return { ok: true, filters, cursor };
}

/** Parses or throws INVALID_INPUT with one message per bad field. */
export function parseAuditFilters(params: SearchParamsInput): { filters: AuditQueryFilters; cursor: AuditCursor } {
  const result = safeParseAuditFilters(params);
  if (!result.ok) {
    const fields = Object.keys(result.fieldErrors).join(', ');
    throw new BerthError('INVALID_INPUT', `Check the audit filters: ${fields}.`, result.fieldErrors);
  }
  return { filters: result.filters, cursor: result.cursor };
}

function formatTime(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** The filters as URL parameters (cursor left out), for pagination links and export URLs. */
export function auditFiltersToSearchParams(filters: AuditQueryFilters): URLSearchParams {
  const params = new URLSearchParams();
  const set = (name: AuditFilterParam, value: string | undefined) => {
    if (value !== undefined) params.set(name, value);
  };
  set('actor', filters.actor);
  set('team', filters.teamId);
  set('cluster', filters.clusterId);
  set('namespace', filters.namespace);
  set('app', filters.appId);
  set('action', filters.action);
  set('outcome', filters.outcome);
  set('from', filters.from ? formatTime(filters.from) : undefined);
  set('to', filters.to ? formatTime(filters.to) : undefined);
  return params;
}

export function hasAuditFilters(filters: AuditQueryFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

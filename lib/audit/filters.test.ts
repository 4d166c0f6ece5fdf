import { describe, expect, it } from 'vitest';
import { BerthError } from '@/lib/errors';
import { auditFiltersToSearchParams, parseAuditFilters, parseAuditTime, safeParseAuditFilters } from './filters';

describe('audit filters from URL parameters', () => {
  it('parses every filter and round-trips through search params', () => {
    const params = new URLSearchParams({
      actor: 'Ada@Example.com',
      team: 'team_1',
      cluster: 'clus-1',
      namespace: 'team-a',
      app: 'app1',
      action: 'app.scale',
      outcome: 'FAILED',
      from: '2026-11-01',
      to: '2026-11-02T10:30',
      before: '42',
    });
    const { filters, cursor } = parseAuditFilters(params);
    expect(filters).toEqual({
      actor: 'ada@example.com',
      teamId: 'team_1',
      clusterId: 'clus-1',
      namespace: 'team-a',
      appId: 'app1',
      action: 'app.scale',
      outcome: 'FAILED',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T10:30:00Z'),
    });
    expect(cursor).toEqual({ before: 42, after: null });
    const written = auditFiltersToSearchParams(filters);
    expect(written.get('from')).toBe('2026-11-01T00:00:00Z');
    expect(parseAuditFilters(written).filters).toEqual(filters);
  });

  it('accepts the shape Next gives page searchParams, ignoring blanks', () => {
    const result = safeParseAuditFilters({ action: ['app.deploy', 'app.scale'], outcome: '', namespace: '  ' });
    expect(result).toEqual({ ok: true, filters: { action: 'app.deploy' }, cursor: { before: null, after: null } });
  });

  it('reports each bad field with a message a form can show, keeping the valid ones', () => {
    const result = safeParseAuditFilters(
      new URLSearchParams({ actor: 'not an email', namespace: 'Team_A', action: 'app.destroy', outcome: 'MAYBE', from: '2026-13-01', team: "x'; drop", before: '-1', app: 'ok1' }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['action', 'actor', 'before', 'from', 'namespace', 'outcome', 'team']);
    expect(result.fieldErrors.outcome).toEqual(['One of REQUESTED, SUCCEEDED, FAILED, DENIED.']);
    expect(result.fieldErrors.from).toEqual(['A date (2026-11-26) or date and time (2026-11-26T14:30), in UTC.']);
    expect(result.filters).toEqual({ appId: 'ok1' });
  });

  it('throws INVALID_INPUT naming the fields', () => {
    try {
      parseAuditFilters(new URLSearchParams({ outcome: 'nope', to: 'yesterday' }));
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).code).toBe('INVALID_INPUT');
      expect((error as BerthError).message).toBe('Check the audit filters: outcome, to.');
      expect(Object.keys((error as BerthError).fieldErrors ?? {})).toEqual(['outcome', 'to']);
    }
  });

  it('refuses a range that ends before it starts', () => {
    const result = safeParseAuditFilters(new URLSearchParams({ from: '2026-11-05', to: '2026-11-01' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.to).toEqual(['Must be after the start of the range.']);
  });

  it('reads times as UTC unless they carry an offset; a bare end date covers that whole day', () => {
    expect(parseAuditTime('2026-11-26', 'from')?.toISOString()).toBe('2026-11-26T00:00:00.000Z');
    expect(parseAuditTime('2026-11-26', 'to')?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(parseAuditTime('2026-11-26T14:30', 'from')?.toISOString()).toBe('2026-11-26T14:30:00.000Z');
    expect(parseAuditTime('2026-11-26T14:30:05+02:00', 'from')?.toISOString()).toBe('2026-11-26T12:30:05.000Z');
    expect(parseAuditTime('2026-02-31', 'from')).toBeNull();
    expect(parseAuditTime('2026-11-26T25:00', 'from')).toBeNull();
    expect(parseAuditTime('26/11/2026', 'from')).toBeNull();
  });

  it('uses after only when there is no before', () => {
    expect(parseAuditFilters(new URLSearchParams({ after: '7' })).cursor).toEqual({ before: null, after: 7 });
    expect(parseAuditFilters(new URLSearchParams({ after: '7', before: '9' })).cursor).toEqual({ before: 9, after: null });
  });
});

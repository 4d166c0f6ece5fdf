import { describe, expect, it } from 'vitest';
import { formatAuditParams, pairAuditEvents, type AuditLogEvent } from './pair-audit-events';

function event(seq: number, operationId: string, outcome: string, at: string): AuditLogEvent {
  return { seq, at, actorEmail: 'a@example.com', sourceIp: null, action: 'app.scale', outcome, namespace: 'team-a', target: 'web', params: null, errorCode: null, errorMessage: null, operationId };
}

describe('pairAuditEvents', () => {
  it('puts each request with its outcome, newest operation first, with the duration', () => {
    const rows = pairAuditEvents([
      event(5, 'op2', 'FAILED', '2026-11-26T10:00:03.500Z'),
      event(4, 'op3', 'DENIED', '2026-11-26T10:00:03.000Z'),
      event(3, 'op2', 'REQUESTED', '2026-11-26T10:00:02.000Z'),
      event(2, 'op1', 'SUCCEEDED', '2026-11-26T10:00:01.250Z'),
      event(1, 'op1', 'REQUESTED', '2026-11-26T10:00:01.000Z'),
    ]);
    expect(rows.map((row) => [row.operationId, row.request?.seq ?? null, row.outcome?.seq ?? null, row.durationMs])).toEqual([
      ['op2', 3, 5, 1500],
      ['op3', null, 4, null],
      ['op1', 1, 2, 250],
    ]);
  });

  it('keeps a request whose outcome is not recorded (yet, or on another page)', () => {
    const [row] = pairAuditEvents([event(9, 'op', 'REQUESTED', '2026-11-26T10:00:00Z')]);
    expect(row.outcome).toBeNull();
    expect(row.first.seq).toBe(9);
  });
});

describe('formatAuditParams', () => {
  it('renders compact JSON, clipped, and nothing for empty params', () => {
    expect(formatAuditParams({ replicas: 3 })).toBe('{"replicas":3}');
    expect(formatAuditParams({})).toBeNull();
    expect(formatAuditParams(null)).toBeNull();
    expect(formatAuditParams({ image: 'x'.repeat(200) }, 20)).toHaveLength(20);
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalJson, genesisHash, hashAuditRow, type HashedAuditRow } from './hash';

const row: HashedAuditRow = {
  seq: 1n,
  at: new Date('2026-01-02T03:04:05.678Z'),
  actorId: 'u1',
  actorEmail: 'a@example.com',
  sourceIp: '127.0.0.1',
  userAgent: null,
  action: 'team.create',
  teamId: 't1',
  clusterId: null,
  namespace: null,
  appId: null,
  target: 'payments',
  params: { name: 'payments', description: '' },
  outcome: 'REQUESTED',
  errorCode: null,
  errorMessage: null,
  operationId: 'op-1',
  prevHash: genesisHash,
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and encodes dates and bigints stably', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.678Z'), seq: 12345678901234567890n })).toBe(
      '{"at":"2026-01-02T03:04:05.678Z","seq":"12345678901234567890"}',
    );
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('hashAuditRow', () => {
  it('does not depend on key order and changes with any field', () => {
    const reordered = { ...row, params: { description: '', name: 'payments' } };
    expect(hashAuditRow(reordered)).toBe(hashAuditRow(row));
    expect(hashAuditRow(row)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow({ ...row, target: 'payment' })).not.toBe(hashAuditRow(row));
    expect(hashAuditRow({ ...row, seq: 2n })).not.toBe(hashAuditRow(row));
    expect(hashAuditRow({ ...row, prevHash: 'f'.repeat(64) })).not.toBe(hashAuditRow(row));
    expect(hashAuditRow({ ...row, at: new Date(row.at.getTime() + 1) })).not.toBe(hashAuditRow(row));
  });
});

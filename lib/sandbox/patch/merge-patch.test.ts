import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyMergePatch } from './merge-patch';

describe('applyMergePatch (RFC 7386)', () => {
  // The RFC 7386 appendix examples.
  const rfc: Array<[unknown, unknown, unknown]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(rfc)('%j + %j', (doc, patch, expected) => {
    expect(applyMergePatch(doc, patch)).toEqual(expected);
  });

  it('applies kubectl scale and kubectl label --overwrite payloads', () => {
    const live = { metadata: { name: 'web', labels: { app: 'web', tier: 'be' } }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } } };
    expect(applyMergePatch(live, { spec: { replicas: 5 } }).spec).toEqual({ replicas: 5, selector: { matchLabels: { app: 'web' } } });
    expect(applyMergePatch(live, { metadata: { labels: { tier: 'fe' } } }).metadata.labels).toEqual({ app: 'web', tier: 'fe' });
    // kubectl label tier- sends null
    expect(applyMergePatch(live, { metadata: { labels: { tier: null } } }).metadata.labels).toEqual({ app: 'web' });
    expect(live.spec.replicas).toBe(3);
  });

  it('rejects a non-object body with 400 Invalid JSON Patch', () => {
    let err: unknown;
    try {
      applyMergePatch({ a: 1 }, [1]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe(400);
    expect((err as ApiError).message).toBe('Invalid JSON Patch');
  });
});

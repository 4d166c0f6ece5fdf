import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './hash';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } };

describe('pod-template-hash', () => {
  it('implements FNV-1a 32 and SafeEncodeString as upstream', () => {
    expect(fnv32a(new Uint8Array())).toBe(0x811c9dc5);
    expect(fnv32a(new TextEncoder().encode('a'))).toBe(0xe40c292c);
    // fmt.Sprint(2166136261) through the alphabet: 2→6 1→5 6→b 3→7
    expect(safeEncodeString('2166136261')).toBe('65bb57b6b5');
  });

  it('is deterministic, independent of key order, and ignores the pod-template-hash label', () => {
    const h = computeHash(template);
    expect(h).toMatch(/^[4-9bcdf]{6,10}$/);
    const reordered = { spec: { containers: [{ image: 'nginx:1.25', name: 'nginx' }] }, metadata: { labels: { app: 'web' } } };
    expect(computeHash(reordered)).toBe(h);
    expect(computeHash({ ...template, metadata: { labels: { app: 'web', 'pod-template-hash': h } } })).toBe(h);
  });

  it('changes with the template and with collisionCount', () => {
    const h = computeHash(template);
    const other = structuredClone(template);
    other.spec.containers[0].image = 'nginx:1.26';
    expect(computeHash(other)).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(h);
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
    expect(computeHash(template, 0)).not.toBe(h);
  });
});

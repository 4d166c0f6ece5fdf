import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { formatLabelSelector, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors';

const labels = { app: 'web', tier: 'fe', version: '3' };

function sel(s: string, l: Record<string, string> | undefined = labels): boolean {
  return matchesLabels(parseLabelSelector(s), l);
}

describe('label selectors', () => {
  it('matches equality and inequality in all spellings', () => {
    expect(sel('app=web')).toBe(true);
    expect(sel('app==web')).toBe(true);
    expect(sel('app=api')).toBe(false);
    expect(sel('app!=api')).toBe(true);
    expect(sel('app!=web')).toBe(false);
    expect(sel('missing!=x')).toBe(true);
  });

  it('matches set-based requirements', () => {
    expect(sel('app in (web, api)')).toBe(true);
    expect(sel('app in (api)')).toBe(false);
    expect(sel('app notin (api,db)')).toBe(true);
    expect(sel('app notin (web)')).toBe(false);
    expect(sel('absent notin (x)')).toBe(true);
    expect(sel('absent in (x)')).toBe(false);
  });

  it('matches existence and non-existence', () => {
    expect(sel('tier')).toBe(true);
    expect(sel('!tier')).toBe(false);
    expect(sel('!absent')).toBe(true);
    expect(sel('absent')).toBe(false);
  });

  it('ANDs comma-separated requirements, tolerating whitespace', () => {
    expect(sel('app=web, tier in (fe,be) ,!absent')).toBe(true);
    expect(sel('app=web,tier=be')).toBe(false);
    expect(sel('')).toBe(true);
  });

  it('supports integer comparisons and qualified keys', () => {
    expect(sel('version>2')).toBe(true);
    expect(sel('version<3')).toBe(false);
    expect(matchesLabels(parseLabelSelector('app.kubernetes.io/name=x'), { 'app.kubernetes.io/name': 'x' })).toBe(true);
  });

  it('allows an empty value', () => {
    expect(sel('empty=', { empty: '' })).toBe(true);
    expect(sel('empty=', { empty: 'x' })).toBe(false);
  });

  it('rejects malformed selectors with 400 BadRequest', () => {
    for (const bad of ['app in web', 'app in (web', '=web', 'app=web=x', 'a b', 'version>x']) {
      let err: unknown;
      try {
        parseLabelSelector(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe(400);
    }
  });

  it('formats metav1.LabelSelector sorted by key like the upstream converter', () => {
    expect(
      formatLabelSelector({
        matchLabels: { tier: 'fe', app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'dev'] },
          { key: 'zz', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web,env in (dev,prod),tier=fe,!zz');
  });
});

describe('field selectors', () => {
  const fields = { 'metadata.name': 'web', 'metadata.namespace': 'demo', 'status.phase': 'Running' };

  it('parses terms in any order with =, == and !=', () => {
    const a = parseFieldSelector('metadata.namespace=demo,metadata.name==web,status.phase!=Pending');
    const b = parseFieldSelector('status.phase!=Pending,metadata.name=web,metadata.namespace=demo');
    expect(matchesFields(a, fields)).toBe(true);
    expect(matchesFields(b, fields)).toBe(true);
    expect(matchesFields(parseFieldSelector('metadata.name=api'), fields)).toBe(false);
  });

  it('unescapes values', () => {
    const reqs = parseFieldSelector('metadata.name=a\\,b\\=c');
    expect(reqs).toEqual([{ field: 'metadata.name', op: '=', value: 'a,b=c' }]);
  });

  it('rejects a term without an operator', () => {
    expect(() => parseFieldSelector('metadata.name')).toThrow(ApiError);
  });
});

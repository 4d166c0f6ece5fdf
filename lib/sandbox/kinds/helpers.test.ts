import { describe, expect, it } from 'vitest';
import { formatValue, goLabelSelector } from './field-errors';
import { deepEqual } from './json';
import { validateIntOrPercent } from './int-or-percent';
import { formatLabels, formatLabelSelector, labelSelectorString } from './printing';
import { canonicalQuantity, parseQuantity } from './quantity';
import { selectorMatches, validateLabelSelector } from './selectors';

describe('field error value rendering (field.Error.ErrorBody)', () => {
  it('renders numbers plain, strings quoted and Go composites in %#v form', () => {
    expect(formatValue(3)).toBe('3');
    expect(formatValue(true)).toBe('true');
    expect(formatValue('a"b')).toBe('"a\\"b"');
    expect(formatValue(undefined)).toBe('null');
    expect(formatValue(['10.96.0.10'])).toBe('[]string{"10.96.0.10"}');
    expect(formatValue({ b: '2', a: '1' })).toBe('map[string]string{"a":"1", "b":"2"}');
    expect(goLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] })).toBe(
      'v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"fe"}}}}',
    );
  });
});

describe('label selectors', () => {
  const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'canary', operator: 'DoesNotExist' }] };

  it('matches like labels.Selector', () => {
    expect(selectorMatches(sel, { app: 'web' })).toBe(true);
    expect(selectorMatches(sel, { app: 'web', tier: 'db' })).toBe(false);
    expect(selectorMatches(sel, { app: 'web', canary: 'x' })).toBe(false);
    expect(selectorMatches(undefined, { app: 'web' })).toBe(false);
    expect(selectorMatches({}, { app: 'web' })).toBe(true);
  });

  it('formats selectors sorted by key, and label maps', () => {
    expect(labelSelectorString(sel)).toBe('app=web,!canary,tier notin (db)');
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabels({ b: '2', a: '1' })).toBe('a=1,b=2');
    expect(formatLabels(undefined)).toBe('<none>');
  });

  it('validates operators and values', () => {
    expect(validateLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Has' }, { key: 'b', operator: 'In', values: [] }] }, 'spec.selector').map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.selector.matchExpressions[0].operator: Unsupported value: "Has": supported values: "In", "NotIn", "Exists", "DoesNotExist"',
      "spec.selector.matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });
});

describe('quantities and int-or-percent', () => {
  it('parses resource quantities', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1.5k')).toBe(1500);
    expect(parseQuantity('abc')).toBeUndefined();
  });

  it('validates maxSurge/maxUnavailable values', () => {
    expect(validateIntOrPercent('25%', 'f')).toEqual([]);
    expect(validateIntOrPercent(2, 'f')).toEqual([]);
    expect(validateIntOrPercent('150%', 'f').map((c) => c.message)).toEqual(['Invalid value: 150%: must not be greater than 100%']);
    expect(validateIntOrPercent('abc', 'f').map((c) => c.message)).toEqual([
      "Invalid value: abc: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ]);
    expect(validateIntOrPercent(-1, 'f').map((c) => c.message)).toEqual(['Invalid value: -1: must be greater than or equal to 0']);
  });
});

describe('semantic equality', () => {
  it('treats empty and absent lists alike but keeps {} distinct from absent', () => {
    expect(deepEqual({ a: [], b: 1 }, { b: 1 })).toBe(true);
    expect(deepEqual({ a: null }, {})).toBe(true);
    expect(deepEqual({ a: {} }, {})).toBe(false);
    expect(deepEqual({ a: [1] }, { a: [1] })).toBe(true);
    expect(deepEqual({ a: [1] }, {})).toBe(false);
  });
});

describe('canonical quantities (Quantity.String)', () => {
  it.each([
    ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'], ['0.5Gi', '512Mi'], ['512', '512'], ['1000m', '1'],
    ['0.5', '500m'], ['1500', '1500'], ['2000', '2k'], ['100m', '100m'], ['1e3', '1e3'], ['0', '0'], ['1.5k', '1500'], ['2048Ki', '2Mi'],
  ])('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });
});

// Field error constructors rendering causes like apimachinery's field.Error.ErrorBody: simple values
// plain, strings Go-quoted, maps and slices in Go's %#v syntax.
import type { StatusCause } from './types';
import { isObject } from './json';

function quote(s: string): string {
  return JSON.stringify(s);
}

export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `[]string{${value.map(quote).join(', ')}}`;
  }
  if (isObject(value) && Object.values(value).every((v) => typeof v === 'string')) {
    const keys = Object.keys(value).sort();
    return `map[string]string{${keys.map((k) => `${quote(k)}:${quote(String(value[k]))}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

export function required(field: string, detail = ''): StatusCause {
  return { reason: 'FieldValueRequired', message: withDetail('Required value', detail), field };
}

export function invalid(field: string, value: unknown, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: withDetail(`Invalid value: ${formatValue(value)}`, detail), field };
}

export function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  const detail = supported.length ? `supported values: ${supported.map(quote).join(', ')}` : '';
  return { reason: 'FieldValueNotSupported', message: withDetail(`Unsupported value: ${formatValue(value)}`, detail), field };
}

export function duplicate(field: string, value: unknown): StatusCause {
  return { reason: 'FieldValueDuplicate', message: `Duplicate value: ${formatValue(value)}`, field };
}

export function forbidden(field: string, detail: string): StatusCause {
  return { reason: 'FieldValueForbidden', message: withDetail('Forbidden', detail), field };
}

export function tooLong(field: string, maxLength: number): StatusCause {
  return { reason: 'FieldValueTooLong', message: `Too long: must have at most ${maxLength} bytes`, field };
}

export function notFound(field: string, value: unknown): StatusCause {
  return { reason: 'FieldValueNotFound', message: `Not found: ${formatValue(value)}`, field };
}

/** Drops causes whose rendered text repeats, as field.ErrorList.ToAggregate does. */
export function dedupeCauses(causes: StatusCause[]): StatusCause[] {
  const seen = new Set<string>();
  return causes.filter((c) => {
    const key = `${c.field}: ${c.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export const immutableMessage = 'field is immutable';

/** A Go map[string]string in %#v form; `map[string]string(nil)` when absent. */
export function goStringMap(m: unknown): string {
  if (!isObject(m)) return 'map[string]string(nil)';
  return formatValue(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)])));
}

/** A metav1.LabelSelector as %#v prints it in immutable-field errors. */
export function goLabelSelector(sel: unknown): string {
  if (!isObject(sel)) return 'null';
  const exprs = Array.isArray(sel.matchExpressions) ? sel.matchExpressions.filter(isObject) : [];
  const exprText = exprs.length === 0
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${exprs
        .map((e) => {
          const values = Array.isArray(e.values) ? `[]string{${e.values.map((v) => quote(String(v))).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${quote(String(e.key ?? ''))}, Operator:${quote(String(e.operator ?? ''))}, Values:${values}}`;
        })
        .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** Invalid with a value already rendered in Go syntax. */
export function invalidRendered(field: string, rendered: string, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: withDetail(`Invalid value: ${rendered}`, detail), field };
}

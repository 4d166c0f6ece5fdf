// Label selector evaluation and validation (metav1.LabelSelector), as workload validation needs it.
import type { StatusCause } from './types';
import { invalid, notSupported, required, forbidden } from './field-errors';
import { asObject, asObjects, asStringMap } from './json';
import { isQualifiedName, isValidLabelValue } from './names';

/** Whether a metav1.LabelSelector matches a label set. Undefined selectors match nothing. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const sel = asObject(selector);
  if (!sel) return false;
  for (const [k, v] of Object.entries(asStringMap(sel.matchLabels))) if (labels[k] !== v) return false;
  for (const expr of asObjects(sel.matchExpressions)) {
    const key = String(expr.key ?? '');
    const values = Array.isArray(expr.values) ? expr.values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr.operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: unknown): boolean {
  const sel = asObject(selector);
  return !sel || (Object.keys(asStringMap(sel.matchLabels)).length === 0 && asObjects(sel.matchExpressions).length === 0);
}

/** metav1validation.ValidateLabelSelector. */
export function validateLabelSelector(selector: unknown, path: string): StatusCause[] {
  const sel = asObject(selector);
  if (!sel) return [];
  const causes: StatusCause[] = [];
  asObjects(sel.matchExpressions).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) causes.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) causes.push(forbidden(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        causes.push(notSupported(`${p}.operator`, e.operator ?? '', ['In', 'NotIn', 'Exists', 'DoesNotExist']));
    }
    const key = String(e.key ?? '');
    for (const msg of isQualifiedName(key)) causes.push(invalid(`${p}.key`, key, msg));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(String(v))) causes.push(invalid(`${p}.values[${j}]`, String(v), msg));
    });
  });
  const matchLabels = asStringMap(sel.matchLabels);
  for (const [k, v] of Object.entries(matchLabels)) {
    for (const msg of isQualifiedName(k)) causes.push(invalid(`${path}.matchLabels`, k, msg));
    for (const msg of isValidLabelValue(v)) causes.push(invalid(`${path}.matchLabels`, v, msg));
  }
  return causes;
}

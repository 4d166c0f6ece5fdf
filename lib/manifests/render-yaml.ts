import { stringify } from 'yaml';
import { normalizeObject, type Json } from './normalize';
import { managedKinds, type DesiredState, type ManagedObject } from './types';

/** Keys a reader looks for first; everything else follows alphabetically. */
const leadingKeys = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'image'];

function orderForReading(value: Json): Json {
  if (Array.isArray(value)) return value.map(orderForReading);
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value).sort((a, b) => {
    const ia = leadingKeys.indexOf(a);
    const ib = leadingKeys.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? leadingKeys.length : ia) - (ib < 0 ? leadingKeys.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out: { [key: string]: Json } = {};
  for (const k of keys) out[k] = orderForReading(value[k]);
  return out;
}

/** One object as stable YAML: normalized, keys in reading order, no line folding. */
export function objectToYaml(object: ManagedObject): string {
  const json = normalizeObject(object) as unknown as Json;
  return stringify(orderForReading(json), { lineWidth: 0, minContentWidth: 0 });
}

/** The whole state as a multi-document YAML, objects in apply order; the same state always gives the same text. */
export function stateToYaml(state: DesiredState): string {
  return managedKinds
    .map(({ key }) => state[key])
    .filter((object): object is ManagedObject => object !== undefined)
    .map(objectToYaml)
    .join('---\n');
}

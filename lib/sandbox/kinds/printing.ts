// Cell formatting helpers shared by the printers (pkg/printers/internalversion/printers.go and
// apimachinery's label formatting).
import type { KObject } from '../types';
import { asObject, asObjects, asStringMap } from './json';

/** labels.FormatLabels: sorted "k=v" joined with ",", or "<none>". */
export function formatLabels(labels: unknown): string {
  const map = asStringMap(labels);
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${map[k]}`).join(',');
}

/** The string form of a metav1.LabelSelector as a labels.Selector ("" when it selects everything). */
export function labelSelectorString(selector: unknown): string {
  const sel = asObject(selector);
  if (!sel) return '';
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(asStringMap(sel.matchLabels))) reqs.push({ key: k, text: `${k}=${v}` });
  for (const expr of asObjects(sel.matchExpressions)) {
    const key = typeof expr.key === 'string' ? expr.key : '';
    const values = (Array.isArray(expr.values) ? expr.values : []).map(String).sort();
    switch (expr.operator) {
      case 'In':
        reqs.push({ key, text: `${key} in (${values.join(',')})` });
        break;
      case 'NotIn':
        reqs.push({ key, text: `${key} notin (${values.join(',')})` });
        break;
      case 'Exists':
        reqs.push({ key, text: key });
        break;
      case 'DoesNotExist':
        reqs.push({ key, text: `!${key}` });
        break;
      default:
        break;
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: the selector string or "<none>". */
export function formatLabelSelector(selector: unknown): string {
  return labelSelectorString(selector) || '<none>';
}

/** layoutContainerCells: container names and images, comma-joined. */
export function layoutContainerCells(containers: unknown): [string, string] {
  const list = asObjects(containers);
  return [list.map((c) => String(c.name ?? '')).join(','), list.map((c) => String(c.image ?? '')).join(',')];
}

export function templateContainers(obj: KObject): unknown {
  return asObject(asObject(asObject(asObject(obj.spec)?.template)?.spec))?.containers;
}

/** Ingress/LoadBalancer status addresses: unique IPs (else hostnames), sorted, comma-joined. */
export function loadBalancerAddresses(status: unknown): string {
  const set = new Set<string>();
  for (const ing of asObjects(asObject(status)?.ingress)) {
    if (typeof ing.ip === 'string' && ing.ip) set.add(ing.ip);
    else if (typeof ing.hostname === 'string' && ing.hostname) set.add(ing.hostname);
  }
  return [...set].sort().join(',');
}

export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

// pod-template-hash as upstream's controller.ComputeHash computes it: FNV-1a 32 over the template,
// plus 8 bytes of collisionCount when set, printed as a decimal string and passed through
// rand.SafeEncodeString. Upstream feeds Go's dump.ForHash rendering of the struct, which cannot be
// reproduced outside Go, so this hashes a canonical JSON (sorted keys, no pod-template-hash label)
// instead: hashes are deterministic and look like real ones (e.g. "7c5ddbdf54") but differ bit-wise.
import type { PodTemplateSpec } from './objects';

/** Upstream's k8s.io/apimachinery/pkg/util/rand alphabet (no vowels, no confusable characters). */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The template as the hash sees it: without the pod-template-hash label (so an RS template hashes like its deployment's). */
export function templateWithoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(template);
  const labels = copy.metadata?.labels;
  if (labels && POD_TEMPLATE_HASH_LABEL in labels) {
    delete labels[POD_TEMPLATE_HASH_LABEL];
  }
  return copy;
}

export function computeHash(template: PodTemplateSpec, collisionCount?: number): string {
  const text = new TextEncoder().encode(canonicalJson(templateWithoutHash(template)));
  let bytes = text;
  if (collisionCount !== undefined && collisionCount !== null) {
    bytes = new Uint8Array(text.length + 8);
    bytes.set(text);
    new DataView(bytes.buffer).setUint32(text.length, collisionCount >>> 0, true);
  }
  return safeEncodeString(String(fnv32a(bytes)));
}

/** A random suffix like generateName's: upstream uses 5 characters of the same alphabet. */
export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += SAFE_ALPHABET[Math.floor(Math.random() * SAFE_ALPHABET.length)];
  return out;
}

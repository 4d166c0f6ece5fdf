// A set of field paths (structured-merge-diff's fieldpath.Set) stored as a trie, with the FieldsV1
// wire format of metadata.managedFields. Path elements are kept in their FieldsV1 spelling:
// "f:<field>", "k:<json of key fields>", "v:<json value>", "i:<index>".
import { isJsonObject } from './json-value';

export type PathElement = string;
export type FieldPath = PathElement[];

const ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

function compareElements(a: string, b: string): number {
  const ka = ORDER[a[0]] ?? 9;
  const kb = ORDER[b[0]] ?? 9;
  if (ka !== kb) return ka - kb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class FieldSet {
  member = false;
  readonly children = new Map<PathElement, FieldSet>();

  static of(...paths: FieldPath[]): FieldSet {
    const set = new FieldSet();
    for (const p of paths) set.insert(p);
    return set;
  }

  insert(path: FieldPath): void {
    const node = path.reduce<FieldSet>((parent, pe) => {
      let next = parent.children.get(pe);
      if (!next) {
        next = new FieldSet();
        parent.children.set(pe, next);
      }
      return next;
    }, this);
    node.member = true;
  }

  private node(path: FieldPath): FieldSet | undefined {
    return path.reduce<FieldSet | undefined>((parent, pe) => parent?.children.get(pe), this);
  }

  has(path: FieldPath): boolean {
    return this.node(path)?.member === true;
  }

  /** True when the path itself or anything below it is a member. */
  hasPrefix(path: FieldPath): boolean {
    const node = this.node(path);
    return node !== undefined && !node.isEmpty();
  }

  isEmpty(): boolean {
    if (this.member) return false;
    for (const child of this.children.values()) if (!child.isEmpty()) return false;
    return true;
  }

  /** Members in the order upstream iterates them (sorted path elements, parents before children). */
  paths(prefix: FieldPath = []): FieldPath[] {
    const out: FieldPath[] = [];
    if (this.member) out.push(prefix);
    for (const key of [...this.children.keys()].sort(compareElements)) {
      out.push(...(this.children.get(key) as FieldSet).paths([...prefix, key]));
    }
    return out;
  }

  size(): number {
    return this.paths().length;
  }

  clone(): FieldSet {
    return FieldSet.of(...this.paths());
  }

  union(other: FieldSet): FieldSet {
    return FieldSet.of(...this.paths(), ...other.paths());
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.of(...this.paths().filter((p) => other.has(p)));
  }

  /** Exact-membership difference (fieldpath.Set.Difference). */
  difference(other: FieldSet): FieldSet {
    return FieldSet.of(...this.paths().filter((p) => !other.has(p)));
  }

  /** Removes members of `other` and everything below them (fieldpath.Set.RecursiveDifference). */
  recursiveDifference(other: FieldSet): FieldSet {
    const prefixes = other.paths();
    return FieldSet.of(...this.paths().filter((p) => !prefixes.some((q) => q.length <= p.length && q.every((pe, i) => pe === p[i]))));
  }

  equals(other: FieldSet): boolean {
    const a = this.paths().map((p) => p.join('\u0000'));
    const b = other.paths().map((p) => p.join('\u0000'));
    return a.length === b.length && a.every((p, i) => p === b[i]);
  }
}

export function fieldSetToFieldsV1(set: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (set.member && [...set.children.values()].some((c) => !c.isEmpty())) out['.'] = {};
  for (const key of [...set.children.keys()].sort(compareElements)) {
    const child = set.children.get(key) as FieldSet;
    if (!child.isEmpty()) out[key] = fieldSetToFieldsV1(child);
  }
  return out;
}

export function fieldsV1ToFieldSet(fields: Record<string, unknown>): FieldSet {
  const set = new FieldSet();
  const walk = (node: Record<string, unknown>, prefix: FieldPath): void => {
    for (const [key, value] of Object.entries(node)) {
      if (key === '.') {
        set.insert(prefix);
        continue;
      }
      const child = isJsonObject(value) ? value : {};
      if (Object.keys(child).length === 0) set.insert([...prefix, key]);
      else walk(child, [...prefix, key]);
    }
  };
  walk(fields, []);
  return set;
}

function formatKeyValue(value: unknown): string {
  return JSON.stringify(value);
}

/** fieldpath.Path.String(): `.spec.template.spec.containers[name="app"].image`. */
export function formatFieldPath(path: FieldPath): string {
  return path
    .map((pe) => {
      const body = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const key = JSON.parse(body) as Record<string, unknown>;
          return `[${Object.keys(key).map((k) => `${k}=${formatKeyValue(key[k])}`).join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}

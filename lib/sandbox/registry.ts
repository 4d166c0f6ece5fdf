// Lookup tables over the served ResourceDefs (lib/sandbox/kinds): by ResourceKey, by
// group/version/plural for URL routing, and by apiVersion/kind for ownerReferences and discovery.
import type { ResourceDef } from './kinds/types';
import type { ResourceKey } from './types';

export interface Registry {
  defs: ResourceDef[];
  byKey(resource: ResourceKey): ResourceDef | undefined;
  keyOf(def: ResourceDef): ResourceKey;
  /** Resolves a URL's group, version and plural; undefined when that version is not served. */
  byPath(group: string, version: string, plural: string): ResourceDef | undefined;
  byKind(group: string, kind: string): ResourceDef | undefined;
  /** Group → served versions, preferred (storage) version first. */
  groupVersions(): Map<string, string[]>;
}

export function resourceKeyOf(def: ResourceDef): ResourceKey {
  return `${def.group || 'core'}/${def.plural}`;
}

export function servedVersions(def: ResourceDef): string[] {
  return [def.version, ...Object.keys(def.versions ?? {}).filter((v) => v !== def.version)];
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function createRegistry(defs: ResourceDef[]): Registry {
  const byKey = new Map<ResourceKey, ResourceDef>();
  const byPath = new Map<string, ResourceDef>();
  const byKind = new Map<string, ResourceDef>();
  const groups = new Map<string, string[]>();
  for (const def of defs) {
    byKey.set(resourceKeyOf(def), def);
    byKind.set(`${def.group}/${def.kind}`, def);
    const versions = servedVersions(def);
    for (const v of versions) byPath.set(`${def.group}/${v}/${def.plural}`, def);
    const list = groups.get(def.group) ?? [];
    for (const v of versions) if (!list.includes(v)) list.push(v);
    groups.set(def.group, list);
  }
  // Upstream prefers autoscaling/v2 and lists it first; keep each group's storage version first.
  for (const [g, list] of groups) {
    const storage = defs.find((d) => d.group === g)?.version;
    if (storage) groups.set(g, [storage, ...list.filter((v) => v !== storage)]);
  }
  return {
    defs,
    byKey: (k) => byKey.get(k),
    keyOf: resourceKeyOf,
    byPath: (g, v, p) => byPath.get(`${g}/${v}/${p}`),
    byKind: (g, k) => byKind.get(`${g}/${k}`),
    groupVersions: () => groups,
  };
}

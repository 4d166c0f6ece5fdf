// Discovery: /api, /apis and per group-version resource lists (unaggregated), and the aggregated
// apidiscovery.k8s.io/v2 (and v2beta1) documents when the Accept header asks for them.
import type { ResourceDef } from './kinds/types';
import { servedVersions, type Registry } from './registry';

const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

function subresourceKind(def: ResourceDef, sub: string, version: string) {
  if (sub === 'scale') return { group: 'autoscaling', version: 'v1', kind: 'Scale' };
  return { group: def.group, version, kind: def.kind };
}

function defsAt(registry: Registry, group: string, version: string): ResourceDef[] {
  return registry.defs.filter((d) => d.group === group && servedVersions(d).includes(version));
}

export function apiVersions(host: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] };
}

function groupEntry(group: string, versions: string[]) {
  return {
    name: group,
    versions: versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${group}/${versions[0]}`, version: versions[0] },
  };
}

export function apiGroupList(registry: Registry) {
  const groups = [...registry.groupVersions()].filter(([g]) => g !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map(([g, vs]) => groupEntry(g, vs)) };
}

export function apiGroup(registry: Registry, group: string) {
  const vs = registry.groupVersions().get(group);
  if (!vs || !group) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(group, vs) };
}

export function apiResourceList(registry: Registry, group: string, version: string) {
  const resources: unknown[] = [];
  for (const d of defsAt(registry, group, version)) {
    const entry: Record<string, unknown> = { name: d.plural, singularName: d.singular, namespaced: d.namespaced, kind: d.kind, verbs: d.verbs };
    if (d.shortNames?.length) entry.shortNames = d.shortNames;
    if (d.categories?.length) entry.categories = d.categories;
    resources.push(entry);
    for (const sub of d.subresources ?? []) {
      const k = subresourceKind(d, sub, version);
      const s: Record<string, unknown> = { name: `${d.plural}/${sub}`, singularName: '', namespaced: d.namespaced, kind: k.kind, verbs: SUBRESOURCE_VERBS };
      if (sub === 'scale') {
        s.group = k.group;
        s.version = k.version;
      }
      resources.push(s);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

function aggregatedGroup(registry: Registry, group: string, versions: string[]) {
  return {
    metadata: { name: group, creationTimestamp: null },
    versions: versions.map((v) => ({
      version: v,
      freshness: 'Current',
      resources: defsAt(registry, group, v).map((d) => {
        const r: Record<string, unknown> = {
          resource: d.plural,
          responseKind: { group: d.group, version: v, kind: d.kind },
          scope: d.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: d.singular,
          verbs: d.verbs,
        };
        if (d.shortNames?.length) r.shortNames = d.shortNames;
        if (d.categories?.length) r.categories = d.categories;
        if (d.subresources?.length) {
          r.subresources = d.subresources.map((sub) => ({ subresource: sub, responseKind: subresourceKind(d, sub, v), verbs: SUBRESOURCE_VERBS }));
        }
        return r;
      }),
    })),
  };
}

/** 'v2' | 'v2beta1' when the Accept header asks for aggregated discovery. */
export function aggregatedVersionAsked(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (!p.includes('g=apidiscovery.k8s.io') || !p.includes('as=APIGroupDiscoveryList')) continue;
    if (p.includes('v=v2beta1')) return 'v2beta1';
    if (p.includes('v=v2')) return 'v2';
  }
  return undefined;
}

export function aggregatedDiscovery(registry: Registry, legacy: boolean, version: 'v2' | 'v2beta1') {
  const groups = [...registry.groupVersions()].filter(([g]) => (legacy ? g === '' : g !== ''));
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map(([g, vs]) => aggregatedGroup(registry, g, vs)),
  };
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

// Parses a Kubernetes REST path into the resource, namespace, name and subresource it addresses.
import type { ResourceDef } from '../kinds/types';
import type { Registry } from '../registry';

export interface ResourceRoute {
  def: ResourceDef;
  /** The version in the URL (may differ from the storage version, e.g. autoscaling/v1). */
  version: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type ParsedPath =
  | { kind: 'resource'; route: ResourceRoute }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'notFound' };

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseResourcePath(registry: Registry, segments: string[]): ParsedPath {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments[1] !== 'v1') return { kind: 'notFound' };
    group = '';
    version = 'v1';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    group = segments[1];
    version = segments[2];
    rest = segments.slice(3);
  } else return { kind: 'notFound' };
  if (!registry.groupVersions().get(group)?.includes(version)) return { kind: 'notFound' };
  if (rest.length === 0) return { kind: 'groupVersion', group, version };
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length > 3) return { kind: 'notFound' };
  const [plural, name, subresource] = rest;
  const def = registry.byPath(group, version, plural);
  if (!def) return { kind: 'notFound' };
  if (namespace !== undefined && !def.namespaced) return { kind: 'notFound' };
  if (subresource) {
    const known = def.subresources ?? [];
    const nsSub = def.plural === 'namespaces' && NAMESPACE_SUBRESOURCES.has(subresource);
    if (!known.includes(subresource as 'status' | 'scale') && !nsSub) return { kind: 'notFound' };
  }
  return { kind: 'resource', route: { def, version, namespace, name, subresource } };
}

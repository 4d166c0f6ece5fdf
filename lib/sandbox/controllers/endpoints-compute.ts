// What the endpoints and endpointslice controllers derive from a Service and its pods, kept pure:
// pod eligibility (endpointslice util ShouldPodBeInEndpoints), named target ports (podutil.FindPort),
// Endpoints subsets repacked like endpoints.RepackSubsets, and EndpointSlice endpoints with
// ready/serving/terminating conditions grouped by their resolved port set.
import type { Pod } from './objects';

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

export interface ServiceSpec {
  type?: string;
  selector?: Record<string, string>;
  ports?: ServicePort[];
  clusterIP?: string;
  publishNotReadyAddresses?: boolean;
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string };
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: { ready: boolean; serving: boolean; terminating: boolean };
  nodeName?: string;
  targetRef: { kind: 'Pod'; namespace?: string; name?: string; uid?: string };
}

export interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface SliceGroup {
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}

export const MAX_ENDPOINTS_PER_SLICE = 100;

export function isHeadless(spec: ServiceSpec): boolean {
  return spec.clusterIP === 'None';
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function podIP(pod: Pod): string | undefined {
  return pod.status?.podIP || pod.status?.podIPs?.[0]?.ip || undefined;
}

/** ShouldPodBeInEndpoints: an IP, not terminal for its restart policy, terminating only if included. */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (!podIP(pod)) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  const phase = pod.status?.phase;
  const restart = (pod.spec as { restartPolicy?: string }).restartPolicy;
  if (restart === 'Never') return phase !== 'Failed' && phase !== 'Succeeded';
  if (restart === 'OnFailure') return phase !== 'Succeeded';
  return true;
}

/** podutil.FindPort: a numeric targetPort is used as is, a name is looked up in the containers' ports. */
export function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec.containers ?? []) {
    const ports = (c as { ports?: Array<{ name?: string; containerPort: number; protocol?: string }> }).ports ?? [];
    for (const p of ports) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

function addressOf(pod: Pod): EndpointAddress {
  const addr: EndpointAddress = { ip: podIP(pod) ?? '' };
  if (pod.spec.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
  return addr;
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortAddresses(list: EndpointAddress[]): EndpointAddress[] {
  return list.sort((x, y) => compareIp(x.ip, y.ip) || String(x.targetRef?.uid ?? '').localeCompare(String(y.targetRef?.uid ?? '')));
}

function portsKey(ports: Array<{ name?: string; port: number; protocol: string }>): string {
  return JSON.stringify([...ports].map((p) => [p.name ?? '', p.port, p.protocol]).sort());
}

/** The subsets the endpoints controller writes for a selector Service (RepackSubsets applied). */
export function computeEndpointSubsets(spec: ServiceSpec, pods: Pod[]): EndpointSubset[] {
  const tolerateUnready = spec.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: EndpointPort[]; ready: EndpointAddress[]; notReady: EndpointAddress[] }>();
  const add = (ports: EndpointPort[], pod: Pod) => {
    const key = portsKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    if (tolerateUnready || isPodReady(pod)) g.ready.push(addressOf(pod));
    else g.notReady.push(addressOf(pod));
  };
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const svcPorts = spec.ports ?? [];
    if (svcPorts.length === 0) {
      if (isHeadless(spec)) add([], pod);
      continue;
    }
    for (const sp of svcPorts) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
      if (sp.name) ep.name = sp.name;
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
      add([ep], pod);
    }
  }
  // RepackSubsets: one subset per distinct address set with all its ports merged.
  const byAddresses = new Map<string, EndpointSubset>();
  for (const g of groups.values()) {
    const ready = sortAddresses(dedupe(g.ready));
    const notReady = sortAddresses(dedupe(g.notReady));
    const key = JSON.stringify([ready.map((a) => a.targetRef?.uid ?? a.ip), notReady.map((a) => a.targetRef?.uid ?? a.ip)]);
    const existing = byAddresses.get(key);
    if (existing) {
      existing.ports = [...(existing.ports ?? []), ...g.ports];
      continue;
    }
    const subset: EndpointSubset = {};
    if (ready.length) subset.addresses = ready;
    if (notReady.length) subset.notReadyAddresses = notReady;
    if (g.ports.length) subset.ports = [...g.ports];
    byAddresses.set(key, subset);
  }
  const subsets = [...byAddresses.values()];
  for (const s of subsets) s.ports?.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port);
  return subsets.sort((a, b) => portsKey(a.ports ?? []).localeCompare(portsKey(b.ports ?? [])));
}

function dedupe(list: EndpointAddress[]): EndpointAddress[] {
  const seen = new Set<string>();
  return list.filter((a) => {
    const k = `${a.ip}/${a.targetRef?.uid ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** EndpointSlice content: endpoints grouped by resolved port set (the reconciler's endpointMeta). */
export function computeSliceGroups(spec: ServiceSpec, pods: Pod[]): SliceGroup[] {
  const groups = new Map<string, SliceGroup>();
  const sorted = [...pods].sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: SlicePort[] = [];
    for (const sp of spec.ports ?? []) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol) p.appProtocol = sp.appProtocol;
      ports.push(p);
    }
    const serving = isPodReady(pod);
    const terminating = Boolean(pod.metadata.deletionTimestamp);
    const endpoint: SliceEndpoint = {
      addresses: [podIP(pod) ?? ''],
      conditions: { ready: spec.publishNotReadyAddresses === true || (serving && !terminating), serving, terminating },
      targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
    };
    if (pod.spec.nodeName) endpoint.nodeName = pod.spec.nodeName;
    const key = portsKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, endpoints: [] }));
    g.endpoints.push(endpoint);
  }
  const out: SliceGroup[] = [];
  for (const g of groups.values()) {
    for (let i = 0; i < g.endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) {
      out.push({ ports: g.ports, endpoints: g.endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE) });
    }
  }
  return out;
}

/** RFC3339Nano as Go prints it (trailing zeros of the fraction dropped). */
export function formatRfc3339Nano(d: Date): string {
  return d.toISOString().replace(/\.(\d*?)0*Z$/, (_m, f: string) => (f ? `.${f}Z` : 'Z'));
}

// ClusterIP and NodePort allocation for Services, computed from the stored services on every write
// (so deleting a service frees its values), with the errors of the ipallocator/portallocator REST paths.
import type { KObject } from '../types';
import type { AdmissionContext, StatusCause } from './types';
import { apiErrors } from '../errors';
import { invalid, invalidRendered, formatValue } from './field-errors';
import { asObject, asObjects, type JsonObject } from './json';

export const serviceCidr = { base: ipToInt('10.96.0.0'), bits: 12, text: '10.96.0.0/12' };
export const nodePortRange = { min: 30000, max: 32767 };

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isIPv4(ip: string): boolean {
  const parts = ip.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function inServiceRange(ip: string): boolean {
  const size = 2 ** (32 - serviceCidr.bits);
  const n = ipToInt(ip);
  return n > serviceCidr.base && n < serviceCidr.base + size - 1;
}

/** Services other than `self` (same namespace and name), across all namespaces. */
function otherServices(ctx: AdmissionContext, self: KObject): KObject[] {
  return ctx.list('core/services').filter((s) => !(s.metadata.namespace === self.metadata.namespace && s.metadata.name === self.metadata.name));
}

function usedClusterIPs(services: KObject[]): Set<string> {
  const used = new Set<string>();
  for (const s of services) {
    const spec = asObject(s.spec) ?? {};
    const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP];
    for (const ip of ips) if (typeof ip === 'string' && ip && ip !== 'None') used.add(ip);
  }
  return used;
}

function usedNodePorts(services: KObject[]): Set<number> {
  const used = new Set<number>();
  for (const s of services) {
    const spec = asObject(s.spec) ?? {};
    for (const p of asObjects(spec.ports)) if (typeof p.nodePort === 'number' && p.nodePort > 0) used.add(p.nodePort);
    if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0) used.add(spec.healthCheckNodePort);
  }
  return used;
}

/** Random pick from the upper (dynamic) band first, then the whole range, as the allocators do. */
function pickFree(lo: number, hi: number, staticBand: number, isFree: (n: number) => boolean): number | undefined {
  const dynLo = Math.min(hi, lo + staticBand);
  for (let attempt = 0; attempt < 64; attempt++) {
    const n = dynLo + Math.floor(Math.random() * (hi - dynLo + 1));
    if (isFree(n)) return n;
  }
  for (let n = dynLo; n <= hi; n++) if (isFree(n)) return n;
  for (let n = lo; n < dynLo; n++) if (isFree(n)) return n;
  return undefined;
}

function needsClusterIP(spec: JsonObject): boolean {
  return spec.type !== 'ExternalName';
}

export function needsNodePorts(spec: JsonObject): boolean {
  return spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

function rangeError(): string {
  return `provided port is not in the valid range. The range of valid ports is ${nodePortRange.min}-${nodePortRange.max}`;
}

function throwInvalid(svc: KObject, causes: StatusCause[]): never {
  throw apiErrors.invalid('', 'Service', svc.metadata.name ?? '', causes);
}

function allocateClusterIP(svc: KObject, spec: JsonObject, old: KObject | undefined, others: KObject[]): void {
  const oldSpec = asObject(old?.spec);
  if (oldSpec && needsClusterIP(oldSpec) && (!spec.clusterIP || spec.clusterIP === '') && typeof oldSpec.clusterIP === 'string' && oldSpec.clusterIP) {
    spec.clusterIP = oldSpec.clusterIP;
    spec.clusterIPs = Array.isArray(oldSpec.clusterIPs) ? [...oldSpec.clusterIPs] : [oldSpec.clusterIP];
    return;
  }
  const requested = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  if (requested === 'None') {
    spec.clusterIPs = ['None'];
    return;
  }
  if (requested && oldSpec && oldSpec.clusterIP === requested) {
    spec.clusterIPs = [requested];
    return;
  }
  const used = usedClusterIPs(others);
  if (requested) {
    if (!inServiceRange(requested)) {
      throwInvalid(svc, [invalidRendered('spec.clusterIPs', formatValue([requested]), `failed to allocate IP ${requested}: provided IP (${requested}) is not in the valid range. The range of valid IPs is ${serviceCidr.text}`)]);
    }
    if (used.has(requested)) {
      throwInvalid(svc, [invalidRendered('spec.clusterIPs', formatValue([requested]), `failed to allocate IP ${requested}: provided IP is already allocated`)]);
    }
    spec.clusterIPs = [requested];
    return;
  }
  const size = 2 ** (32 - serviceCidr.bits);
  const staticBand = Math.min(Math.max(16, Math.floor(size / 16)), 256);
  const n = pickFree(serviceCidr.base + 1, serviceCidr.base + size - 2, staticBand, (x) => !used.has(intToIp(x)));
  if (n === undefined) throw apiErrors.internal('failed to allocate a serviceIP: range is full');
  spec.clusterIP = intToIp(n);
  spec.clusterIPs = [spec.clusterIP];
}

function allocateNodePorts(svc: KObject, spec: JsonObject, old: KObject | undefined, others: KObject[]): void {
  const ports = asObjects(spec.ports);
  const oldSpec = asObject(old?.spec);
  if (oldSpec && needsNodePorts(oldSpec)) {
    const oldPorts = asObjects(oldSpec.ports);
    for (const p of ports) {
      if (p.nodePort !== undefined && p.nodePort !== 0) continue;
      const match = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (match && typeof match.nodePort === 'number' && match.nodePort > 0) p.nodePort = match.nodePort;
    }
  }
  const oldOwn = new Set<number>(oldSpec ? asObjects(oldSpec.ports).map((p) => Number(p.nodePort)).filter((n) => n > 0) : []);
  const used = usedNodePorts(others);
  const causes: StatusCause[] = [];
  ports.forEach((p, i) => {
    if (typeof p.nodePort !== 'number' || p.nodePort === 0) return;
    const field = `spec.ports[${i}].nodePort`;
    if (oldOwn.has(p.nodePort)) {
      used.add(p.nodePort);
      return;
    }
    if (p.nodePort < nodePortRange.min || p.nodePort > nodePortRange.max) causes.push(invalid(field, p.nodePort, rangeError()));
    else if (used.has(p.nodePort)) causes.push(invalid(field, p.nodePort, 'provided port is already allocated'));
    else used.add(p.nodePort);
  });
  if (causes.length) throwInvalid(svc, causes);
  const staticBand = Math.min(Math.max(16, Math.floor((nodePortRange.max - nodePortRange.min + 1) / 16)), 128);
  for (const p of ports) {
    if (typeof p.nodePort === 'number' && p.nodePort > 0) continue;
    const n = pickFree(nodePortRange.min, nodePortRange.max, staticBand, (x) => !used.has(x));
    if (n === undefined) throw apiErrors.internal('failed to allocate a nodePort: range is full');
    p.nodePort = n;
    used.add(n);
  }
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && !spec.healthCheckNodePort) {
    const keep = typeof oldSpec?.healthCheckNodePort === 'number' ? oldSpec.healthCheckNodePort : undefined;
    spec.healthCheckNodePort = keep ?? pickFree(nodePortRange.min, nodePortRange.max, staticBand, (x) => !used.has(x));
  }
}

/** Service admission: allocate (or keep) the cluster IP and node ports. */
export function admitService(svc: KObject, old: KObject | undefined, ctx: AdmissionContext): void {
  const spec = asObject(svc.spec);
  if (!spec) return;
  const others = otherServices(ctx, svc);
  if (needsClusterIP(spec)) allocateClusterIP(svc, spec, old, others);
  if (needsNodePorts(spec)) allocateNodePorts(svc, spec, old, others);
}

// core/v1 Service: defaults (SetDefaults_Service plus the registry's IP family fields), validation
// (ValidateService / ValidateServiceUpdate), ClusterIP/NodePort allocation, field labels, printer.
import type { KObject } from '../types';
import type { AdmissionContext, StatusCause } from './types';
import { defineResource } from './base';
import { ageColumn, column, nameColumn, wide } from './columns';
import { translateTimestampSince } from './duration';
import { duplicate, forbidden, invalid, invalidRendered, notSupported, required } from './field-errors';
import { asObject, asObjects, deepEqual, ensureObject, setDefault, setDefaultString, type JsonObject } from './json';
import { isDns1123Label, isDns1123Subdomain, isValidPortName, nameIsDns1035Label } from './names';
import { inclusiveRangeError, isValidPortNum } from './pod-spec-validation';
import { formatLabels, loadBalancerAddresses } from './printing';
import { admitService, isIPv4, needsNodePorts } from './service-allocation';

function isExternallyAccessible(spec: JsonObject): boolean {
  return spec.type === 'NodePort' || spec.type === 'LoadBalancer' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

function nodePortList(spec: JsonObject): number[] {
  return asObjects(spec.ports).map((p) => (typeof p.nodePort === 'number' ? p.nodePort : 0));
}

function sameNodePorts(a: JsonObject, b: JsonObject): boolean {
  return deepEqual(nodePortList(a), nodePortList(b));
}

/**
 * The service strategy's dropTypeDependentFields: switching to a type that does not use a field the
 * user left unchanged clears it (node ports, health check port, traffic policy, cluster IPs).
 */
function dropTypeDependentFields(spec: JsonObject, oldSpec: JsonObject): void {
  if (needsNodePorts(oldSpec) && !needsNodePorts(spec) && sameNodePorts(spec, oldSpec)) {
    for (const p of asObjects(spec.ports)) delete p.nodePort;
  }
  if (spec.type !== 'LoadBalancer' && spec.healthCheckNodePort === oldSpec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (spec.type !== 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
  if (isExternallyAccessible(oldSpec) && !isExternallyAccessible(spec) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  if (spec.type === 'ExternalName' && oldSpec.type !== 'ExternalName') {
    for (const f of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy', 'internalTrafficPolicy']) {
      if (deepEqual(spec[f], oldSpec[f])) delete spec[f];
    }
  }
}

function admit(obj: KObject, old: KObject | undefined, ctx: AdmissionContext): void {
  const spec = asObject(obj.spec);
  const oldSpec = asObject(old?.spec);
  if (spec && oldSpec) dropTypeDependentFields(spec, oldSpec);
  admitService(obj, old, ctx);
}

function isHeadless(spec: JsonObject): boolean {
  return spec.clusterIP === 'None';
}

function defaultService(obj: KObject): void {
  const spec = ensureObject(obj, 'spec');
  setDefaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ensureObject(spec, 'sessionAffinityConfig');
    const clientIP = ensureObject(cfg, 'clientIP');
    setDefault(clientIP, 'timeoutSeconds', 10800);
  }
  setDefaultString(spec, 'type', 'ClusterIP');
  for (const p of asObjects(spec.ports)) {
    setDefaultString(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (spec.type !== 'ExternalName') {
    setDefaultString(spec, 'internalTrafficPolicy', 'Cluster');
    const selectorless = Object.keys(asObject(spec.selector) ?? {}).length === 0;
    setDefaultString(spec, 'ipFamilyPolicy', isHeadless(spec) && selectorless ? 'RequireDualStack' : 'SingleStack');
    if (!Array.isArray(spec.ipFamilies) || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
    // normalizeClusterIPs: clusterIP and clusterIPs[0] describe the same value.
    if (typeof spec.clusterIP === 'string' && spec.clusterIP && (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0)) {
      spec.clusterIPs = [spec.clusterIP];
    } else if ((spec.clusterIP === undefined || spec.clusterIP === '') && Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string') {
      spec.clusterIP = spec.clusterIPs[0];
    }
  }
  if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  ensureObject(ensureObject(obj, 'status'), 'loadBalancer');
}

/** core.ServicePort{Protocol, Port|NodePort} as %#v renders the duplicate-key struct. */
function goServicePortKey(protocol: unknown, port: number, nodePort: number): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(String(protocol ?? ''))}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:${nodePort}}`;
}

function validatePorts(spec: JsonObject, nodePortsDropped: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const ports = asObjects(spec.ports);
  if (ports.length === 0 && !isHeadless(spec) && spec.type !== 'ExternalName') causes.push(required('spec.ports', ''));
  const requireName = ports.length > 1;
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const path = `spec.ports[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (requireName && !name) causes.push(required(`${path}.name`, ''));
    else if (name) {
      for (const msg of isDns1123Label(name)) causes.push(invalid(`${path}.name`, name, msg));
      if (names.has(name)) causes.push(duplicate(`${path}.name`, name));
    }
    names.add(name);
    if (!isValidPortNum(p.port)) causes.push(invalid(`${path}.port`, p.port ?? 0, inclusiveRangeError(1, 65535)));
    if (!p.protocol) causes.push(required(`${path}.protocol`, ''));
    else if (!['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) causes.push(notSupported(`${path}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
    if (typeof p.targetPort === 'number') {
      if (!isValidPortNum(p.targetPort)) causes.push(invalid(`${path}.targetPort`, p.targetPort, inclusiveRangeError(1, 65535)));
    } else if (typeof p.targetPort === 'string') {
      for (const msg of isValidPortName(p.targetPort)) causes.push(invalid(`${path}.targetPort`, p.targetPort, msg));
    }
    if (!nodePortsDropped && spec.type === 'ClusterIP' && typeof p.nodePort === 'number' && p.nodePort !== 0) {
      causes.push(forbidden(`${path}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
    }
  });
  const seen = new Set<string>();
  const seenNode = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${String(p.protocol)}/${String(p.port)}`;
    if (seen.has(key)) causes.push({ reason: 'FieldValueDuplicate', field: `spec.ports[${i}]`, message: `Duplicate value: ${goServicePortKey(p.protocol, Number(p.port), 0)}` });
    seen.add(key);
    if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
      const nkey = `${String(p.protocol)}/${p.nodePort}`;
      if (seenNode.has(nkey)) causes.push({ reason: 'FieldValueDuplicate', field: `spec.ports[${i}].nodePort`, message: `Duplicate value: ${goServicePortKey(p.protocol, 0, p.nodePort)}` });
      seenNode.add(nkey);
    }
  });
  return causes;
}

function validateService(obj: KObject, old?: KObject): StatusCause[] {
  const spec = asObject(obj.spec) ?? {};
  const causes: StatusCause[] = [];
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!spec.type) causes.push(required('spec.type', ''));
  else if (!types.includes(String(spec.type))) causes.push(notSupported('spec.type', spec.type, types));
  if (spec.type === 'ExternalName') {
    const en = typeof spec.externalName === 'string' ? spec.externalName : '';
    if (!en) causes.push(required('spec.externalName', ''));
    else for (const msg of isDns1123Subdomain(en.replace(/\.$/, ''))) causes.push(invalid('spec.externalName', en, msg));
  }
  if (!['ClientIP', 'None'].includes(String(spec.sessionAffinity))) causes.push(notSupported('spec.sessionAffinity', spec.sessionAffinity ?? '', ['ClientIP', 'None']));
  const clusterIP = typeof spec.clusterIP === 'string' ? spec.clusterIP : '';
  if (clusterIP && clusterIP !== 'None' && !isIPv4(clusterIP)) {
    causes.push(invalid('spec.clusterIPs[0]', clusterIP, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  const oldSpec = old ? asObject(old.spec) ?? {} : undefined;
  const nodePortsDropped = !!oldSpec && needsNodePorts(oldSpec) && !needsNodePorts(spec) && sameNodePorts(spec, oldSpec);
  const etpDropped = !!oldSpec && isExternallyAccessible(oldSpec) && !isExternallyAccessible(spec) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy;
  causes.push(...validatePorts(spec, nodePortsDropped));
  if (etpDropped) {
    // dropTypeDependentFields clears it in admission.
  } else if (spec.externalTrafficPolicy && spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') {
    causes.push(invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
  } else if (spec.externalTrafficPolicy && !['Cluster', 'Local'].includes(String(spec.externalTrafficPolicy))) {
    causes.push(notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, ['Cluster', 'Local']));
  }
  if (spec.selector !== undefined && spec.selector !== null) {
    for (const [k, v] of Object.entries(asObject(spec.selector) ?? {})) {
      if (typeof v !== 'string') causes.push(invalidRendered('spec.selector', JSON.stringify({ [k]: v }), 'must be a string'));
    }
  }
  if (oldSpec) {
    const oldIP = typeof oldSpec.clusterIP === 'string' ? oldSpec.clusterIP : '';
    const changingExternalName = spec.type === 'ExternalName' || oldSpec.type === 'ExternalName';
    if (!changingExternalName && oldIP && clusterIP && oldIP !== clusterIP) {
      causes.push(invalid('spec.clusterIPs[0]', clusterIP, 'may not change once set'));
    }
  }
  return causes;
}

function externalIP(spec: JsonObject, status: JsonObject): string {
  const externalIPs = Array.isArray(spec.externalIPs) ? spec.externalIPs.map(String) : [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(status.loadBalancer);
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return typeof spec.externalName === 'string' ? spec.externalName : '';
    default:
      return '<unknown>';
  }
}

/** makePortString: "80/TCP", "80:30080/TCP", comma-joined. */
export function servicePortsCell(ports: unknown): string {
  const text = asObjects(ports)
    .map((p) => (typeof p.nodePort === 'number' && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`))
    .join(',');
  return text || '<none>';
}

export const services = defineResource({
  group: '',
  version: 'v1',
  plural: 'services',
  singular: 'service',
  kind: 'Service',
  namespaced: true,
  shortNames: ['svc'],
  categories: ['all'],
  subresources: ['status'],
  nameValidator: nameIsDns1035Label,
  defaults: defaultService,
  validate: validateService,
  admit,
  fieldLabels(obj) {
    const spec = asObject(obj.spec) ?? {};
    return { 'spec.clusterIP': String(spec.clusterIP ?? ''), 'spec.type': String(spec.type ?? '') };
  },
  columns: [
    nameColumn,
    column('Type', 'string', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.'),
    column('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
    column('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
    column('Port(s)', 'string', 'The list of ports that are exposed by this service.'),
    ageColumn,
    wide('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.'),
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    return [
      String(spec.type ?? ''),
      clusterIPs.length ? String(clusterIPs[0]) : '<none>',
      externalIP(spec, status),
      servicePortsCell(spec.ports),
      translateTimestampSince(obj.metadata.creationTimestamp, now),
      formatLabels(spec.selector),
    ];
  },
});

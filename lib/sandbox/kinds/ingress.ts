// networking.k8s.io/v1 Ingress: validation of rules, paths and backends (networking validation.go)
// and the printIngress row.
import type { StatusCause } from './types';
import { defineResource, specChanged } from './base';
import { ageColumn, column, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { invalid, invalidRendered, notSupported, required } from './field-errors';
import { asObject, asObjects, isObject, type JsonObject } from './json';
import { isDns1035Label, isDns1123Subdomain, isValidPortName } from './names';
import { inclusiveRangeError, isValidPortNum } from './pod-spec-validation';
import { loadBalancerAddresses } from './printing';
import { isIPv4 } from './service-allocation';

const wildcardRe = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateHost(host: string, path: string, rejectIP: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  if (rejectIP && (isIPv4(host) || /^[0-9a-fA-F:]+$/.test(host) && host.includes(':'))) causes.push(invalid(path, host, 'must be a DNS name, not an IP address'));
  if (host.includes('*')) {
    return wildcardRe.test(host) ? causes : [...causes, invalid(path, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")];
  }
  return [...causes, ...isDns1123Subdomain(host).map((m) => invalid(path, host, m))];
}

function validateBackend(backend: JsonObject, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const service = asObject(backend.service);
  const resource = asObject(backend.resource);
  if (service && resource) return [invalidRendered(path, '""', 'cannot set both resource and service backends')];
  if (resource) {
    if (!resource.kind) causes.push(required(`${path}.resource.kind`, 'kind is required'));
    if (!resource.name) causes.push(required(`${path}.resource.name`, 'name is required'));
    return causes;
  }
  if (!service) return [invalidRendered(path, '""', 'resource or service backend is required')];
  const name = typeof service.name === 'string' ? service.name : '';
  if (!name) causes.push(required(`${path}.service.name`, ''));
  else causes.push(...isDns1035Label(name).map((m) => invalid(`${path}.service.name`, name, m)));
  const port = asObject(service.port) ?? {};
  const hasNumber = typeof port.number === 'number' && port.number !== 0;
  const hasName = typeof port.name === 'string' && port.name !== '';
  if (hasNumber && hasName) causes.push(invalidRendered(path, '""', 'cannot set both port name & port number'));
  else if (hasNumber) {
    if (!isValidPortNum(port.number)) causes.push(invalid(`${path}.service.port.number`, port.number, inclusiveRangeError(1, 65535)));
  } else if (hasName) {
    causes.push(...isValidPortName(String(port.name)).map((m) => invalid(`${path}.service.port.name`, port.name, m)));
  } else {
    causes.push(required(path, 'port name or number is required'));
  }
  return causes;
}

function validatePath(p: JsonObject, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const pathType = p.pathType;
  const value = typeof p.path === 'string' ? p.path : '';
  const types = ['Exact', 'ImplementationSpecific', 'Prefix'];
  if (!pathType) return [required(`${path}.pathType`, 'pathType must be specified')];
  if (!types.includes(String(pathType))) causes.push(notSupported(`${path}.pathType`, pathType, types));
  else if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!value.startsWith('/')) causes.push(invalid(`${path}.path`, value, 'must be an absolute path'));
    for (const seq of ['//', '/./', '/../', '%2f', '%2F']) if (value.includes(seq)) causes.push(invalid(`${path}.path`, value, `must not contain '${seq}'`));
    for (const suffix of ['/..', '/.']) if (value.endsWith(suffix)) causes.push(invalid(`${path}.path`, value, `cannot end with '${suffix}'`));
  } else if (value && !value.startsWith('/')) {
    causes.push(invalid(`${path}.path`, value, 'must be an absolute path'));
  }
  causes.push(...validateBackend(asObject(p.backend) ?? {}, `${path}.backend`));
  return causes;
}

function validateIngress(spec: JsonObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const rules = asObjects(spec.rules);
  const defaultBackend = asObject(spec.defaultBackend);
  if (rules.length === 0 && !defaultBackend) {
    causes.push(invalidRendered('spec.rules', '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  }
  if (defaultBackend) causes.push(...validateBackend(defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const rp = `spec.rules[${i}]`;
    if (typeof rule.host === 'string' && rule.host) causes.push(...validateHost(rule.host, `${rp}.host`, true));
    const http = asObject(rule.http);
    if (!http) return;
    const paths = asObjects(http.paths);
    if (paths.length === 0) causes.push(required(`${rp}.http.paths`, ''));
    paths.forEach((p, j) => causes.push(...validatePath(p, `${rp}.http.paths[${j}]`)));
  });
  asObjects(spec.tls).forEach((tls, i) => {
    (Array.isArray(tls.hosts) ? tls.hosts : []).forEach((h, j) => causes.push(...validateHost(String(h), `spec.tls[${i}].hosts[${j}]`, false)));
    if (typeof tls.secretName === 'string' && tls.secretName) {
      causes.push(...isDns1123Subdomain(tls.secretName).map((m) => invalid(`spec.tls[${i}].secretName`, tls.secretName, m)));
    }
  });
  if (typeof spec.ingressClassName === 'string') {
    causes.push(...isDns1123Subdomain(spec.ingressClassName).map((m) => invalid('spec.ingressClassName', spec.ingressClassName, m)));
  }
  return causes;
}

/** formatHosts: up to three hosts, "*" when no rule has one. */
export function formatIngressHosts(rules: unknown): string {
  const list: string[] = [];
  const all = asObjects(rules);
  let more = false;
  for (const rule of all) {
    if (list.length === 3) more = true;
    if (!more && typeof rule.host === 'string' && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  return more ? `${list.join(',')} + ${all.length - 3} more...` : list.join(',');
}

export const ingresses = defineResource({
  group: 'networking.k8s.io',
  version: 'v1',
  plural: 'ingresses',
  singular: 'ingress',
  kind: 'Ingress',
  namespaced: true,
  shortNames: ['ing'],
  subresources: ['status'],
  defaults(obj) {
    if (!isObject(obj.status)) obj.status = { loadBalancer: {} };
    else if (!isObject(obj.status.loadBalancer)) obj.status.loadBalancer = {};
  },
  validate: (obj) => validateIngress(asObject(obj.spec) ?? {}),
  bumpsGeneration: specChanged,
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    return [
      typeof spec.ingressClassName === 'string' ? spec.ingressClassName : '<none>',
      formatIngressHosts(spec.rules),
      loadBalancerAddresses(asObject(obj.status)?.loadBalancer),
      asObjects(spec.tls).length ? '80, 443' : '80',
      translateTimestampSince(obj.metadata.creationTimestamp, now),
    ];
  },
});

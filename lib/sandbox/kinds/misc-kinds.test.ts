import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { configMaps, secrets } from './config';
import { events } from './events';
import { endpoints, endpointSlices } from './endpoints';
import { namespaces, nodes } from './cluster-scoped';
import { ingresses } from './ingress';

const t0 = '2026-01-01T00:00:00Z';
const now = new Date('2026-01-01T00:10:00Z');

function obj(kind: string, apiVersion: string, rest: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'default', creationTimestamp: t0, ...meta }, ...rest };
}

const messages = (causes: Array<{ field: string; message: string }>) => causes.map((c) => `${c.field}: ${c.message}`);

describe('ConfigMap and Secret', () => {
  it('validates config keys with the upstream message and prints DATA', () => {
    const cm = obj('ConfigMap', 'v1', { data: { 'good.key': 'a', 'bad key': 'b' }, binaryData: { 'good.key': 'AA==' } });
    expect(messages(configMaps.validate(cm))).toEqual([
      "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      'binaryData: Invalid value: "good.key": duplicate of key present in data',
    ]);
    expect(configMaps.tableRow(cm, now)).toEqual(['x', 3, '10m']);
  });

  it('limits config map data to 1 MiB', () => {
    const big = obj('ConfigMap', 'v1', { data: { a: 'x'.repeat(1024 * 1024) } });
    expect(messages(configMaps.validate(big))).toEqual(['[]: Too long: must have at most 1048576 bytes']);
  });

  it('keeps immutable config maps immutable', () => {
    const old = obj('ConfigMap', 'v1', { data: { a: '1' }, immutable: true });
    const next = obj('ConfigMap', 'v1', { data: { a: '2' }, immutable: true });
    expect(messages(configMaps.validate(next, old))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });

  it('defaults Secret type, folds stringData into data and requires TLS keys', () => {
    const s = obj('Secret', 'v1', { stringData: { password: 'hunter2' } });
    secrets.applyDefaults(s);
    expect(s).toMatchObject({ type: 'Opaque', data: { password: 'aHVudGVyMg==' } });
    expect(s.stringData).toBeUndefined();
    expect(secrets.tableRow(s, now)).toEqual(['x', 'Opaque', 1, '10m']);
    expect(secrets.fieldLabels(s).type).toBe('Opaque');
    const tls = obj('Secret', 'v1', { type: 'kubernetes.io/tls', data: { 'tls.crt': 'AA==' } });
    expect(messages(secrets.validate(tls))).toEqual(['data[tls.key]: Required value']);
    const changed = obj('Secret', 'v1', { type: 'kubernetes.io/basic-auth', data: { username: 'YQ==' } });
    expect(messages(secrets.validate(changed, s))).toEqual(['type: Invalid value: "kubernetes.io/basic-auth": field is immutable']);
  });
});

describe('Event', () => {
  const ev = obj('Event', 'v1', {
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled', message: 'Successfully pulled image  ', type: 'Normal', source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: '2026-01-01T00:05:00Z', lastTimestamp: '2026-01-01T00:09:00Z', count: 3, reportingComponent: 'kubelet',
  }, { name: 'web-1.17a' });

  it('prints LAST SEEN TYPE REASON OBJECT MESSAGE with wide cells', () => {
    expect(events.tableColumns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Last Seen:0', 'Type:0', 'Reason:0', 'Object:0', 'Subobject:1', 'Source:1', 'Message:0', 'First Seen:1', 'Count:1', 'Name:1',
    ]);
    expect(events.tableRow(ev, now)).toEqual(['60s', 'Normal', 'Pulled', 'pod/web-1', 'spec.containers{web}', 'kubelet, node-1', 'Successfully pulled image', '5m', 3, 'web-1.17a']);
  });

  it('requires the involved object to live in the event namespace', () => {
    expect(events.validate(ev)).toEqual([]);
    const other = structuredClone(ev);
    (other.involvedObject as Record<string, unknown>).namespace = 'kube-system';
    expect(messages(events.validate(other))).toEqual(['involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace']);
  });

  it('exposes involvedObject and reason field labels', () => {
    expect(events.fieldLabels(ev)).toMatchObject({ 'involvedObject.kind': 'Pod', 'involvedObject.name': 'web-1', reason: 'Pulled', type: 'Normal', source: 'kubelet', 'metadata.namespace': 'default' });
  });
});

describe('Endpoints and EndpointSlices', () => {
  it('formats endpoints as ip:port with the "+ N more..." suffix', () => {
    const ep = obj('Endpoints', 'v1', { subsets: [{ addresses: [{ ip: '10.244.0.1' }, { ip: '10.244.0.2' }, { ip: '10.244.0.3' }, { ip: '10.244.0.4' }], ports: [{ port: 8080 }] }] });
    endpoints.applyDefaults(ep);
    expect(endpoints.validate(ep)).toEqual([]);
    expect(endpoints.tableRow(ep, now)).toEqual(['x', '10.244.0.1:8080,10.244.0.2:8080,10.244.0.3:8080 + 1 more...', '10m']);
    expect(endpoints.tableRow(obj('Endpoints', 'v1', {}), now)[1]).toBe('<none>');
  });

  it('prints slices and requires an address type', () => {
    const slice = obj('EndpointSlice', 'discovery.k8s.io/v1', { addressType: 'IPv4', ports: [{ name: 'http', port: 80 }], endpoints: [{ addresses: ['10.244.0.1'] }] });
    endpointSlices.applyDefaults(slice);
    expect(endpointSlices.validate(slice)).toEqual([]);
    expect(endpointSlices.tableRow(slice, now)).toEqual(['x', 'IPv4', '80', '10.244.0.1', '10m']);
    expect(endpointSlices.tableRow(obj('EndpointSlice', 'discovery.k8s.io/v1', { addressType: 'IPv4' }), now).slice(2, 4)).toEqual(['<unset>', '<unset>']);
    expect(messages(endpointSlices.validate(obj('EndpointSlice', 'discovery.k8s.io/v1', { addressType: 'IPv5' })))).toEqual([
      'addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
    ]);
  });
});

describe('Namespaces and Nodes', () => {
  it('defaults namespace finalizers and phase and validates names as DNS labels', () => {
    const ns = obj('Namespace', 'v1', {}, { name: 'demo', namespace: undefined });
    namespaces.applyDefaults(ns);
    expect(ns).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect(namespaces.tableRow(ns, now)).toEqual(['demo', 'Active', '10m']);
    const bad = obj('Namespace', 'v1', {}, { name: 'my.ns', namespace: undefined });
    expect(messages(namespaces.validate(bad))).toEqual(['metadata.name: Invalid value: "my.ns": must not contain dots']);
  });

  it('prints node status, roles and version', () => {
    const node = obj('Node', 'v1', {
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'True' }], addresses: [{ type: 'InternalIP', address: '172.18.0.2' }], nodeInfo: { kubeletVersion: 'v1.31.9', osImage: 'Debian' } },
    }, { name: 'n1', namespace: undefined, labels: { 'node-role.kubernetes.io/control-plane': '' } });
    expect(nodes.tableRow(node, now)).toEqual(['n1', 'Ready,SchedulingDisabled', 'control-plane', '10m', 'v1.31.9', '172.18.0.2', '<none>', 'Debian', '<unknown>', '<unknown>']);
    expect(nodes.readOnly).toBe(true);
    expect(nodes.fieldLabels(node)).toEqual({ 'metadata.name': 'n1', 'spec.unschedulable': 'true' });
  });
});

describe('Ingress', () => {
  const ing = (spec: Record<string, unknown>) => obj('Ingress', 'networking.k8s.io/v1', { spec });
  const backend = { service: { name: 'web', port: { number: 80 } } };

  it('accepts a valid ingress and prints it', () => {
    const i = ing({ ingressClassName: 'nginx', rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], tls: [{ hosts: ['web.example.com'] }] });
    ingresses.applyDefaults(i);
    expect(ingresses.validate(i)).toEqual([]);
    expect(ingresses.tableRow(i, now)).toEqual(['x', 'nginx', 'web.example.com', '', '80, 443', '10m']);
  });

  it('reports missing pathType, relative paths, backend ports and empty specs', () => {
    const i = ing({ rules: [{ http: { paths: [{ path: 'api', backend: { service: { name: 'web', port: {} } } }, { path: 'api', pathType: 'Prefix', backend }] } }] });
    expect(messages(ingresses.validate(i))).toEqual([
      'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
      'spec.rules[0].http.paths[1].path: Invalid value: "api": must be an absolute path',
    ]);
    const noPort = ing({ rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/a//b', pathType: 'Exact', backend: { service: { name: 'web', port: {} } } }] } }] });
    expect(messages(ingresses.validate(noPort))).toEqual([
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      'spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\'',
      'spec.rules[0].http.paths[0].backend: Required value: port name or number is required',
    ]);
    expect(messages(ingresses.validate(ing({})))).toEqual(['spec.rules: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']);
    expect(ingresses.tableRow(ing({ defaultBackend: backend }), now).slice(1, 5)).toEqual(['<none>', '*', '', '80']);
  });
});

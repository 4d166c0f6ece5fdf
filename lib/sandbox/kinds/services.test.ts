import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { ApiError } from '../errors';
import type { AdmissionContext } from './types';
import { services } from './services';

function svc(name: string, spec: Record<string, unknown>, namespace = 'default'): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

function cluster(initial: KObject[] = []) {
  const stored: KObject[] = [...initial];
  const ctx: AdmissionContext = { list: (resource) => (resource === 'core/services' ? structuredClone(stored) : []) };
  return {
    ctx,
    create(obj: KObject): KObject {
      services.applyDefaults(obj);
      const causes = services.validate(obj);
      if (causes.length) throw new Error(causes.map((c) => `${c.field}: ${c.message}`).join('; '));
      services.admit?.(obj, undefined, ctx);
      stored.push(structuredClone(obj));
      return obj;
    },
    update(obj: KObject): KObject {
      const idx = stored.findIndex((s) => s.metadata.name === obj.metadata.name && s.metadata.namespace === obj.metadata.namespace);
      const old = stored[idx];
      services.applyDefaults(obj);
      const causes = services.validate(obj, old);
      if (causes.length) throw new Error(causes.map((c) => `${c.field}: ${c.message}`).join('; '));
      services.admit?.(obj, old, ctx);
      stored[idx] = structuredClone(obj);
      return obj;
    },
  };
}

function admissionError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

const kubernetesSvc: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] } };

describe('Service defaults', () => {
  it('defaults type, affinity, protocol, targetPort and the IP family fields', () => {
    const s = svc('web', {});
    services.applyDefaults(s);
    expect(s.spec).toEqual({
      selector: { app: 'web' }, type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'],
    });
    const np = svc('np', { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] });
    services.applyDefaults(np);
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', ports: [{ port: 80, targetPort: 'http', protocol: 'TCP' }] });
    const lb = svc('lb', { type: 'LoadBalancer' });
    services.applyDefaults(lb);
    expect(lb.spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
  });
});

describe('Service validation', () => {
  const causesOf = (s: KObject) => {
    services.applyDefaults(s);
    return services.validate(s).map((c) => `${c.field}: ${c.message}`);
  };

  it('validates names as DNS-1035 labels', () => {
    expect(causesOf(svc('1web', {}))[0]).toMatch(/^metadata.name: Invalid value: "1web": a DNS-1035 label must consist of/);
  });

  it('rejects unsupported types, bad ports, missing names and duplicates', () => {
    expect(causesOf(svc('a', { type: 'Public' }))).toEqual(['spec.type: Unsupported value: "Public": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"']);
    expect(causesOf(svc('a', { ports: [{ port: 0 }] }))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(causesOf(svc('a', { ports: [{ port: 80 }, { port: 443, name: 'https' }] }))).toEqual(['spec.ports[0].name: Required value']);
    expect(causesOf(svc('a', { ports: [{ port: 80, name: 'x' }, { port: 80, name: 'x' }] }))).toEqual([
      'spec.ports[1].name: Duplicate value: "x"',
      'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    ]);
    expect(causesOf(svc('a', { ports: [{ port: 80, nodePort: 30080 }] }))).toEqual(["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]);
  });

  it('keeps clusterIP immutable on update', () => {
    const old = svc('a', { clusterIP: '10.96.0.20' });
    services.applyDefaults(old);
    const next = svc('a', { clusterIP: '10.96.0.21' });
    services.applyDefaults(next);
    expect(services.validate(next, old).map((c) => `${c.field}: ${c.message}`)).toEqual(['spec.clusterIPs[0]: Invalid value: "10.96.0.21": may not change once set']);
  });
});

describe('Service allocation', () => {
  it('allocates unique cluster IPs inside 10.96.0.0/12 and keeps headless services headless', () => {
    const c = cluster([kubernetesSvc]);
    const ips = new Set<string>(['10.96.0.1']);
    for (let i = 0; i < 40; i++) {
      const s = c.create(svc(`s${i}`, {}));
      const ip = String((s.spec as { clusterIP: string }).clusterIP);
      const [a, b] = ip.split('.').map(Number);
      expect(a).toBe(10);
      expect(b >= 96 && b <= 111).toBe(true);
      expect(ips.has(ip)).toBe(false);
      ips.add(ip);
      expect((s.spec as { clusterIPs: string[] }).clusterIPs).toEqual([ip]);
    }
    const viaList = c.create(svc('via-list', { clusterIPs: ['10.96.0.77'] }));
    expect(viaList.spec).toMatchObject({ clusterIP: '10.96.0.77', clusterIPs: ['10.96.0.77'] });
    const headless = c.create(svc('db', { clusterIP: 'None' }));
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'] });
  });

  it('honours a requested cluster IP and rejects a taken one', () => {
    const c = cluster([kubernetesSvc]);
    expect(c.create(svc('dns', { clusterIP: '10.96.0.10' })).spec).toMatchObject({ clusterIPs: ['10.96.0.10'] });
    const err = admissionError(() => c.create(svc('dns2', { clusterIP: '10.96.0.10' })));
    expect(err.code).toBe(422);
    expect(err.message).toBe('Service "dns2" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
  });

  it('allocates node ports, honours requested ones and rejects taken or out-of-range ports', () => {
    const c = cluster();
    const a = c.create(svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect((a.spec as { ports: Array<{ nodePort: number }> }).ports[0].nodePort).toBe(30080);
    const b = c.create(svc('b', { type: 'NodePort' }));
    const bPort = (b.spec as { ports: Array<{ nodePort: number }> }).ports[0].nodePort;
    expect(bPort).toBeGreaterThanOrEqual(30000);
    expect(bPort).toBeLessThanOrEqual(32767);
    expect(bPort).not.toBe(30080);
    const taken = admissionError(() => c.create(svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })));
    expect(taken.message).toBe('Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(taken.details?.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: 30080: provided port is already allocated', field: 'spec.ports[0].nodePort' }]);
    const range = admissionError(() => c.create(svc('d', { type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] })));
    expect(range.message).toBe('Service "d" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767');
  });

  it('keeps cluster IP and node ports across an update that omits them', () => {
    const c = cluster();
    const created = c.create(svc('web', { type: 'NodePort' }));
    const { clusterIP, ports } = created.spec as { clusterIP: string; ports: Array<{ nodePort: number }> };
    const updated = c.update(svc('web', { type: 'NodePort', ports: [{ port: 80 }] }));
    expect(updated.spec).toMatchObject({ clusterIP, clusterIPs: [clusterIP], ports: [{ port: 80, nodePort: ports[0].nodePort }] });
  });

  it('drops node ports and the traffic policy when a NodePort service becomes ClusterIP', () => {
    const c = cluster();
    const created = c.create(svc('web', { type: 'NodePort' }));
    const edited = structuredClone(created);
    (edited.spec as Record<string, unknown>).type = 'ClusterIP';
    const updated = c.update(edited);
    expect((updated.spec as { ports: Array<Record<string, unknown>> }).ports[0].nodePort).toBeUndefined();
    expect((updated.spec as Record<string, unknown>).externalTrafficPolicy).toBeUndefined();
    expect((updated.spec as Record<string, unknown>).clusterIP).toBe((created.spec as Record<string, unknown>).clusterIP);
    const back = c.update(svc('web', { type: 'NodePort' }));
    expect((back.spec as { ports: Array<{ nodePort: number }> }).ports[0].nodePort).toBeGreaterThanOrEqual(30000);
  });

  it('allocates node ports for LoadBalancer services and prints <pending>', () => {
    const c = cluster();
    const lb = c.create(svc('lb', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000 }] }));
    lb.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    const row = services.tableRow(lb, new Date('2026-01-01T00:00:05Z'));
    expect(row).toEqual(['lb', 'LoadBalancer', (lb.spec as { clusterIP: string }).clusterIP, '<pending>', '80:31000/TCP', '5s', 'app=lb']);
  });
});

describe('Service printing', () => {
  it('prints <none> for headless cluster IPs without ports', () => {
    const s = svc('h', { clusterIP: 'None', ports: [], selector: undefined });
    services.applyDefaults(s);
    s.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    expect(services.tableRow(s, new Date('2026-01-01T00:00:01Z'))).toEqual(['h', 'ClusterIP', 'None', '<none>', '<none>', '1s', '<none>']);
  });
});

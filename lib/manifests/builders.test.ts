import { describe, expect, it } from 'vitest';
import { buildDesiredState } from './build';
import { formFromState } from './form-from-state';
import { withChangeCause, withHpa, withImage, withIngress, withoutHpa, withoutIngress, withoutService, withReplicas, withRestart, withService, restartedAtOf } from './builders';
import type { AutoscaleInput, ExposeInput, IngressInput } from './change-inputs';
import { problemsOf, ref } from './test-helpers';
import type { DesiredState } from './types';

const app = (): DesiredState => buildDesiredState(ref, { name: 'web', image: 'nginx:1.25', containerPort: 8080, replicas: 2 });
const exposed = (): DesiredState => withService(app(), { ports: [{ port: 80, targetPort: 8080 }] });

const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('withService (expose)', () => {
  const bad: [string, ExposeInput, string[]][] = [
    ['no ports', { ports: [] }, ['ports: A Service needs at least one port']],
    ['port 0', { ports: [{ port: 0 }] }, ['ports.0.port: Port must be between 1 and 65535']],
    ['port 65536', { ports: [{ port: 65536 }] }, ['ports.0.port: Port must be between 1 and 65535']],
    ['node port below the range', { type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] }, ['ports.0.nodePort: Node port 29999 is not in the valid range. The range of valid ports is 30000-32767']],
    ['node port above the range', { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 32768 }] }, ['ports.0.nodePort: Node port 32768 is not in the valid range. The range of valid ports is 30000-32767']],
    ['node port on a ClusterIP Service', { ports: [{ port: 80, nodePort: 30080 }] }, ['ports.0.nodePort: Node port may only be set when the Service type is NodePort or LoadBalancer']],
    ['two unnamed ports', { ports: [{ port: 80 }, { port: 443 }] }, ['ports.0.name: Port name is required when the Service has more than one port', 'ports.1.name: Port name is required when the Service has more than one port']],
    ['duplicate port names', { ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }, ['ports.1.name: Port name "http" is used more than once']],
    ['duplicate port and protocol', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }, ['ports.1.port: Port 80/TCP is listed more than once']],
    ['duplicate node ports', { type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }, ['ports.1.nodePort: Node port 30080 is used by more than one port']],
    ['ExternalName type', { type: 'ExternalName' as 'ClusterIP', ports: [{ port: 80 }] }, ['type: Service type must be one of ClusterIP, NodePort, LoadBalancer']],
    ['HTTP protocol', { ports: [{ port: 80, protocol: 'HTTP' as 'TCP' }] }, ['ports.0.protocol: Protocol must be one of TCP, UDP, SCTP']],
    ['bad port name', { ports: [{ name: 'HTTP_1', port: 80 }] }, ['ports.0.name: Port name must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)', 'ports.0.name: Port name must contain at least one letter (a-z)']],
    ['target port 0', { ports: [{ port: 80, targetPort: 0 }] }, ['ports.0.targetPort: Target port must be between 1 and 65535']],
    ['target port that is neither number nor name', { ports: [{ port: 80, targetPort: true as unknown as number }] }, ['ports.0.targetPort: Target port must be a port number or a port name']],
    ['named target port the pod does not have', { ports: [{ port: 80, targetPort: 'metrics' }] }, ['ports.0.targetPort: Target port "metrics" is not the name of a container port of the app']],
  ];
  it.each(bad)('rejects %s', (_label, input, expected) => {
    expect(problemsOf(() => withService(app(), input))).toEqual(expected);
  });

  it('builds a Service selecting the app, like kubectl expose', () => {
    const state = withService(app(), { type: 'NodePort', ports: [{ port: 80, targetPort: '8080', nodePort: '30080' }] });
    expect(state.service).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'team-a', labels: { 'app.kubernetes.io/name': 'web' } },
      spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] },
    });
  });

  it('returns a new state and leaves the old one alone', () => {
    const before = app();
    const snapshot = structuredClone(before);
    withService(before, { ports: [{ port: 80 }] });
    expect(before).toEqual(snapshot);
  });

  it('cannot be removed while an Ingress routes to it', () => {
    const state = withIngress(exposed(), { servicePort: 80 });
    expect(problemsOf(() => withoutService(state))).toEqual(['service: Remove the Ingress first: it routes traffic to this Service']);
    expect(withoutService(withoutIngress(state)).service).toBeUndefined();
  });

  it('cannot drop the port an Ingress routes to', () => {
    const state = withIngress(exposed(), { servicePort: 80 });
    expect(problemsOf(() => withService(state, { ports: [{ port: 8080 }] }))).toEqual(['servicePort: Service port 80 is not a port of Service "web" (ports: 8080)']);
  });
});

describe('withIngress', () => {
  const bad: [string, IngressInput, string[]][] = [
    ['an IP address as host', { host: '10.0.0.1', servicePort: 80 }, ['host: Host must be a DNS name, not an IP address']],
    ['an uppercase host', { host: 'Example.com', servicePort: 80 }, [`host: Host "Example.com" is invalid: ${dns1123Subdomain}`]],
    ['a wildcard in the middle', { host: 'www.*.example.com', servicePort: 80 }, [`host: Host "www.*.example.com" is invalid: ${dns1123Subdomain}`]],
    ['a double wildcard', { host: '*.*.example.com', servicePort: 80 }, [
      "host: Host \"*.*.example.com\" is invalid: a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    ['a relative path', { path: 'api', servicePort: 80 }, ["path: Path must be an absolute path (starting with '/')"]],
    ['an unknown path type', { pathType: 'Regex' as 'Prefix', servicePort: 80 }, ['pathType: Path type must be one of Prefix, Exact, ImplementationSpecific']],
    ['a port the Service does not have', { servicePort: 8443 }, ['servicePort: Service port 8443 is not a port of Service "web" (ports: 80)']],
    ['a TLS secret name with spaces', { servicePort: 80, tlsSecretName: 'my cert' }, [`tlsSecretName: TLS secret name "my cert" is invalid: ${dns1123Subdomain}`]],
  ];
  it.each(bad)('rejects %s', (_label, input, expected) => {
    expect(problemsOf(() => withIngress(exposed(), input))).toEqual(expected);
  });

  it('needs a Service first', () => {
    expect(problemsOf(() => withIngress(app(), { servicePort: 80 }))).toEqual(['servicePort: Expose the app with a Service before adding an Ingress']);
  });

  it('routes host and path to the Service port, with TLS for that host', () => {
    const state = withIngress(exposed(), { host: '*.example.com', path: '/api', pathType: 'Exact', servicePort: '80', tlsSecretName: 'web-tls', ingressClassName: 'nginx' });
    expect(state.ingress?.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [{ host: '*.example.com', http: { paths: [{ path: '/api', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
      tls: [{ secretName: 'web-tls', hosts: ['*.example.com'] }],
    });
  });

  it('defaults to every host, path / and pathType Prefix; routes to a named port', () => {
    const named = withService(app(), { ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    const state = withIngress(named, { servicePort: 'http' });
    expect(state.ingress?.spec?.rules).toEqual([{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }]);
  });
});

describe('withHpa / withoutHpa (autoscale)', () => {
  const bad: [string, AutoscaleInput, string[]][] = [
    ['min above max', { minReplicas: 5, maxReplicas: 3 }, ['maxReplicas: Maximum replicas (3) must be greater than or equal to minimum replicas (5)']],
    ['min 0', { minReplicas: 0, maxReplicas: 3 }, ['minReplicas: Minimum replicas must be at least 1 (got 0)']],
    ['absurd max', { maxReplicas: 5000 }, ['maxReplicas: Maximum replicas must be at most 1000 (got 5000)']],
    ['missing max', {} as AutoscaleInput, ['maxReplicas: Maximum replicas is required']],
    ['CPU target 0', { maxReplicas: 5, cpuUtilization: 0 }, ['cpuUtilization: Target CPU utilization must be between 1 and 1000 percent (got 0)']],
  ];
  it.each(bad)('rejects %s', (_label, input, expected) => {
    expect(problemsOf(() => withHpa(app(), input))).toEqual(expected);
  });

  it('creates an autoscaling/v2 HPA on CPU and hands replicas over to it', () => {
    const state = withHpa(app(), { minReplicas: '2', maxReplicas: '10', cpuUtilization: '70' });
    expect(state.hpa?.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    expect(state.deployment.spec).not.toHaveProperty('replicas');
  });

  it('refuses to scale while the HPA owns replicas', () => {
    const state = withHpa(app(), { minReplicas: 2, maxReplicas: 10 });
    expect(problemsOf(() => withReplicas(state, 4))).toEqual([
      'replicas: Replicas are managed by the HorizontalPodAutoscaler "web" (min 2, max 10); change or remove the autoscaler instead',
    ]);
  });

  it('removing the HPA pins replicas to its minimum, or to the count given', () => {
    const state = withHpa(app(), { minReplicas: 3, maxReplicas: 10 });
    expect(withoutHpa(state).deployment.spec?.replicas).toBe(3);
    expect(withoutHpa(state, 7).deployment.spec?.replicas).toBe(7);
    expect(withoutHpa(state).hpa).toBeUndefined();
  });
});

describe('withImage, withReplicas, withChangeCause', () => {
  it('sets the image of the app container by default, or of a named sidecar', () => {
    const state = buildDesiredState(ref, { name: 'web', image: 'nginx:1.25', sidecars: [{ name: 'log', image: 'fluent-bit:3.0' }] });
    const a = withImage(state, { image: 'nginx:1.26' });
    expect(a.deployment.spec?.template.spec?.containers.map((c) => c.image)).toEqual(['nginx:1.26', 'fluent-bit:3.0']);
    const b = withImage(state, { container: 'log', image: 'fluent-bit:3.1' });
    expect(b.deployment.spec?.template.spec?.containers.map((c) => c.image)).toEqual(['nginx:1.25', 'fluent-bit:3.1']);
    expect(state.deployment.spec?.template.spec?.containers[0].image).toBe('nginx:1.25');
  });

  it('rejects an unknown container and a bad image', () => {
    expect(problemsOf(() => withImage(app(), { container: 'sidecar', image: 'nginx:1.26' }))).toEqual(['container: Container "sidecar" not found; the pod has "web"']);
    expect(problemsOf(() => withImage(app(), { image: 'nginx:1.26 ' + 'x' }))).toEqual(['image: Invalid image reference "nginx:1.26 x": must not contain whitespace']);
  });

  it('scales within 0–1000', () => {
    expect(withReplicas(app(), 5).deployment.spec?.replicas).toBe(5);
    expect(problemsOf(() => withReplicas(app(), -2))).toEqual(['replicas: Replicas must be greater than or equal to 0 (got -2)']);
    expect(problemsOf(() => withReplicas(app(), 1001))).toEqual(['replicas: Replicas must be at most 1000 (got 1001)']);
  });

  it('sets and clears the change cause', () => {
    const state = withChangeCause(app(), 'bump nginx');
    expect(state.deployment.metadata?.annotations).toEqual({ 'kubernetes.io/change-cause': 'bump nginx' });
    expect(withChangeCause(state, '  ').deployment.metadata).not.toHaveProperty('annotations');
  });
});

describe('withRestart', () => {
  it('stamps the pod template like kubectl rollout restart, leaving the old state alone', () => {
    const state = app();
    const restarted = withRestart(state, new Date('2026-11-26T18:55:00.123Z'));
    expect(restarted.deployment.spec?.template.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2026-11-26T18:55:00Z' });
    expect(restarted.deployment.spec?.template.metadata?.labels).toEqual({ 'app.kubernetes.io/name': 'web' });
    expect(state.deployment.spec?.template.metadata).not.toHaveProperty('annotations');
    expect(restartedAtOf(restarted)).toEqual(new Date('2026-11-26T18:55:00Z'));
    expect(restartedAtOf(state)).toBeUndefined();
  });

  it('does not stop the form from reading the state back', () => {
    const restarted = withRestart(app(), new Date('2026-11-26T18:55:00Z'));
    expect(formFromState(restarted).form).toMatchObject({ name: 'web', image: 'nginx:1.25', replicas: 2 });
  });
});

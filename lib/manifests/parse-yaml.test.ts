import { describe, expect, it } from 'vitest';
import { buildDesiredState } from './build';
import { withHpa, withIngress, withService } from './builders';
import { formFromState } from './form-from-state';
import { labelState } from './labels';
import { normalizeState } from './normalize';
import { parseManifests } from './parse-yaml';
import { stateToYaml } from './render-yaml';
import { issuesOf, ref } from './test-helpers';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app.kubernetes.io/name: web }
  template:
    metadata:
      labels: { app.kubernetes.io/name: web }
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app.kubernetes.io/name: web }
  ports:
    - port: 80
`;

function messages(text: string): string[] {
  return issuesOf(() => parseManifests(text, ref)).map((i) => `${i.line ?? '-'}:${i.column ?? '-'} ${i.message}`);
}

describe('parseManifests: rejected YAML', () => {
  it('malformed YAML, with line and column', () => {
    expect(messages(`${deployment}---\nkind: Service\nmetadata:\n  name: web\n   labels: x\n`)).toEqual([
      '19:9 YAML syntax error at line 19, column 9: Nested mappings are not allowed in compact mappings',
    ]);
  });

  it('an unterminated flow mapping', () => {
    const [first] = messages('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web\n');
    expect(first).toMatch(/^\d+:\d+ YAML syntax error at line \d+, column \d+: /);
  });

  it('a key given twice', () => {
    expect(messages(`${deployment}---\napiVersion: v1\nkind: Service\nkind: Service\n`)).toEqual(['19:1 YAML syntax error at line 19, column 1: Map keys must be unique']);
  });

  it('a kind Berth does not manage', () => {
    expect(messages(`${deployment}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n`)).toEqual([
      '18:7 Kind "Secret" is not managed by Berth; allowed: Deployment, Service, HorizontalPodAutoscaler, Ingress, ConfigMap, PersistentVolumeClaim',
    ]);
  });

  it('an object in another namespace', () => {
    expect(messages(deployment.replace('  name: web\n', '  name: web\n  namespace: prod\n'))).toEqual(['5:14 Deployment "web" is in namespace "prod", the app lives in "team-a"']);
  });

  it('two objects of one kind', () => {
    expect(messages(`${deployment}---\n${service}---\n${service.replace('name: web', 'name: web-2')}`)).toEqual([
      '26:1 Only one Service per app: found "web" (document 2) and "web-2" (document 3)',
    ]);
  });

  it('a Deployment named differently from the app', () => {
    expect(messages(deployment.replace('name: web\nspec', 'name: api\nspec'))).toEqual(['4:9 Deployment "api" does not match the app name "web"']);
  });

  it('missing apiVersion, kind and metadata.name', () => {
    expect(messages(deployment.replace('apiVersion: apps/v1\n', ''))).toEqual(['1:1 Deployment "web": apiVersion is required']);
    expect(messages(`${deployment}---\napiVersion: v1\nmetadata:\n  name: x\n`)).toEqual(['17:1 Document 2: kind is required']);
    expect(messages(`${deployment}---\napiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n`)).toEqual(['17:1 ConfigMap (document 2): metadata.name is required']);
  });

  it('a wrong apiVersion for the kind', () => {
    expect(messages(deployment.replace('apps/v1', 'extensions/v1beta1'))).toEqual(['1:13 Deployment "web" has apiVersion "extensions/v1beta1"; Berth manages Deployment as apps/v1']);
    expect(messages(`${deployment}---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec: {maxReplicas: 3}\n`)).toEqual([
      '17:13 HorizontalPodAutoscaler "web" has apiVersion "autoscaling/v1"; Berth manages HorizontalPodAutoscaler as autoscaling/v2',
    ]);
  });

  it('a document that is not an object', () => {
    expect(messages(`${deployment}---\n- just\n- a list\n`)).toEqual(['17:1 Document 2 is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)']);
  });

  it('no Deployment at all, or nothing', () => {
    expect(messages(service)).toEqual(['-:- A Deployment named "web" is required']);
    expect(messages('')).toEqual(['1:1 A Deployment named "web" is required']);
  });

  it('content mistakes the form would have caught', () => {
    expect(messages(deployment.replace('nginx:1.25', 'NGINX'))).toEqual(['15:18 Deployment "web": Invalid image reference "NGINX": repository name must be lowercase']);
    expect(messages(deployment.replace('replicas: 2', 'replicas: 5000'))).toEqual(['6:13 Deployment "web": spec.replicas must be a whole number between 0 and 1000 (got 5000)']);
    expect(messages(`${deployment}---\n${service.replace('- port: 80', '- port: 80\n      nodePort: 80')}`)).toEqual([
      '25:17 Service "web": node port 80 is not in the valid range. The range of valid ports is 30000-32767',
    ]);
    expect(messages(`${deployment}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 5\n  maxReplicas: 2\n`.replace('  replicas: 2\n', ''))).toEqual([
      '22:16 HorizontalPodAutoscaler "web": maxReplicas (2) must be greater than or equal to minReplicas (5)',
    ]);
    expect(messages(`${deployment}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n`)).toEqual([
      '6:13 Deployment "web" sets spec.replicas, but the HorizontalPodAutoscaler "web" owns the replica count; remove spec.replicas',
    ]);
    expect(messages(`${deployment}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}\n  maxReplicas: 4\n`.replace('  replicas: 2\n', ''))).toEqual([
      '20:19 HorizontalPodAutoscaler "web": scaleTargetRef must be the app\'s Deployment "web"',
    ]);
    expect(messages(deployment.replace('matchLabels: { app.kubernetes.io/name: web }', 'matchLabels: { app: other }'))).toEqual([
      '8:5 Deployment "web": spec.selector does not match the pod template\'s labels',
    ]);
  });

  it('YAML that is too large, or bombs with aliases', () => {
    const large = `# ${'x'.repeat(600 * 1024)}\n${deployment}`;
    expect(messages(large)).toEqual([`-:- The YAML is too large (${large.length} characters; at most 524288)`]);
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(messages(bomb)).toEqual(['1:1 Document 1 expands too many YAML aliases']);
  });

  it('a ManifestError is INVALID_INPUT with the first problem as its message', () => {
    try {
      parseManifests(`${deployment}---\napiVersion: v1\nkind: Secret\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: b}\n`, ref);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^Kind "Secret" is not managed by Berth; .* \(and 1 more problem\)$/) });
    }
  });
});

describe('parseManifests: accepted YAML', () => {
  it('fills in the namespace, drops server fields and returns a normalized state', () => {
    const pasted = deployment.replace('  name: web\n', '  name: web\n  uid: 123\n  resourceVersion: "99"\n  creationTimestamp: "2026-01-01T00:00:00Z"\n  annotations:\n    deployment.kubernetes.io/revision: "4"\n') + 'status:\n  replicas: 2\n';
    const state = parseManifests(`${pasted}---\n${service}`, ref);
    expect(state.deployment.metadata).toEqual({ name: 'web', namespace: 'team-a' });
    expect(state.deployment).not.toHaveProperty('status');
    expect(state.service?.metadata?.namespace).toBe('team-a');
    expect(state).toEqual(normalizeState(state));
  });

  it('reads a v1 List, as kubectl get -o yaml prints several objects', () => {
    const indent = (text: string) => text.trimEnd().split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');
    const list = `apiVersion: v1\nkind: List\nitems:\n${indent(deployment)}\n${indent(service)}\n`;
    const state = parseManifests(list, ref);
    expect(Object.keys(state)).toEqual(['deployment', 'service']);
    expect(messages(list.replace('kind: Service', 'kind: Secret'))).toEqual([
      '20:11 Kind "Secret" is not managed by Berth; allowed: Deployment, Service, HorizontalPodAutoscaler, Ingress, ConfigMap, PersistentVolumeClaim',
    ]);
    expect(messages(`${list}---\n${service}`)).toEqual(['28:1 Only one Service per app: found "web" (document 1, item 2) and "web" (document 2)']);
  });

  it('accepts the namespace of the app spelled out', () => {
    const state = parseManifests(deployment.replace('  name: web\n', '  name: web\n  namespace: team-a\n'), ref);
    expect(state.deployment.metadata?.namespace).toBe('team-a');
    expect(parseManifests(deployment.replace('  name: web\n', '  name: web\n  namespace: ""\n'), ref).deployment.metadata?.namespace).toBe('team-a');
  });
});

describe('round trips', () => {
  const form = {
    name: 'web',
    image: 'ghcr.io/acme/web:2.1.0',
    replicas: 3,
    containerPort: 8080,
    env: [{ name: 'LOG_LEVEL', value: 'debug' }, { name: 'EMPTY', value: '' }],
    envFrom: { mode: 'create' as const, data: [{ key: 'FEATURE_X', value: 'on' }, { key: 'PORT', value: '8080' }] },
    resources: { requests: { cpu: '250m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
    livenessProbe: { type: 'http' as const, path: '/healthz', port: 8080, initialDelaySeconds: 5, periodSeconds: 10 },
    readinessProbe: { type: 'tcp' as const, port: 8080 },
    rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 },
    sidecars: [{ name: 'log', image: 'fluent/fluent-bit:3.0', port: 2020 }],
    volume: { claimName: 'web-data', size: '5Gi', accessMode: 'ReadWriteOnce' as const, storageClassName: 'fast', mountPath: '/var/lib/web' },
    changeCause: 'first deploy',
  };

  it('form → state → YAML → state → form gives the same form and state', () => {
    let state = buildDesiredState(ref, form);
    state = withService(state, { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 30080 }] });
    state = withIngress(state, { host: 'web.example.com', servicePort: 'http', tlsSecretName: 'web-tls' });
    state = withHpa(state, { minReplicas: 2, maxReplicas: 6, cpuUtilization: 75 });
    state = labelState(state, { appName: 'web', revision: 7, changeCause: 'first deploy' });

    const yaml = stateToYaml(state);
    const parsed = parseManifests(yaml, ref);
    expect(parsed).toEqual(normalizeState(state));
    expect(stateToYaml(parsed)).toBe(yaml);

    const recovered = formFromState(parsed);
    expect(recovered).toEqual({
      form: { ...form, replicas: 2 },
      expose: { type: 'NodePort', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080, nodePort: 30080 }] },
      ingress: { host: 'web.example.com', path: '/', pathType: 'Prefix', servicePort: 'http', tlsSecretName: 'web-tls' },
      autoscale: { minReplicas: 2, maxReplicas: 6, cpuUtilization: 75 },
    });
    if (!recovered.form) throw new Error('unreachable');
    const again = labelState(withHpa(withIngress(withService(buildDesiredState(ref, recovered.form), recovered.expose!), recovered.ingress!), recovered.autoscale!), {
      appName: 'web',
      revision: 7,
    });
    expect(normalizeState(again)).toEqual(parsed);
  });

  it('a minimal form survives the trip too', () => {
    const state = labelState(buildDesiredState(ref, { name: 'web', image: 'nginx' }), { appName: 'web', revision: 1 });
    const recovered = formFromState(parseManifests(stateToYaml(state), ref));
    expect(recovered).toEqual({ form: { name: 'web', image: 'nginx', replicas: 1, env: [], sidecars: [] } });
  });

  it('an existing ConfigMap reference comes back as mode "existing"', () => {
    const state = buildDesiredState(ref, { name: 'web', image: 'nginx', envFrom: { mode: 'existing', name: 'shared-config' } });
    expect(formFromState(state)).toMatchObject({ form: { envFrom: { mode: 'existing', name: 'shared-config' } } });
  });

  it('YAML the form cannot express gives null and the reason', () => {
    const extra = deployment.replace('          image: nginx:1.25\n', '          image: nginx:1.25\n          args: ["--debug"]\n');
    expect(formFromState(parseManifests(extra, ref))).toEqual({
      form: null,
      reason: 'The form cannot express: Deployment spec.template.spec.containers[web].args',
    });
    const secretEnv = deployment.replace('          image: nginx:1.25\n', '          image: nginx:1.25\n          env:\n            - name: TOKEN\n              valueFrom: { secretKeyRef: { name: s, key: t } }\n');
    expect(formFromState(parseManifests(secretEnv, ref))).toMatchObject({ form: null, reason: expect.stringContaining('containers[web].env[TOKEN]') });
    const otherName = deployment.replace('        - name: web\n', '        - name: nginx\n');
    expect(formFromState(parseManifests(otherName, ref))).toMatchObject({ form: null });
  });

  it('state the form rejects gives null with the validation message', () => {
    const huge = buildDesiredState(ref, { name: 'web', image: 'nginx' });
    huge.deployment.spec!.template.spec!.containers[0].image = 'NGINX';
    expect(formFromState(huge)).toEqual({ form: null, reason: 'The form cannot show this state: Invalid image reference "NGINX": repository name must be lowercase' });
  });
});

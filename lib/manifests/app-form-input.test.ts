import { describe, expect, it } from 'vitest';
import type { AppFormInput } from './app-form-input';
import { buildDesiredState } from './build';
import { problemsOf, ref } from './test-helpers';

const base: AppFormInput = { name: 'web', image: 'nginx:1.25' };

const dns1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name', or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const dns1123Label =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name', or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const dns1123Subdomain =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const envName =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name', or 'MY_ENV.NAME', or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const configKey = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name', or 'KEY_NAME', or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

const badInputs: [string, AppFormInput, string[]][] = [
  // image references
  ['missing image', { ...base, image: '' }, ['image: Image is required']],
  ['uppercase repository', { ...base, image: 'Nginx:1.25' }, ['image: Invalid image reference "Nginx:1.25": repository name must be lowercase']],
  ['empty tag', { ...base, image: 'nginx:' }, ['image: Invalid image reference "nginx:": tag must not be empty']],
  ['tag starting with a dash', { ...base, image: 'nginx:-rc1' }, ['image: Invalid image reference "nginx:-rc1": tag "-rc1" must start with a letter, digit or \'_\' and contain only letters, digits, \'_\', \'.\' and \'-\'']],
  ['tag longer than 128', { ...base, image: `nginx:${'a'.repeat(129)}` }, [`image: Invalid image reference "nginx:${'a'.repeat(129)}": tag must be at most 128 characters`]],
  ['short digest', { ...base, image: 'nginx@sha256:abc123' }, ['image: Invalid image reference "nginx@sha256:abc123": digest must be "sha256:" followed by 64 lowercase hexadecimal characters']],
  ['whitespace inside', { ...base, image: 'nginx latest' }, ['image: Invalid image reference "nginx latest": must not contain whitespace']],
  ['registry port out of range', { ...base, image: 'registry.example.com:99999/team/app:1' }, ['image: Invalid image reference "registry.example.com:99999/team/app:1": registry port "99999" must be a number between 1 and 65535']],
  ['registry host with underscore', { ...base, image: 'my_registry.com/app' }, ['image: Invalid image reference "my_registry.com/app": registry host "my_registry.com" is not a valid host name']],
  ['empty path component', { ...base, image: 'library//nginx' }, ['image: Invalid image reference "library//nginx": repository path must not contain empty components']],
  ['path component ending in a separator', { ...base, image: 'team/app-:1' }, ['image: Invalid image reference "team/app-:1": path component "app-" must consist of lowercase letters and digits separated by \'.\', \'_\', \'__\' or \'-\'']],
  // replicas
  ['negative replicas', { ...base, replicas: -1 }, ['replicas: Replicas must be greater than or equal to 0 (got -1)']],
  ['absurd replicas', { ...base, replicas: 100000 }, ['replicas: Replicas must be at most 1000 (got 100000)']],
  ['fractional replicas', { ...base, replicas: 1.5 }, ['replicas: Replicas must be a whole number']],
  ['non-numeric replicas', { ...base, replicas: 'three' }, ['replicas: Replicas must be a number']],
  // ports
  ['container port 0', { ...base, containerPort: 0 }, ['containerPort: Container port must be between 1 and 65535']],
  ['container port 70000 as a string', { ...base, containerPort: '70000' }, ['containerPort: Container port must be between 1 and 65535']],
  // env
  ['env name starting with a digit', { ...base, env: [{ name: '1BAD', value: 'x' }] }, [`env.0.name: Environment variable name "1BAD" is invalid: ${envName}`]],
  ['env name starting with ..', { ...base, env: [{ name: '..HIDDEN', value: 'x' }] }, ["env.0.name: Environment variable name must not start with '..'"]],
  ['duplicate env names', { ...base, env: [{ name: 'A', value: '1' }, { name: 'B' }, { name: 'A', value: '2' }] }, ['env.2.name: Environment variable "A" is defined more than once']],
  // env from ConfigMap
  ['ConfigMap with no keys', { ...base, envFrom: { mode: 'create', data: [] } }, ['envFrom.data: Add at least one key to the ConfigMap']],
  ['ConfigMap key with a space', { ...base, envFrom: { mode: 'create', data: [{ key: 'a b', value: '1' }] } }, [`envFrom.data.0.key: ConfigMap key "a b" is invalid: ${configKey}`]],
  ['duplicate ConfigMap keys', { ...base, envFrom: { mode: 'create', data: [{ key: 'A', value: '1' }, { key: 'A', value: '2' }] } }, ['envFrom.data.1.key: ConfigMap key "A" is defined more than once']],
  ['existing ConfigMap with a bad name', { ...base, envFrom: { mode: 'existing', name: 'Bad_Name' } }, [`envFrom.name: ConfigMap name "Bad_Name" is invalid: ${dns1123Subdomain}`]],
  ['unknown envFrom mode', { ...base, envFrom: { mode: 'secret' } as unknown as AppFormInput['envFrom'] }, ["envFrom.mode: Environment from ConfigMap must be either { mode: 'create', data } or { mode: 'existing', name }"]],
  // resources
  ['CPU that is not a quantity', { ...base, resources: { requests: { cpu: 'lots' } } }, ['resources.requests.cpu: CPU "lots" is not a valid quantity (e.g. 250m, 0.5, 2)']],
  ['negative CPU', { ...base, resources: { limits: { cpu: '-1' } } }, ['resources.limits.cpu: CPU must be greater than or equal to 0']],
  ['memory in millibytes', { ...base, resources: { requests: { memory: '128m' } } }, ['resources.requests.memory: Memory fractional byte value "128m" is invalid, must be an integer']],
  ['memory with a made-up unit', { ...base, resources: { limits: { memory: '1GB' } } }, ['resources.limits.memory: Memory "1GB" is not a valid quantity (e.g. 128Mi, 1Gi, 500M)']],
  ['CPU limit below request', { ...base, resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } }, ['resources.requests.cpu: CPU request 1 must be less than or equal to the CPU limit of 500m']],
  ['memory limit below request', { ...base, resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } }, ['resources.requests.memory: Memory request 1Gi must be less than or equal to the Memory limit of 512Mi']],
  // probes
  ['relative HTTP probe path', { ...base, livenessProbe: { type: 'http', path: 'healthz', port: 8080 } }, ["livenessProbe.path: Probe path must be an absolute path (starting with '/')"]],
  ['TCP probe port 0', { ...base, readinessProbe: { type: 'tcp', port: 0 } }, ['readinessProbe.port: Probe port must be between 1 and 65535']],
  ['exec probe', { ...base, livenessProbe: { type: 'exec' } as unknown as AppFormInput['livenessProbe'] }, ["livenessProbe.type: Probe type must be 'http' or 'tcp'"]],
  ['probe period 0', { ...base, readinessProbe: { type: 'http', path: '/ready', port: 80, periodSeconds: 0 } }, ['readinessProbe.periodSeconds: Period must be between 1 and 3600']],
  // rolling update
  ['maxSurge and maxUnavailable both zero', { ...base, rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }, ['rollingUpdate.maxUnavailable: maxUnavailable may not be 0 when `maxSurge` is 0']],
  ['maxSurge over 100%', { ...base, rollingUpdate: { maxSurge: '150%' } }, ['rollingUpdate.maxSurge: maxSurge must not be greater than 100%']],
  ['maxUnavailable not a number', { ...base, rollingUpdate: { maxUnavailable: 'half' } }, ["rollingUpdate.maxUnavailable: maxUnavailable must be an integer or percentage (e.g '5%')"]],
  ['negative maxSurge', { ...base, rollingUpdate: { maxSurge: -1 } }, ['rollingUpdate.maxSurge: maxSurge must be greater than or equal to 0']],
  // sidecars
  ['sidecar name with uppercase', { ...base, sidecars: [{ name: 'Log_Shipper', image: 'fluent-bit:3' }] }, [`sidecars.0.name: Sidecar name "Log_Shipper" is invalid: ${dns1123Label}`]],
  ['sidecar named like the app container', { ...base, sidecars: [{ name: 'web', image: 'fluent-bit:3' }] }, ['sidecars.0.name: Sidecar name "web" is already used by another container']],
  ['two sidecars with one name', { ...base, sidecars: [{ name: 'log', image: 'a:1' }, { name: 'log', image: 'b:1' }] }, ['sidecars.1.name: Sidecar name "log" is already used by another container']],
  ['sidecar with a bad image', { ...base, sidecars: [{ name: 'log', image: 'fluent bit' }] }, ['sidecars.0.image: Invalid image reference "fluent bit": must not contain whitespace']],
  ['sidecar port clashing with the app port', { ...base, containerPort: 8080, sidecars: [{ name: 'proxy', image: 'envoy:1', port: 8080 }] }, ['sidecars.0.port: Sidecar port 8080 is already used by another container in the pod']],
  // volume
  ['relative mount path', { ...base, volume: { size: '1Gi', mountPath: 'data' } }, ["volume.mountPath: Mount path must be an absolute path (starting with '/')"]],
  ['volume size with a made-up unit', { ...base, volume: { size: '10GB', mountPath: '/data' } }, ['volume.size: Volume size "10GB" is not a valid quantity (e.g. 128Mi, 1Gi, 500M)']],
  ['unknown access mode', { ...base, volume: { size: '1Gi', mountPath: '/data', accessMode: 'ReadWriteSometimes' as 'ReadWriteOnce' } }, ['volume.accessMode: Access mode must be one of ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod']],
  ['storage class with a space', { ...base, volume: { size: '1Gi', mountPath: '/data', storageClassName: 'fast ssd' } }, [`volume.storageClassName: Storage class "fast ssd" is invalid: ${dns1123Subdomain}`]],
  // app name and change cause
  ['uppercase app name', { ...base, name: 'Web' }, [`name: App name "Web" is invalid: ${dns1035}`]],
  ['app name starting with a digit', { ...base, name: '1web' }, [`name: App name "1web" is invalid: ${dns1035}`]],
  ['app name over 46 characters', { ...base, name: `a${'b'.repeat(46)}` }, ['name: App name must be no more than 46 characters, so that pod names (<app>-<pod-template-hash>-<suffix>) stay within 63 characters']],
  ['app name over 63 characters', { ...base, name: `a${'b'.repeat(63)}` }, ['name: App name must be no more than 46 characters, so that pod names (<app>-<pod-template-hash>-<suffix>) stay within 63 characters']],
  ['change cause over 1024 characters', { ...base, changeCause: 'x'.repeat(1025) }, ['changeCause: Change cause must be at most 1024 characters']],
];

describe('appFormInput: bad input is rejected with a precise message', () => {
  it.each(badInputs)('%s', (_label, input, expected) => {
    const appRef = typeof input.name === 'string' && /^[a-z]/.test(input.name) && input.name.length <= 46 ? { ...ref, name: input.name } : ref;
    expect(problemsOf(() => buildDesiredState(appRef, input))).toEqual(expected);
  });

  it('reports every problem at once', () => {
    expect(problemsOf(() => buildDesiredState(ref, { name: 'web', image: 'Nginx', replicas: -3, containerPort: 0 }))).toEqual([
      'image: Invalid image reference "Nginx": repository name must be lowercase',
      'replicas: Replicas must be greater than or equal to 0 (got -3)',
      'containerPort: Container port must be between 1 and 65535',
    ]);
  });

  it('refuses a form whose name is not the app being deployed', () => {
    expect(problemsOf(() => buildDesiredState(ref, { ...base, name: 'api' }))).toEqual(['name: App name "api" does not match the app being deployed ("web")']);
  });
});

describe('appFormInput: accepted forms', () => {
  it.each([
    'nginx',
    'nginx:1.25.3-alpine',
    'library/nginx:latest',
    'ghcr.io/acme/web:v2',
    'localhost:5000/team/app',
    'registry.example.com:443/a/b/c:1_0',
    `nginx@sha256:${'a'.repeat(64)}`,
    `docker.io/library/nginx:1.25@sha256:${'0123456789abcdef'.repeat(4)}`,
    '[::1]:5000/app:dev',
    'my__repo/a.b-c:x',
  ])('image %s', (image) => {
    expect(buildDesiredState(ref, { ...base, image }).deployment.spec?.template.spec?.containers[0].image).toBe(image);
  });

  it('coerces numbers posted as strings and trims text', () => {
    const state = buildDesiredState(ref, { name: ' web ', image: ' nginx:1.25 ', replicas: '3', containerPort: '8080', rollingUpdate: { maxSurge: '1', maxUnavailable: '0' } });
    expect(state.deployment.spec?.replicas).toBe(3);
    expect(state.deployment.spec?.template.spec?.containers[0]).toEqual({ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 8080 }] });
    expect(state.deployment.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });

  it('ignores blank env and ConfigMap rows (the form\'s empty last row)', () => {
    const state = buildDesiredState(ref, {
      ...base,
      env: [{ name: 'A', value: '1' }, { name: '', value: '' }],
      envFrom: { mode: 'create', data: [{ key: 'K', value: 'v' }, { key: ' ', value: '' }] },
    });
    expect(state.deployment.spec?.template.spec?.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(state.configMap?.data).toEqual({ K: 'v' });
    expect(problemsOf(() => buildDesiredState(ref, { ...base, env: [{ name: '', value: 'orphan' }] }))).toEqual(['env.0.name: Environment variable name is required']);
  });

  it('accepts a 46-character app name', () => {
    const name = `a${'b'.repeat(45)}`;
    expect(buildDesiredState({ ...ref, name }, { ...base, name }).deployment.metadata?.name).toBe(name);
  });

  it('accepts 0 and 1000 replicas, the edges of the range', () => {
    expect(buildDesiredState(ref, { ...base, replicas: 0 }).deployment.spec?.replicas).toBe(0);
    expect(buildDesiredState(ref, { ...base, replicas: 1000 }).deployment.spec?.replicas).toBe(1000);
  });
});

import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { pods, computeQosClass } from './pods';
import { imageTag } from './pod-spec-defaults';

const now = new Date('2026-01-01T01:00:00Z');

function pod(spec: Record<string, unknown>, status: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z', ...meta },
    spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
    status,
  };
}

function running(name: string, ready: boolean, restartCount = 0, lastFinished?: string) {
  return {
    name, ready, restartCount, started: true,
    state: { running: { startedAt: '2026-01-01T00:00:05Z' } },
    ...(lastFinished ? { lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: lastFinished } } } : {}),
  };
}

describe('pod defaults and admission', () => {
  it('applies PodSpec defaults, status defaults and admission additions', () => {
    const p = pod({ containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], readinessProbe: { httpGet: { port: 80 } } }] }, undefined as never);
    delete p.status;
    pods.applyDefaults(p);
    pods.admit?.(p, undefined, { list: () => [] });
    const spec = p.spec as Record<string, unknown>;
    expect(spec).toMatchObject({
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', terminationGracePeriodSeconds: 30,
      securityContext: {}, enableServiceLinks: true, serviceAccountName: 'default', serviceAccount: 'default', priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      containers: [{
        imagePullPolicy: 'Always', ports: [{ containerPort: 80, protocol: 'TCP' }],
        readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
        volumeMounts: [{ readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
      }],
    });
    expect(String((spec.volumes as Array<{ name: string }>)[0].name)).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(pods.validate(p)).toEqual([]);
  });

  it('validates container env names and volume mounts with upstream messages', () => {
    const p = pod({ containers: [{ name: 'web', image: 'nginx', env: [{ name: '1BAD', value: 'x' }], volumeMounts: [{ name: 'data', mountPath: '/data' }] }] });
    pods.applyDefaults(p);
    expect(pods.validate(p).map((c) => `${c.field}: ${c.message}`)).toEqual([
      "spec.containers[0].env[0].name: Invalid value: \"1BAD\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ]);
  });

  it('rejects requests above limits with canonical quantities', () => {
    const p = pod({ containers: [{ name: 'web', image: 'nginx:1', resources: { requests: { cpu: '2000m' }, limits: { cpu: '1' } } }] });
    pods.applyDefaults(p);
    expect(pods.validate(p).map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
  });

  it('derives imagePullPolicy from the tag like parsers.ParseImageName', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:latest')).toBe('latest');
    expect(imageTag('registry:5000/app:1.2')).toBe('1.2');
    expect(imageTag('registry:5000/app')).toBe('latest');
    expect(imageTag('app@sha256:abc')).toBe('');
  });

  it('classifies QoS like qos.GetPodQOS', () => {
    expect(computeQosClass({ containers: [{ resources: {} }] })).toBe('BestEffort');
    expect(computeQosClass({ containers: [{ resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1Gi' } } }] })).toBe('Guaranteed');
    expect(computeQosClass({ containers: [{ resources: { requests: { cpu: '100m' } } }] })).toBe('Burstable');
  });

  it('forbids changing anything but images (and binding an unbound pod) on update', () => {
    const old = pod({});
    pods.applyDefaults(old);
    const next = structuredClone(old);
    ((next.spec as { containers: Array<Record<string, unknown>> }).containers[0]).image = 'nginx:2';
    expect(pods.validate(next, old)).toEqual([]);
    (next.spec as Record<string, unknown>).nodeName = 'sandbox-node-1';
    expect(pods.validate(next, old)).toEqual([]);
    const bound = structuredClone(next);
    (bound.spec as Record<string, unknown>).nodeName = 'sandbox-node-2';
    expect(pods.validate(bound, next).map((c) => c.field)).toEqual(['spec']);
    (next.spec as Record<string, unknown>).restartPolicy = 'Never';
    expect(pods.validate(next, old).map((c) => c.field)).toEqual(['spec']);
  });
});

describe('pod printing (printPod)', () => {
  const cells = (p: KObject) => pods.tableRow(p, now);

  it('prints a running pod with restarts and time since last restart', () => {
    const p = pod({ nodeName: 'sandbox' }, { phase: 'Running', podIPs: [{ ip: '10.244.0.5' }], containerStatuses: [running('web', true, 2, '2026-01-01T00:55:00Z')] });
    expect(cells(p)).toEqual(['web-1', '1/1', 'Running', '2 (5m ago)', '60m', '10.244.0.5', 'sandbox', '<none>', '<none>']);
  });

  it('shows waiting reasons such as ImagePullBackOff and CrashLoopBackOff', () => {
    const waiting = (reason: string) => pod({}, { phase: 'Pending', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { waiting: { reason } } }] });
    expect(cells(waiting('ImagePullBackOff'))[2]).toBe('ImagePullBackOff');
    expect(cells(waiting('ContainerCreating')).slice(1, 4)).toEqual(['0/1', 'ContainerCreating', '0']);
    const crash = pod({}, { phase: 'Running', containerStatuses: [{ name: 'web', ready: false, restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:59:30Z' } } }] });
    expect(cells(crash).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '5 (30s ago)']);
  });

  it('shows Completed, ExitCode and Signal for terminated containers', () => {
    const done = pod({}, { phase: 'Succeeded', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    expect(cells(done)[2]).toBe('Completed');
    const exit = pod({}, { phase: 'Failed', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }] });
    expect(cells(exit)[2]).toBe('ExitCode:3');
    const sig = pod({}, { phase: 'Failed', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] });
    expect(cells(sig)[2]).toBe('Signal:9');
  });

  it('shows Terminating for a pod being deleted and Init:N/M while initializing', () => {
    const term = pod({}, { phase: 'Running', containerStatuses: [running('web', true)] }, { deletionTimestamp: '2026-01-01T00:59:59Z' });
    expect(cells(term)[2]).toBe('Terminating');
    const init = pod(
      { initContainers: [{ name: 'a', image: 'busybox' }, { name: 'b', image: 'busybox' }] },
      { phase: 'Pending', initContainerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }, { name: 'b', ready: false, restartCount: 0, state: { running: {} } }], containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] },
    );
    expect(cells(init)[2]).toBe('Init:1/2');
    const initErr = pod({ initContainers: [{ name: 'a', image: 'busybox' }] }, { phase: 'Pending', initContainerStatuses: [{ name: 'a', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImagePull' } } }] });
    expect(cells(initErr)[2]).toBe('Init:ErrImagePull');
  });

  it('counts readiness gates in the wide columns', () => {
    const p = pod({ readinessGates: [{ conditionType: 'x/ready' }] }, { phase: 'Running', conditions: [{ type: 'x/ready', status: 'True' }], containerStatuses: [running('web', true)] });
    expect(cells(p).slice(5)).toEqual(['<none>', '<none>', '<none>', '1/1']);
  });

  it('exposes the upstream pod field labels', () => {
    const p = pod({ nodeName: 'n1' }, { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] });
    pods.applyDefaults(p);
    expect(pods.fieldLabels(p)).toMatchObject({ 'metadata.name': 'web-1', 'metadata.namespace': 'default', 'spec.nodeName': 'n1', 'status.phase': 'Running', 'status.podIP': '10.0.0.1', 'spec.restartPolicy': 'Always' });
  });
});

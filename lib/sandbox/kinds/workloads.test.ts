import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { apiErrors } from '../errors';
import { deployments, replicaSets, replicationControllers, daemonSets } from './workloads';

function deployment(overrides: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
      ...overrides,
    },
  };
}

function defaulted(obj: KObject): KObject {
  deployments.applyDefaults(obj);
  return obj;
}

describe('Deployment defaulting', () => {
  it('fills replicas, strategy, limits and the pod template defaults', () => {
    const d = defaulted(deployment());
    expect(d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        spec: {
          restartPolicy: 'Always',
          terminationGracePeriodSeconds: 30,
          dnsPolicy: 'ClusterFirst',
          schedulerName: 'default-scheduler',
          securityContext: {},
          containers: [{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
        },
      },
    });
  });

  it('keeps explicit values and does not add rollingUpdate to Recreate', () => {
    const d = defaulted(deployment({ replicas: 0, strategy: { type: 'Recreate' } }));
    expect(d.spec).toMatchObject({ replicas: 0, strategy: { type: 'Recreate' } });
    expect((d.spec as { strategy: Record<string, unknown> }).strategy.rollingUpdate).toBeUndefined();
  });
});

describe('Deployment validation', () => {
  it('accepts a well-formed deployment', () => {
    expect(deployments.validate(defaulted(deployment()))).toEqual([]);
  });

  it('reports a missing selector together with the label mismatch, as the real apiserver does', () => {
    const d = defaulted(deployment({ selector: undefined }));
    const err = apiErrors.invalid('apps', 'Deployment', 'web', deployments.validate(d));
    expect(err.message).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
  });

  it('rejects selectors that do not match the template labels', () => {
    const causes = deployments.validate(defaulted(deployment({ selector: { matchLabels: { app: 'x' } } })));
    expect(causes).toEqual([
      { reason: 'FieldValueInvalid', field: 'spec.template.metadata.labels', message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`' },
    ]);
  });

  it('rejects negative replicas, missing images and a non-Always restart policy', () => {
    const d = defaulted(deployment({ replicas: -1 }));
    const tpl = (d.spec as { template: { spec: { restartPolicy: string; containers: Array<Record<string, unknown>> } } }).template;
    tpl.spec.restartPolicy = 'Never';
    tpl.spec.containers[0].image = '';
    expect(deployments.validate(d).map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.containers[0].image: Required value',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    ]);
  });

  it('rejects container port and strategy errors with upstream messages', () => {
    const d = defaulted(deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } }));
    const tpl = (d.spec as { template: { spec: { containers: Array<Record<string, unknown>> } } }).template;
    tpl.spec.containers[0].ports = [{ containerPort: 70000, protocol: 'TCP' }, { name: 'http', containerPort: 80, protocol: 'TCP' }, { name: 'http', containerPort: 81, protocol: 'TCP' }];
    expect(deployments.validate(d).map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      'spec.template.spec.containers[0].ports[2].name: Duplicate value: "http"',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
    ]);
  });

  it('makes the selector immutable on update', () => {
    const old = defaulted(deployment());
    const next = defaulted(deployment({ selector: { matchLabels: { app: 'web', tier: 'fe' } } }));
    (next.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels.tier = 'fe';
    expect(deployments.validate(next, old)).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.selector',
        message: 'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      },
    ]);
  });

  it('validates the object name as a DNS subdomain', () => {
    const d = defaulted(deployment());
    d.metadata.name = 'Web_1';
    expect(deployments.validate(d)[0].message).toMatch(/^Invalid value: "Web_1": a lowercase RFC 1123 subdomain/);
  });
});

describe('Deployment generation and printing', () => {
  it('bumps generation on spec or annotation changes only', () => {
    const old = defaulted(deployment());
    const labelsOnly = structuredClone(old);
    labelsOnly.metadata.labels = { a: 'b' };
    expect(deployments.bumpsGeneration?.(labelsOnly, old)).toBe(false);
    const annotated = structuredClone(old);
    annotated.metadata.annotations = { note: 'x' };
    expect(deployments.bumpsGeneration?.(annotated, old)).toBe(true);
    const scaled = structuredClone(old);
    (scaled.spec as { replicas: number }).replicas = 3;
    expect(deployments.bumpsGeneration?.(scaled, old)).toBe(true);
  });

  it('prints READY UP-TO-DATE AVAILABLE AGE and the wide cells', () => {
    const d = defaulted(deployment({ replicas: 3 }));
    d.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    d.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    expect(deployments.tableColumns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
    expect(deployments.tableRow(d, new Date('2026-01-01T00:03:10Z'))).toEqual(['web', '2/3', 3, 2, '3m10s', 'web', 'nginx:1.25', 'app=web']);
  });
});

describe('ReplicaSet, DaemonSet, ReplicationController', () => {
  it('prints replica sets with a formatted selector', () => {
    const rs: KObject = {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] }, template: { metadata: { labels: { app: 'web', tier: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
      status: { replicas: 2, readyReplicas: 1 },
    };
    replicaSets.applyDefaults(rs);
    expect(replicaSets.validate(rs)).toEqual([]);
    expect(replicaSets.tableRow(rs, new Date('2026-01-01T00:00:30Z'))).toEqual(['web-abc', 2, 2, 1, '30s', 'c', 'i', 'app=web,tier in (a,b)']);
    expect(replicaSets.fieldLabels(rs)['status.replicas']).toBe('2');
  });

  it('defaults a replication controller selector and labels from its template', () => {
    const rc: KObject = {
      apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'myapp-rc', namespace: 'default' },
      spec: { template: { metadata: { labels: { app: 'myapp' } }, spec: { containers: [{ name: 'myapp', image: 'myapp' }] } } },
    };
    replicationControllers.applyDefaults(rc);
    expect(rc.spec).toMatchObject({ replicas: 1, selector: { app: 'myapp' } });
    expect(rc.metadata.labels).toEqual({ app: 'myapp' });
    expect(replicationControllers.validate(rc)).toEqual([]);
    expect((rc.spec as { template: { spec: { containers: Array<{ imagePullPolicy: string }> } } }).template.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  it('defaults daemon set update strategy and requires a selector', () => {
    const ds: KObject = {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default' },
      spec: { template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'agent:1' }] } } },
    };
    daemonSets.applyDefaults(ds);
    expect(ds.spec).toMatchObject({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, revisionHistoryLimit: 10 });
    expect(daemonSets.validate(ds).map((c) => c.field)).toEqual(['spec.selector', 'spec.template.metadata.labels']);
  });
});

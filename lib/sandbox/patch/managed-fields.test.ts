import { describe, expect, it } from 'vitest';
import type { KObject, ManagedFieldsEntry } from '../types';
import { fieldsV1ToFieldSet } from './field-set';
import { updateManagedFields } from './managed-fields';
import { managerFromUserAgent, resolveFieldManager } from './user-agent';
import { stored, T0, T1, T2, tutorialDeployment } from './test-fixtures';

const v1 = 'apps/v1';

function withFields(obj: KObject, managedFields: ManagedFieldsEntry[]): KObject {
  return { ...obj, metadata: { ...obj.metadata, managedFields } };
}

function owns(entry: ManagedFieldsEntry | undefined, ...path: string[]): boolean {
  return entry !== undefined && fieldsV1ToFieldSet(entry.fieldsV1).has(path);
}

function create(obj: KObject, manager = 'kubectl-client-side-apply'): KObject {
  return withFields(stored(obj), updateManagedFields(undefined, stored(obj), { manager, apiVersion: v1, now: T0 }));
}

describe('updateManagedFields', () => {
  it('records a create as an Update entry with upstream key order, truncated time and "." markers', () => {
    const entries = updateManagedFields(undefined, stored(tutorialDeployment({ replicas: 3 })), { manager: 'kubectl-client-side-apply', apiVersion: v1, now: T0 });
    expect(entries).toHaveLength(1);
    expect(Object.keys(entries[0])).toEqual(['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1']);
    expect(entries[0]).toMatchObject({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-26T18:00:00Z', fieldsType: 'FieldsV1' });
    expect(entries[0].fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"app"}': {
                '.': {}, 'f:image': {}, 'f:name': {},
                'f:ports': { '.': {}, 'k:{"containerPort":8000,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
          },
        },
      },
    });
  });

  it('never tracks uid, resourceVersion, generation, creationTimestamp, name or namespace', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const fields = fieldsV1ToFieldSet(live.metadata.managedFields?.[0].fieldsV1 ?? {});
    for (const f of ['f:uid', 'f:resourceVersion', 'f:generation', 'f:creationTimestamp', 'f:name', 'f:namespace', 'f:managedFields']) {
      expect(fields.hasPrefix(['f:metadata', f])).toBe(false);
    }
  });

  it('kubectl set image: the new manager takes the image, the old one loses it', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const updated = structuredClone(live);
    (updated.spec as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0].image = 'nginx:1.26';
    const entries = updateManagedFields(live, updated, { manager: 'kubectl-set', apiVersion: v1, now: T1 });
    const csa = entries.find((e) => e.manager === 'kubectl-client-side-apply');
    const set = entries.find((e) => e.manager === 'kubectl-set');
    const image = ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}', 'f:image'];
    expect(owns(set, ...image)).toBe(true);
    expect(owns(csa, ...image)).toBe(false);
    expect(owns(csa, 'f:spec', 'f:replicas')).toBe(true);
    expect(set?.fieldsV1).toEqual({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { 'f:image': {} } } } } } });
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-client-side-apply', 'kubectl-set']);
  });

  it('merges repeated updates of one manager into one entry and refreshes its time', () => {
    let live = create(tutorialDeployment({ replicas: 3 }));
    for (const [replicas, now] of [[4, T1], [5, T2]] as const) {
      const updated = structuredClone(live);
      (updated.spec as { replicas: number }).replicas = replicas;
      updated.metadata.labels = { ...updated.metadata.labels, [`r${replicas}`]: 'x' };
      live = withFields(updated, updateManagedFields(live, updated, { manager: 'kubectl-edit', apiVersion: v1, now }));
    }
    const edit = live.metadata.managedFields?.filter((e) => e.manager === 'kubectl-edit') ?? [];
    expect(edit).toHaveLength(1);
    expect(edit[0].time).toBe('2026-11-26T18:10:00Z');
    expect(owns(edit[0], 'f:metadata', 'f:labels', 'f:r4')).toBe(true);
    expect(owns(edit[0], 'f:metadata', 'f:labels', 'f:r5')).toBe(true);
  });

  it('keeps separate entries per apiVersion and per subresource', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const scaled = structuredClone(live);
    (scaled.spec as { replicas: number }).replicas = 5;
    const entries = updateManagedFields(live, scaled, { manager: 'kubectl', apiVersion: v1, now: T1, subresource: 'scale' });
    const scale = entries.find((e) => e.subresource === 'scale');
    expect(scale).toMatchObject({ manager: 'kubectl', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale' });
    expect(Object.keys(scale ?? {}).at(-1)).toBe('subresource');
    expect(scale?.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });
    expect(owns(entries.find((e) => e.manager === 'kubectl-client-side-apply'), 'f:spec', 'f:replicas')).toBe(false);
  });

  it('drops ownership of removed fields from every manager and drops empty entries', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const labelled = structuredClone(live);
    labelled.metadata.labels = { app: 'myapp', tier: 'fe' };
    const afterLabel = withFields(labelled, updateManagedFields(live, labelled, { manager: 'kubectl-label', apiVersion: v1, now: T1 }));
    expect(afterLabel.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl-client-side-apply', 'kubectl-label']);
    const unlabelled = structuredClone(afterLabel);
    unlabelled.metadata.labels = { app: 'myapp' };
    const entries = updateManagedFields(afterLabel, unlabelled, { manager: 'kubectl-edit', apiVersion: v1, now: T2 });
    expect(entries.map((e) => e.manager)).toEqual(['kubectl-client-side-apply']);
  });

  it('writes nothing new when the update changes no tracked field', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const same = { ...structuredClone(live), metadata: { ...structuredClone(live.metadata), resourceVersion: '11', generation: 2 } };
    expect(updateManagedFields(live, same, { manager: 'kubectl-edit', apiVersion: v1, now: T1 })).toEqual(live.metadata.managedFields);
  });

  it('status changes through the main resource are not owned; through /status only status is', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const withStatus = { ...structuredClone(live), status: { replicas: 3, conditions: [{ type: 'Available', status: 'True' }] } };
    const main = updateManagedFields(live, withStatus, { manager: 'kube-controller-manager', apiVersion: v1, now: T1 });
    expect(main.find((e) => e.manager === 'kube-controller-manager')).toBeUndefined();
    const status = updateManagedFields(live, withStatus, { manager: 'kube-controller-manager', apiVersion: v1, now: T1, subresource: 'status' });
    expect(status.find((e) => e.manager === 'kube-controller-manager')).toMatchObject({
      subresource: 'status',
      fieldsV1: { 'f:status': { '.': {}, 'f:conditions': { '.': {}, 'k:{"type":"Available"}': { '.': {}, 'f:status': {}, 'f:type': {} } }, 'f:replicas': {} } },
    });
  });

  it('accepts managedFields supplied by the client (kubectl csaupgrade) and resets on an empty list', () => {
    const live = create(tutorialDeployment({ replicas: 3 }));
    const migrated: ManagedFieldsEntry[] = [{ manager: 'kubectl', operation: 'Apply', apiVersion: v1, time: '2026-11-26T18:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }];
    expect(updateManagedFields(live, withFields(live, migrated), { manager: 'kubectl-client-side-apply', apiVersion: v1, now: T1 })).toEqual(migrated);
    expect(updateManagedFields(live, withFields(live, []), { manager: 'kubectl-edit', apiVersion: v1, now: T1 })).toEqual([]);
    const onStatus = updateManagedFields(live, withFields(live, migrated), { manager: 'x', apiVersion: v1, now: T1, subresource: 'status' });
    expect(onStatus).toEqual(live.metadata.managedFields);
  });

  it('sorts Apply entries first, then Update entries oldest first', () => {
    const live = withFields(stored(tutorialDeployment({ replicas: 3 })), [
      { manager: 'b', operation: 'Update', apiVersion: v1, time: '2026-11-26T18:05:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
      { manager: 'a', operation: 'Update', apiVersion: v1, time: '2026-11-26T18:06:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:selector': {} } } },
      { manager: 'z', operation: 'Apply', apiVersion: v1, time: '2026-11-26T18:07:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } } },
    ]);
    const relabelled = structuredClone(live);
    relabelled.metadata.annotations = { x: 'y' };
    const entries = updateManagedFields(live, relabelled, { manager: 'c', apiVersion: v1, now: T0 });
    expect(entries.map((e) => e.manager)).toEqual(['z', 'c', 'b', 'a']);
  });
});

describe('updateManagedFields: capping Update managers', () => {
  it('folds the oldest Update entries into ancient-changes beyond 10', () => {
    let live = create(tutorialDeployment({ replicas: 0 }), 'm00');
    for (let i = 1; i <= 11; i++) {
      const updated = structuredClone(live);
      updated.metadata.labels = { ...updated.metadata.labels, [`l${i}`]: 'x' };
      const now = new Date(T0.getTime() + i * 60_000);
      live = withFields(updated, updateManagedFields(live, updated, { manager: `m${String(i).padStart(2, '0')}`, apiVersion: v1, now }));
    }
    const managers = live.metadata.managedFields?.map((e) => e.manager) ?? [];
    expect(managers).toHaveLength(10);
    expect(managers).toContain('ancient-changes');
    expect(managers).not.toContain('m00');
    expect(managers).not.toContain('m01');
    expect(managers).not.toContain('m02');
    const ancient = live.metadata.managedFields?.find((e) => e.manager === 'ancient-changes');
    expect(owns(ancient, 'f:spec', 'f:replicas')).toBe(true);
    expect(owns(ancient, 'f:metadata', 'f:labels', 'f:l2')).toBe(true);
  });
});

describe('managerFromUserAgent', () => {
  const cases: Array<[string, string]> = [
    ['kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0', 'kubectl'],
    ['kubectl.1.33/v1.33.1 (linux/amd64) kubernetes/8adc0f0', 'kubectl.1.33'],
    ['node-fetch', 'node-fetch'],
    ['', ''],
    [`${'a'.repeat(200)}/1`, 'a'.repeat(128)],
    ['bad\u0007agent/1', 'badagent'],
  ];
  it.each(cases)('%s → %s', (ua, manager) => {
    expect(managerFromUserAgent(ua)).toBe(manager);
  });

  it('prefers an explicit fieldManager', () => {
    expect(resolveFieldManager('kubectl-edit', 'kubectl/v1.33.1')).toBe('kubectl-edit');
    expect(resolveFieldManager(undefined, 'kubectl/v1.33.1')).toBe('kubectl');
  });
});

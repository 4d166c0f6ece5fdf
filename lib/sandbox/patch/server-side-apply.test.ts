import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import type { KObject, ManagedFieldsEntry } from '../types';
import { fieldsV1ToFieldSet } from './field-set';
import { updateManagedFields } from './managed-fields';
import type { ApplyOptions } from './managers';
import { applyServerSide } from './server-side-apply';
import { stored, T0, T1, T2, tutorialDeployment } from './test-fixtures';

const v1 = 'apps/v1';
const REPLICAS = ['f:spec', 'f:replicas'];
const IMAGE = ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}', 'f:image'];

function apply(live: KObject | undefined, applied: KObject, opts: Partial<ApplyOptions> = {}): KObject {
  return applyServerSide(live, applied, { manager: 'kubectl', force: false, apiVersion: v1, now: T0, ...opts });
}

function entry(obj: KObject, manager: string, operation?: 'Apply' | 'Update'): ManagedFieldsEntry | undefined {
  return obj.metadata.managedFields?.find((e) => e.manager === manager && (!operation || e.operation === operation));
}

function owns(obj: KObject, manager: string, path: string[]): boolean {
  const e = entry(obj, manager);
  return e !== undefined && fieldsV1ToFieldSet(e.fieldsV1).has(path);
}

function spec(obj: KObject): { replicas?: number; template: { spec: { containers: Array<{ name: string; image?: string }> } } } {
  return obj.spec as never;
}

function conflictOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected a conflict');
}

/** A live object created by client-side apply (Update entry of kubectl-client-side-apply). */
function createdByClientSideApply(replicas = 3): KObject {
  const obj = stored(tutorialDeployment({ replicas }));
  return { ...obj, metadata: { ...obj.metadata, managedFields: updateManagedFields(undefined, obj, { manager: 'kubectl-client-side-apply', apiVersion: v1, now: T0 }) } };
}

describe('applyServerSide', () => {
  it('creates: the object is the applied configuration, owned by one Apply entry', () => {
    const out = apply(undefined, tutorialDeployment({ replicas: 3 }));
    expect(spec(out).replicas).toBe(3);
    expect(out.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1', time: '2026-11-26T18:00:00Z', fieldsType: 'FieldsV1' }),
    ]);
    expect(owns(out, 'kubectl', REPLICAS)).toBe(true);
  });

  it('re-applying the same configuration changes nothing, not even the time', () => {
    const first = stored(apply(undefined, tutorialDeployment({ replicas: 3 })));
    const again = apply(first, tutorialDeployment({ replicas: 3 }), { now: T1 });
    expect(again).toEqual(first);
  });

  it('merges into the live object: fields set by others or by defaulting stay', () => {
    const live = stored(apply(undefined, tutorialDeployment({ replicas: 3 })));
    (live.spec as Record<string, unknown>).revisionHistoryLimit = 10;
    spec(live).template.spec.containers[0] = { ...spec(live).template.spec.containers[0], imagePullPolicy: 'IfNotPresent' } as never;
    const out = apply(live, tutorialDeployment({ replicas: 4, image: 'nginx:1.26' }), { now: T1 });
    expect(out.spec).toMatchObject({ replicas: 4, revisionHistoryLimit: 10 });
    expect(spec(out).template.spec.containers[0]).toEqual({ image: 'nginx:1.26', name: 'app', ports: [{ containerPort: 8000 }], imagePullPolicy: 'IfNotPresent' });
    expect(entry(out, 'kubectl')?.time).toBe('2026-11-26T18:05:00Z');
  });

  it('removes fields the manager applied before and no longer applies', () => {
    const live = stored(apply(undefined, tutorialDeployment({ replicas: 3, labels: { app: 'myapp', tier: 'fe' } })));
    const out = apply(live, tutorialDeployment({}), { now: T1 });
    expect(out.spec).not.toHaveProperty('replicas');
    expect(out.metadata.labels).toEqual({ app: 'myapp' });
    expect(owns(out, 'kubectl', REPLICAS)).toBe(false);
  });

  it('removes a container the manager stopped applying', () => {
    const two = [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'busybox' }];
    const live = stored(apply(undefined, tutorialDeployment({ containers: two })));
    const out = apply(live, tutorialDeployment({ containers: [{ name: 'app', image: 'nginx' }] }), { now: T1 });
    expect(spec(out).template.spec.containers.map((c) => c.name)).toEqual(['app']);
  });

  it('keeps a field it stops applying when another manager also owns it', () => {
    const shared = stored(apply(apply(undefined, tutorialDeployment({ replicas: 3 })), tutorialDeployment({ replicas: 3 }), { manager: 'helm' }));
    expect(owns(shared, 'kubectl', REPLICAS) && owns(shared, 'helm', REPLICAS)).toBe(true);
    const out = apply(shared, tutorialDeployment({}), { now: T1 });
    expect(spec(out).replicas).toBe(3);
    expect(owns(out, 'kubectl', REPLICAS)).toBe(false);
    expect(owns(out, 'helm', REPLICAS)).toBe(true);
  });

  it('conflicts with the client-side apply manager on a changed field (409, upstream message and causes)', () => {
    const err = conflictOf(() => apply(createdByClientSideApply(3), tutorialDeployment({ replicas: 5 }), { manager: 'ci' }));
    expect(err.toStatus()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 409, reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
    });
  });

  it('shares ownership without conflict when the applied value equals the live one', () => {
    const out = apply(createdByClientSideApply(3), tutorialDeployment({ replicas: 3 }), { manager: 'ci' });
    expect(owns(out, 'ci', REPLICAS)).toBe(true);
    expect(owns(out, 'kubectl-client-side-apply', REPLICAS)).toBe(true);
  });

  it('lists several conflicts grouped by manager, Apply managers without a version', () => {
    let live = stored(apply(undefined, tutorialDeployment({ replicas: 3 }), { manager: 'helm' }));
    const scaled = structuredClone(live);
    spec(scaled).replicas = 6;
    live = { ...scaled, metadata: { ...scaled.metadata, managedFields: updateManagedFields(live, scaled, { manager: 'kubectl', apiVersion: v1, now: T1, subresource: 'scale' }) } };
    const err = conflictOf(() => apply(live, tutorialDeployment({ replicas: 2, image: 'nginx:2' }), { manager: 'argo', now: T2 }));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "helm":\n- .spec.template.spec.containers[name="app"].image\n'
      + 'conflicts with "kubectl" with subresource "scale" using apps/v1:\n- .spec.replicas',
    );
    expect(err.details?.causes?.map((c) => [c.message, c.field])).toEqual([
      ['conflict with "helm"', '.spec.template.spec.containers[name="app"].image'],
      ['conflict with "kubectl" with subresource "scale" using apps/v1', '.spec.replicas'],
    ]);
  });

  it('force takes ownership and the other manager loses the field', () => {
    const out = apply(createdByClientSideApply(3), tutorialDeployment({ replicas: 5 }), { manager: 'ci', force: true, now: T1 });
    expect(spec(out).replicas).toBe(5);
    expect(owns(out, 'ci', REPLICAS)).toBe(true);
    expect(owns(out, 'kubectl-client-side-apply', REPLICAS)).toBe(false);
    expect(owns(out, 'kubectl-client-side-apply', IMAGE)).toBe(true);
  });

  it('kubectl --server-side after client-side apply: conflicts on unchanged last-applied fields are allowed', () => {
    const manifest = tutorialDeployment({ replicas: 3 });
    const lastApplied = `${JSON.stringify(manifest)}\n`;
    const base = stored({ ...manifest, metadata: { ...manifest.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } } });
    const live = { ...base, metadata: { ...base.metadata, managedFields: updateManagedFields(undefined, base, { manager: 'kubectl-client-side-apply', apiVersion: v1, now: T0 }) } };
    const out = apply(live, tutorialDeployment({ replicas: 4 }), { now: T1 });
    expect(spec(out).replicas).toBe(4);
    expect(owns(out, 'kubectl', REPLICAS)).toBe(true);
    expect(owns(out, 'kubectl-client-side-apply', REPLICAS)).toBe(false);
    const annotation = out.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
    expect(JSON.parse(annotation)).toEqual(tutorialDeployment({ replicas: 4 }));
    expect(annotation.endsWith('}\n')).toBe(true);
    // Another manager name gets no such allowance.
    expect(conflictOf(() => apply(live, tutorialDeployment({ replicas: 4 }), { manager: 'ci' })).code).toBe(409);
  });

  it('conflicts with a controller that changed the field since (kubectl scale, HPA)', () => {
    const live = stored(apply(undefined, tutorialDeployment({ replicas: 3 })));
    const scaled = structuredClone(live);
    spec(scaled).replicas = 7;
    const afterHpa = { ...scaled, metadata: { ...scaled.metadata, managedFields: updateManagedFields(live, scaled, { manager: 'kube-controller-manager', apiVersion: v1, now: T1, subresource: 'scale' }) } };
    expect(owns(afterHpa, 'kubectl', REPLICAS)).toBe(false);
    const err = conflictOf(() => apply(afterHpa, tutorialDeployment({ replicas: 3 }), { now: T2 }));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "scale" using apps/v1: .spec.replicas');
  });

  it('ignores status on the main resource and spec on /status', () => {
    const live = stored(apply(undefined, tutorialDeployment({ replicas: 3 })));
    const withStatus = { ...tutorialDeployment({ replicas: 3 }), status: { replicas: 99 } };
    const out = apply({ ...live, status: { replicas: 1 } }, withStatus, { now: T1 });
    expect(out.status).toEqual({ replicas: 1 });
    expect(fieldsV1ToFieldSet(entry(out, 'kubectl')?.fieldsV1 ?? {}).hasPrefix(['f:status'])).toBe(false);

    const statusOut = apply(live, { ...tutorialDeployment({ replicas: 9 }), status: { replicas: 2 } }, { manager: 'ctrl', subresource: 'status', now: T1 });
    expect(statusOut.status).toEqual({ replicas: 2 });
    expect(spec(statusOut).replicas).toBe(3);
    expect(entry(statusOut, 'ctrl')).toMatchObject({ operation: 'Apply', subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {} } } });
  });

  it('merges associative lists by key and keeps live-only items in place', () => {
    const live = stored(apply(undefined, tutorialDeployment({ containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] }), { manager: 'other' }));
    const out = apply(live, tutorialDeployment({ containers: [{ name: 'b', image: '2' }, { name: 'c', image: '2' }] }), { manager: 'me', force: true });
    expect(spec(out).template.spec.containers).toEqual([{ name: 'a', image: '1' }, { name: 'b', image: '2' }, { name: 'c', image: '2' }]);
    expect(owns(out, 'other', ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image'])).toBe(true);
    expect(owns(out, 'other', ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"b"}', 'f:image'])).toBe(false);
  });

  it('rejects managedFields in the body and a version other than the endpoint one (400)', () => {
    const withManaged = { ...tutorialDeployment(), metadata: { ...tutorialDeployment().metadata, managedFields: [] } };
    expect(conflictOf(() => apply(undefined, withManaged)).toStatus()).toMatchObject({ code: 400, reason: 'BadRequest', message: 'metadata.managedFields must be nil' });
    expect(conflictOf(() => apply(undefined, { ...tutorialDeployment(), apiVersion: 'apps/v1beta2' })).message).toBe(
      'Incorrect version specified in apply patch. Specified patch version: apps/v1beta2, expected: apps/v1',
    );
  });

  it('rejects an associative list item without its key like structured-merge-diff (500)', () => {
    const err = conflictOf(() => apply(undefined, tutorialDeployment({ containers: [{ image: 'nginx' }] })));
    expect(err.code).toBe(500);
    expect(err.message).toBe(
      'failed to create typed patch object (apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
    // protocol has a default, so a port without it is fine
    expect(() => apply(undefined, tutorialDeployment({ containers: [{ name: 'a', ports: [{ containerPort: 1 }] }] }))).not.toThrow();
  });

  it('owns explicitly null fields but does not store them', () => {
    const manifest = tutorialDeployment({ replicas: 1 });
    (manifest.spec as { template: { metadata: Record<string, unknown> } }).template.metadata.creationTimestamp = null;
    const out = apply(undefined, manifest);
    expect((out.spec as { template: { metadata: object } }).template.metadata).toEqual({ labels: { app: 'myapp' } });
    expect(owns(out, 'kubectl', ['f:spec', 'f:template', 'f:metadata', 'f:creationTimestamp'])).toBe(true);
  });

  it('after kubectl migrated client-side ownership (labels owned as a whole), re-applying keeps the labels', () => {
    const base = stored(tutorialDeployment({ replicas: 3 }));
    const migrated: ManagedFieldsEntry[] = [{
      manager: 'kubectl', operation: 'Apply', apiVersion: v1, time: '2026-11-26T18:00:00Z', fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': { 'f:replicas': {}, 'f:revisionHistoryLimit': {}, 'f:template': { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } } },
      },
    }];
    const live = { ...base, spec: { ...(base.spec as object), revisionHistoryLimit: 10 }, metadata: { ...base.metadata, managedFields: migrated } };
    const out = apply(live, tutorialDeployment({ replicas: 3 }), { now: T1 });
    expect(out.metadata.labels).toEqual({ app: 'myapp' });
    expect((out.spec as { template: { metadata: unknown } }).template.metadata).toEqual({ labels: { app: 'myapp' } });
    expect(out.spec).not.toHaveProperty('revisionHistoryLimit');
  });

  it('treats finalizers as a set: union on apply, own members removed when no longer applied', () => {
    const cm = (finalizers: string[]): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'demo', finalizers }, data: { a: '1' } });
    const live = stored(applyServerSide(stored(applyServerSide(undefined, cm(['x/a']), { manager: 'ctl', force: false, apiVersion: 'v1', now: T0 })), cm(['x/b']), { manager: 'me', force: false, apiVersion: 'v1', now: T0 }));
    expect(live.metadata.finalizers).toEqual(['x/a', 'x/b']);
    expect(owns(live, 'me', ['f:metadata', 'f:finalizers', 'v:"x/b"'])).toBe(true);
    const out = applyServerSide(live, cm([]), { manager: 'me', force: false, apiVersion: 'v1', now: T1 });
    expect(out.metadata.finalizers).toEqual(['x/a']);
  });

  it('keys Service ports by port and protocol (protocol defaulted to TCP)', () => {
    const svc = (ports: unknown[]): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'demo' }, spec: { selector: { app: 'web' }, ports } });
    const out = applyServerSide(undefined, svc([{ port: 80, targetPort: 8000 }, { port: 53, protocol: 'UDP' }]), { manager: 'me', force: false, apiVersion: 'v1', now: T0 });
    expect(entry(out, 'me')?.fieldsV1).toEqual({
      'f:spec': {
        'f:ports': {
          'k:{"port":53,"protocol":"UDP"}': { '.': {}, 'f:port': {}, 'f:protocol': {} },
          'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {}, 'f:targetPort': {} },
        },
        'f:selector': {},
      },
    });
  });
});

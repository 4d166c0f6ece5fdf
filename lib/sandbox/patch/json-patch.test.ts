import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyJsonPatch } from './json-patch';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'myapp', annotations: { 'a/b': 'x', 'c~d': 'y' }, resourceVersion: '7', managedFields: [{ manager: 'kubectl-client-side-apply' }] },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] } } },
};

function catchError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('applyJsonPatch', () => {
  const cases: Array<{ name: string; ops: unknown[]; check: (out: typeof deployment) => void }> = [
    { name: 'replace a scalar', ops: [{ op: 'replace', path: '/spec/replicas', value: 5 }], check: (o) => expect(o.spec.replicas).toBe(5) },
    { name: 'add a new key', ops: [{ op: 'add', path: '/metadata/labels', value: { app: 'x' } }], check: (o) => expect(o.metadata).toHaveProperty('labels', { app: 'x' }) },
    { name: 'add appends with -', ops: [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'side' } }], check: (o) => expect(o.spec.template.spec.containers.map((c) => c.name)).toEqual(['app', 'side']) },
    { name: 'add inserts at index', ops: [{ op: 'add', path: '/spec/template/spec/containers/0', value: { name: 'first' } }], check: (o) => expect(o.spec.template.spec.containers.map((c) => c.name)).toEqual(['first', 'app']) },
    { name: 'remove by escaped key ~1', ops: [{ op: 'remove', path: '/metadata/annotations/a~1b' }], check: (o) => expect(o.metadata.annotations).toEqual({ 'c~d': 'y' }) },
    { name: 'remove by escaped key ~0', ops: [{ op: 'remove', path: '/metadata/annotations/c~0d' }], check: (o) => expect(o.metadata.annotations).toEqual({ 'a/b': 'x' }) },
    { name: 'move', ops: [{ op: 'move', from: '/spec/replicas', path: '/metadata/replicas' }], check: (o) => { expect(o.metadata).toHaveProperty('replicas', 3); expect(o.spec).not.toHaveProperty('replicas'); } },
    { name: 'copy', ops: [{ op: 'copy', from: '/spec/template/spec/containers/0', path: '/spec/template/spec/containers/1' }], check: (o) => expect(o.spec.template.spec.containers).toHaveLength(2) },
    { name: 'test then replace', ops: [{ op: 'test', path: '/spec/replicas', value: 3 }, { op: 'replace', path: '/spec/replicas', value: 1 }], check: (o) => expect(o.spec.replicas).toBe(1) },
    { name: 'test deep object', ops: [{ op: 'test', path: '/spec/template/spec/containers/0', value: { image: 'nginx:1.25', name: 'app' } }], check: (o) => expect(o.spec.replicas).toBe(3) },
    // kubectl rollout undo: replace of template and annotations (kubectl-wire.md §3.11)
    {
      name: 'rollout undo payload',
      ops: [
        { op: 'replace', path: '/spec/template', value: { metadata: { creationTimestamp: null, labels: { app: 'myapp' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.24' }] } } },
        { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '2' } },
      ],
      check: (o) => {
        expect(o.spec.template.spec.containers[0].image).toBe('nginx:1.24');
        expect(o.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
      },
    },
    // CSA→SSA migration: replace managedFields and the resourceVersion precondition
    {
      name: 'csaupgrade payload',
      ops: [
        { op: 'replace', path: '/metadata/managedFields', value: [] },
        { op: 'replace', path: '/metadata/resourceVersion', value: '7' },
      ],
      check: (o) => expect(o.metadata.resourceVersion).toBe('7'),
    },
  ];

  it.each(cases)('$name', ({ ops, check }) => {
    const before = structuredClone(deployment);
    const out = applyJsonPatch(deployment, ops);
    check(out);
    expect(deployment).toEqual(before);
  });

  const failures: Array<{ name: string; ops: unknown[] }> = [
    { name: 'failing test op', ops: [{ op: 'test', path: '/spec/replicas', value: 4 }, { op: 'replace', path: '/spec/replicas', value: 1 }] },
    { name: 'replace of a missing key', ops: [{ op: 'replace', path: '/spec/paused', value: true }] },
    { name: 'add under a missing parent', ops: [{ op: 'add', path: '/spec/strategy/type', value: 'Recreate' }] },
    { name: 'remove of a missing key', ops: [{ op: 'remove', path: '/metadata/labels' }] },
    { name: 'index out of range', ops: [{ op: 'replace', path: '/spec/template/spec/containers/3', value: {} }] },
    { name: 'non-numeric index', ops: [{ op: 'remove', path: '/spec/template/spec/containers/x' }] },
    { name: 'unknown op', ops: [{ op: 'frobnicate', path: '/spec' }] },
    { name: 'path without leading slash', ops: [{ op: 'add', path: 'spec/x', value: 1 }] },
  ];

  it.each(failures)('rejects $name with the generic 422 of kube-apiserver', ({ ops }) => {
    const err = catchError(() => applyJsonPatch(deployment, ops));
    expect(err.toStatus()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'the server rejected our request due to an error in our request', reason: 'Invalid', details: {}, code: 422,
    });
  });

  it('rejects a non-array body with 400 like jsonpatch.DecodePatch', () => {
    const err = catchError(() => applyJsonPatch(deployment, { op: 'add' }));
    expect(err.code).toBe(400);
    expect(err.message).toBe('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  });

  it('treats a failing op as atomic: nothing is applied', () => {
    const err = catchError(() => applyJsonPatch(deployment, [{ op: 'replace', path: '/spec/replicas', value: 9 }, { op: 'remove', path: '/nope' }]));
    expect(err.code).toBe(422);
    expect(deployment.spec.replicas).toBe(3);
  });
});

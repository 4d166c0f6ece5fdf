import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { FieldSet, fieldSetToFieldsV1, fieldsV1ToFieldSet, formatFieldPath } from './field-set';
import { fieldSetFromObject } from './managed-fields';

// fieldsV1 of `kubectl apply --server-side` for the tutorial deployment, as a real cluster records it.
const ssaFieldsV1 = {
  'f:metadata': { 'f:labels': { 'f:app': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"app"}': {
            '.': {},
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":8000,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    },
  },
};

const manifest: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { labels: { app: 'myapp' }, name: 'myapp', namespace: 'demo' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'myapp' } },
    template: { metadata: { labels: { app: 'myapp' } }, spec: { containers: [{ image: 'nginx:1.25', name: 'app', ports: [{ containerPort: 8000 }] }] } },
  },
};

describe('FieldSet and FieldsV1', () => {
  it('derives the applied field set of a manifest exactly as structured-merge-diff does', () => {
    expect(fieldSetToFieldsV1(fieldSetFromObject(manifest))).toEqual(ssaFieldsV1);
  });

  it('round-trips FieldsV1 through a set, keeping "." markers and key order', () => {
    const set = fieldsV1ToFieldSet(ssaFieldsV1);
    const back = fieldSetToFieldsV1(set);
    expect(JSON.stringify(back)).toBe(JSON.stringify(ssaFieldsV1));
    expect(set.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}'])).toBe(true);
    expect(set.has(['f:spec', 'f:template'])).toBe(false);
    expect(set.size()).toBe(9);
  });

  it('orders children f: < k: < v: < i: and writes "." first', () => {
    const set = FieldSet.of(['f:list', 'i:0'], ['f:list', 'v:"a"'], ['f:list', 'k:{"a":1}'], ['f:list', 'f:x'], ['f:list']);
    expect(Object.keys(fieldSetToFieldsV1(set)['f:list'] as object)).toEqual(['.', 'f:x', 'k:{"a":1}', 'v:"a"', 'i:0']);
  });

  const paths: Array<[string[], string]> = [
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"app"}', 'f:image'], '.spec.template.spec.containers[name="app"].image'],
    [['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'], '.spec.ports[port=80,protocol="TCP"]'],
    [['f:metadata', 'f:finalizers', 'v:"foo"'], '.metadata.finalizers[="foo"]'],
    [['f:spec', 'f:args', 'i:2'], '.spec.args[2]'],
    [['f:metadata', 'f:annotations', 'f:kubectl.kubernetes.io/last-applied-configuration'], '.metadata.annotations.kubectl.kubernetes.io/last-applied-configuration'],
  ];
  it.each(paths)('formats %j as %s', (path, text) => {
    expect(formatFieldPath(path)).toBe(text);
  });

  it('difference is exact, recursiveDifference removes subtrees', () => {
    const set = FieldSet.of(['f:spec', 'f:replicas'], ['f:status'], ['f:status', 'f:replicas']);
    expect(set.difference(FieldSet.of(['f:status'])).paths()).toEqual([['f:spec', 'f:replicas'], ['f:status', 'f:replicas']]);
    expect(set.recursiveDifference(FieldSet.of(['f:status'])).paths()).toEqual([['f:spec', 'f:replicas']]);
    expect(set.intersection(FieldSet.of(['f:status'], ['f:other'])).paths()).toEqual([['f:status']]);
    expect(new FieldSet().isEmpty()).toBe(true);
  });

  it('owns set-list members as v: and atomic lists and structs as leaves', () => {
    const pod: KObject = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: 'p', finalizers: ['a/b'] },
      spec: { nodeSelector: { disk: 'ssd' }, tolerations: [{ key: 'k' }], containers: [{ name: 'c', args: ['x'], resources: {} }] },
    };
    expect(fieldSetToFieldsV1(fieldSetFromObject(pod))).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"a/b"': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {}, 'f:resources': {} } },
        'f:nodeSelector': {},
        'f:tolerations': {},
      },
    });
  });
});

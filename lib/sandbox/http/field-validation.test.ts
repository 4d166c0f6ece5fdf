import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { resources } from '../kinds';
import type { KObject } from '../types';
import { checkFieldValidation } from './field-validation';

const def = (kind: string) => {
  const d = resources.find((r) => r.kind === kind);
  if (!d) throw new Error(`no ${kind}`);
  return d;
};

function deployment(extra: Record<string, unknown>): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx', ...extra }] } } },
  };
}

describe('fieldValidation', () => {
  it('rejects unknown nested fields under Strict with the apiserver message', () => {
    let err: unknown;
    try {
      checkFieldValidation(def('Deployment'), deployment({ imagee: 'x' }), 'Strict', 'create');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee"');
  });

  it('warns and drops under Warn, drops silently under Ignore, accepts known fields', () => {
    const obj = deployment({ imagee: 'x' });
    expect(checkFieldValidation(def('Deployment'), obj, 'Warn', 'update')).toEqual(['unknown field "spec.template.spec.containers[0].imagee"']);
    expect(JSON.stringify(obj)).not.toContain('imagee');
    const ignored = deployment({ imagee: 'x' });
    expect(checkFieldValidation(def('Deployment'), ignored, 'Ignore', 'update')).toEqual([]);
    expect(JSON.stringify(ignored)).not.toContain('imagee');
    expect(checkFieldValidation(def('Deployment'), deployment({ env: [{ name: 'A', value: '1' }], resources: { limits: { cpu: '1' } } }), 'Strict', 'create')).toEqual([]);
  });

  it('reports server-side apply unknown fields as "field not declared in schema"', () => {
    expect(() => checkFieldValidation(def('Ingress'), { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rulez: [] } }, 'Strict', 'apply')).toThrow(
      'failed to create typed patch object (networking.k8s.io/v1, Kind=Ingress): .spec.rulez: field not declared in schema',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { horizontalPodAutoscalers as hpas, formatHpaMetrics } from './hpa';
import { hpaV1ToV2, hpaV2ToV1 } from './hpa-convert';

function v1(spec: Record<string, unknown>, extra: Partial<KObject> = {}): KObject {
  return {
    apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10, ...spec },
    ...extra,
  };
}

describe('HPA v2 defaults', () => {
  it('defaults minReplicas and the cpu 80% metric, and leaves behavior absent', () => {
    const obj = hpaV1ToV2(v1({}));
    delete (obj.spec as Record<string, unknown>).metrics;
    hpas.applyDefaults(obj);
    expect(obj.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10, minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
  });

  it('fills the scaleUp/scaleDown rules when behavior is given', () => {
    const obj = hpaV1ToV2(v1({ targetCPUUtilizationPercentage: 50 }));
    (obj.spec as Record<string, unknown>).behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    hpas.applyDefaults(obj);
    expect((obj.spec as Record<string, unknown>).behavior).toEqual({
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });
});

describe('HPA validation', () => {
  const causes = (spec: Record<string, unknown>) => {
    const obj = hpaV1ToV2(v1(spec));
    hpas.applyDefaults(obj);
    return hpas.validate(obj).map((c) => `${c.field}: ${c.message}`);
  };

  it('checks replica bounds with upstream messages', () => {
    expect(causes({ minReplicas: 5, maxReplicas: 3 })).toEqual(['spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`']);
    expect(causes({ minReplicas: 0, maxReplicas: 0 })).toEqual([
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
    ]);
    expect(causes({ scaleTargetRef: { kind: 'Deployment' } })).toEqual(['spec.scaleTargetRef.name: Required value']);
    expect(causes({ targetCPUUtilizationPercentage: 0 })).toEqual(['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0']);
  });
});

describe('HPA v1 <-> v2 conversion', () => {
  it('maps targetCPUUtilizationPercentage to a cpu Utilization metric and back', () => {
    const stored = hpaV1ToV2(v1({ minReplicas: 2, targetCPUUtilizationPercentage: 50 }));
    expect(stored.apiVersion).toBe('autoscaling/v2');
    expect(stored.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    });
    const back = hpaV2ToV1(stored);
    expect(back.apiVersion).toBe('autoscaling/v1');
    expect(back.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 50 });
    expect(back.metadata.annotations).toBeUndefined();
  });

  it('carries other metrics, current metrics, conditions and behavior in the alpha annotations', () => {
    const v2: KObject = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default', annotations: { keep: 'me' } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5,
        metrics: [
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        ],
        behavior: { scaleDown: { stabilizationWindowSeconds: 30, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] } },
      },
      status: {
        currentReplicas: 2, desiredReplicas: 3,
        currentMetrics: [
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '50Mi' } } },
          { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 75 } } },
        ],
        conditions: [{ type: 'AbleToScale', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z', reason: 'ReadyForNewScale', message: 'ok' }],
      },
    };
    const asV1 = hpaV2ToV1(v2);
    expect(asV1.spec).toMatchObject({ targetCPUUtilizationPercentage: 60 });
    expect(asV1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 75 });
    const ann = asV1.metadata.annotations ?? {};
    expect(ann.keep).toBe('me');
    expect(ann['autoscaling.alpha.kubernetes.io/metrics']).toBe('[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
    expect(ann['autoscaling.alpha.kubernetes.io/current-metrics']).toBe(
      '[{"type":"Resource","resource":{"name":"memory","currentAverageValue":"50Mi"}},{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":75,"currentAverageValue":"120m"}}]',
    );
    expect(JSON.parse(ann['autoscaling.alpha.kubernetes.io/conditions'])).toEqual(v2.status && (v2.status as { conditions: unknown }).conditions);
    expect(JSON.parse(ann['autoscaling.alpha.kubernetes.io/behavior'])).toEqual((v2.spec as { behavior: unknown }).behavior);

    const roundTrip = hpaV1ToV2(asV1);
    expect(roundTrip.metadata.annotations).toEqual({ keep: 'me' });
    expect(roundTrip.spec).toEqual(v2.spec);
    expect(roundTrip.status).toEqual(v2.status);
  });

  it('defaults a v1 object without target to the 80% cpu metric', () => {
    expect((hpaV1ToV2(v1({})).spec as { metrics: unknown }).metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });
});

describe('HPA printing', () => {
  it('prints reference, targets, bounds and replicas', () => {
    const obj = hpaV1ToV2(v1({ targetCPUUtilizationPercentage: 50 }));
    hpas.applyDefaults(obj);
    obj.metadata.creationTimestamp = '2026-01-01T00:00:00Z';
    obj.status = { currentReplicas: 1, desiredReplicas: 1 };
    expect(hpas.tableRow(obj, new Date('2026-01-01T00:00:20Z'))).toEqual(['web', 'Deployment/web', 'cpu: <unknown>/50%', '1', 10, 1, '20s']);
    obj.status = { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } }] };
    expect(hpas.tableRow(obj, new Date('2026-01-01T00:00:20Z'))[2]).toBe('cpu: 12%/50%');
  });

  it('formats several metrics with the "+ N more..." suffix', () => {
    const m = (name: string) => ({ type: 'Resource', resource: { name, target: { type: 'AverageValue', averageValue: '1' } } });
    expect(formatHpaMetrics([m('a'), m('b'), m('c')], [])).toBe('a: <unknown>/1, b: <unknown>/1 + 1 more...');
    expect(formatHpaMetrics([], [])).toBe('<none>');
  });

  it('serves v1 through converters and keeps v2 as the storage version', () => {
    expect(hpas.version).toBe('v2');
    expect(Object.keys(hpas.versions ?? {})).toEqual(['v1']);
  });
});

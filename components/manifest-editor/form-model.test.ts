import { describe, expect, it } from 'vitest';
import { appFormInput, buildDesiredState, formFromState } from '@/lib/manifests';
import { emptyFormModel, modelFromForm, modelToInput, type FormModel } from './form-model';

const filled: FormModel = {
  ...emptyFormModel,
  image: 'nginx:1.25',
  replicas: '3',
  containerPort: '80',
  env: [{ name: 'MODE', value: 'prod' }],
  envFromMode: 'create',
  envFromData: [{ key: 'LOG_LEVEL', value: 'debug' }],
  cpuRequest: '100m',
  memoryLimit: '256Mi',
  readinessProbe: { type: 'http', path: '/healthz', port: '80', initialDelaySeconds: '2', periodSeconds: '' },
  maxSurge: '1',
  maxUnavailable: '0',
  sidecars: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.30', port: '9901' }],
  volumeEnabled: true,
  size: '2Gi',
  mountPath: '/var/data',
};

describe('form model', () => {
  it('leaves empty optional inputs out, so the server sees only what was filled in', () => {
    const input = modelToInput('web', { ...emptyFormModel, image: 'nginx:1.25' });
    expect(input).toMatchObject({ name: 'web', image: 'nginx:1.25', replicas: '1', env: [], sidecars: [] });
    for (const key of ['containerPort', 'envFrom', 'resources', 'livenessProbe', 'readinessProbe', 'rollingUpdate', 'volume'] as const) {
      expect(input[key]).toBeUndefined();
    }
    expect(appFormInput.safeParse(input).success).toBe(true);
  });

  it('survives form → state → form → model without losing a field', () => {
    const state = buildDesiredState({ name: 'web', namespace: 'team-a' }, modelToInput('web', filled));
    const recovered = formFromState(state);
    expect(recovered.form).not.toBeNull();
    const back = modelFromForm(recovered.form!);
    // The claim's default name comes back spelled out; everything else exactly as typed.
    expect(back).toEqual({ ...filled, claimName: 'web-data' });
    expect(buildDesiredState({ name: 'web', namespace: 'team-a' }, modelToInput('web', back))).toEqual(state);
  });

  it('reports bad input at the paths the editor shows errors for', () => {
    const result = appFormInput.safeParse(modelToInput('web', { ...filled, replicas: '-1', env: [{ name: '1BAD', value: '' }] }));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['replicas', 'env.0.name']));
  });
});

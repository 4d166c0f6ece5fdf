import { describe, expect, it } from 'vitest';
import { BerthError } from '@/lib/errors';
import { buildDesiredState, withHpa, withService } from '@/lib/manifests';
import { convertFormToYaml, convertYamlToForm } from './manifest-conversion';

const ref = { name: 'web', namespace: 'team-a' };

describe('form ⇄ YAML', () => {
  it('goes both ways without losing input', () => {
    const yaml = convertFormToYaml(ref, { name: 'web', image: 'nginx:1.25', replicas: 3, containerPort: 80, env: [{ name: 'MODE', value: 'prod' }] }, null);
    expect(yaml).toContain('image: nginx:1.25');
    const back = convertYamlToForm(ref, yaml);
    expect(back.reason).toBeNull();
    expect(back.extras).toEqual([]);
    expect(back.form).toMatchObject({ name: 'web', image: 'nginx:1.25', replicas: 3, containerPort: 80, env: [{ name: 'MODE', value: 'prod' }] });
  });

  it('names what YAML holds beyond the form, and keeps an existing app’s Service and autoscaler in the YAML', () => {
    const base = withHpa(withService(buildDesiredState(ref, { name: 'web', image: 'nginx:1.25', containerPort: 80 }), { type: 'NodePort', ports: [{ port: 80 }] }), { maxReplicas: 3 });
    const yaml = convertFormToYaml(ref, { name: 'web', image: 'nginx:1.26', containerPort: 80 }, base);
    expect(yaml).toContain('kind: Service');
    expect(yaml).toContain('kind: HorizontalPodAutoscaler');
    expect(yaml).toContain('image: nginx:1.26');
    expect(convertYamlToForm(ref, yaml).extras).toEqual(['Service', 'autoscaler']);
  });

  it('refuses YAML the server would refuse, with the field it concerns', () => {
    const yaml = convertFormToYaml(ref, { name: 'web', image: 'nginx:1.25' }, null).replace('replicas: 1', 'replicas: two');
    expect(() => convertYamlToForm(ref, yaml)).toThrow(BerthError);
    try {
      convertYamlToForm(ref, yaml);
    } catch (error) {
      expect((error as BerthError).code).toBe('INVALID_INPUT');
      expect(Object.keys((error as BerthError).fieldErrors ?? {})).toContain('yaml');
    }
  });
});

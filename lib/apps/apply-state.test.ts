// Unit tests for the pure parts of the change pipeline: which objects a new state drops, when a
// rollout starts, how revisions are labeled, how the form merges into an app, and the per-app lock.
import { describe, expect, it } from 'vitest';
import { buildDesiredState, withHpa, withService, type DesiredState } from '@/lib/manifests';
import { isTemplateChanged, labelRevision, removedRefs } from './apply-state';
import { mergeFormState } from './deploy';
import { withAppLock } from './store-revision';

const ref = { name: 'web', namespace: 'team-a' };
const base = (): DesiredState => buildDesiredState(ref, { name: 'web', image: 'nginx:1.25', replicas: 2, containerPort: 80 });

describe('the change pipeline, pure parts', () => {
  it('lists the objects a new state drops, for deletion', () => {
    const exposed = withService(base(), { ports: [{ port: 80 }] });
    const scaled = withHpa(exposed, { maxReplicas: 4 });
    expect(removedRefs(scaled, exposed)).toEqual([{ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace: 'team-a', name: 'web' }]);
    expect(removedRefs(exposed, scaled)).toEqual([]);
    expect(removedRefs(null, scaled)).toEqual([]);
  });

  it('starts a rollout only when the pod template changes', () => {
    const state = base();
    expect(isTemplateChanged(null, state)).toBe(true);
    expect(isTemplateChanged(state, withService(state, { ports: [{ port: 80 }] }))).toBe(false);
    const rescaled = structuredClone(state);
    rescaled.deployment.spec!.replicas = 5;
    expect(isTemplateChanged(state, rescaled)).toBe(false);
    const reimaged = structuredClone(state);
    reimaged.deployment.spec!.template.spec!.containers[0].image = 'nginx:1.26';
    expect(isTemplateChanged(state, reimaged)).toBe(true);
  });

  it('labels pods only at creation, and every object with the revision', () => {
    const created = labelRevision(base(), { appName: 'web', revision: 1, changeCause: 'first', labelPods: true });
    expect(created.deployment.spec?.template.metadata?.labels).toEqual({ 'app.kubernetes.io/managed-by': 'berth', 'app.kubernetes.io/name': 'web' });
    expect(created.deployment.metadata?.annotations).toEqual({ 'berth.dev/revision': '1', 'kubernetes.io/change-cause': 'first' });
    const adopted = structuredClone(base());
    adopted.deployment.spec!.selector = { matchLabels: { app: 'web' } };
    adopted.deployment.spec!.template.metadata = { labels: { app: 'web', tier: 'front' } };
    const labeled = labelRevision(adopted, { appName: 'web', revision: 7, labelPods: false });
    expect(labeled.deployment.spec?.template.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
    expect(labeled.deployment.metadata?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'berth' });
    expect(labeled.deployment.metadata?.annotations?.['berth.dev/revision']).toBe('7');
  });

  it('merges the form into an app: Service and HPA kept, the adopted selector kept, no replicas under an HPA', () => {
    const current = withHpa(withService(base(), { ports: [{ port: 80 }] }), { maxReplicas: 4 });
    current.deployment.spec!.selector = { matchLabels: { app: 'web' } };
    const built = buildDesiredState(ref, { name: 'web', image: 'nginx:1.27', replicas: 3 });
    const merged = mergeFormState(current, built);
    expect(merged.service).toEqual(current.service);
    expect(merged.hpa).toEqual(current.hpa);
    expect(merged.deployment.spec?.replicas).toBeUndefined();
    expect(merged.deployment.spec?.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(merged.deployment.spec?.template.metadata?.labels).toMatchObject({ app: 'web' });
    expect(merged.deployment.spec?.template.spec?.containers[0].image).toBe('nginx:1.27');
  });

  it('runs the changes of one app one at a time, in order, and those of other apps alongside', async () => {
    const log: string[] = [];
    const step = (app: string, label: string, ms: number) =>
      withAppLock(app, async (waited) => {
        log.push(`${label} start${waited ? ' (waited)' : ''}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        log.push(`${label} end`);
      });
    await Promise.all([step('a', 'a1', 30), step('a', 'a2', 1), step('b', 'b1', 5)]);
    expect(log.indexOf('a1 end')).toBeLessThan(log.indexOf('a2 start (waited)'));
    expect(log.indexOf('b1 end')).toBeLessThan(log.indexOf('a1 end'));
    await expect(withAppLock('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withAppLock('a', async (waited) => waited)).resolves.toBe(false);
  });
});

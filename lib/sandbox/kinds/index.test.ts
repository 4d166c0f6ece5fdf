import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { fieldSelectorError, findByKey, findByKind, findByPlural, resourceKey, resources, servedVersions, supportedFieldLabels } from './index';

describe('resource registry', () => {
  it('serves every resource the sandbox needs with unique keys', () => {
    expect(resources.map(resourceKey).sort()).toEqual([
      'apps/daemonsets', 'apps/deployments', 'apps/replicasets', 'autoscaling/horizontalpodautoscalers', 'core/configmaps', 'core/endpoints',
      'core/events', 'core/namespaces', 'core/nodes', 'core/persistentvolumeclaims', 'core/persistentvolumes', 'core/pods',
      'core/replicationcontrollers', 'core/secrets', 'core/services', 'discovery.k8s.io/endpointslices', 'networking.k8s.io/ingresses',
      'storage.k8s.io/storageclasses',
    ]);
  });

  it('carries the upstream discovery metadata', () => {
    const short = Object.fromEntries(resources.map((r) => [r.plural, (r.shortNames ?? []).join(',')]));
    expect(short).toMatchObject({
      namespaces: 'ns', nodes: 'no', pods: 'po', replicationcontrollers: 'rc', services: 'svc', endpoints: 'ep', configmaps: 'cm', events: 'ev',
      persistentvolumes: 'pv', persistentvolumeclaims: 'pvc', deployments: 'deploy', replicasets: 'rs', daemonsets: 'ds',
      horizontalpodautoscalers: 'hpa', ingresses: 'ing', storageclasses: 'sc', secrets: '', endpointslices: '',
    });
    expect(resources.filter((r) => r.categories?.includes('all')).map((r) => r.plural).sort()).toEqual([
      'daemonsets', 'deployments', 'horizontalpodautoscalers', 'pods', 'replicasets', 'replicationcontrollers', 'services',
    ]);
    expect(findByPlural('apps', 'deployments')?.subresources).toEqual(['scale', 'status']);
    expect(findByPlural('', 'replicationcontrollers')?.subresources).toEqual(['scale', 'status']);
    expect(findByPlural('core', 'namespaces')?.verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
    expect(findByPlural('', 'pods')?.verbs).toEqual(['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']);
    expect(findByPlural('', 'nodes')).toMatchObject({ namespaced: false, readOnly: true });
    expect(findByKind('autoscaling', 'HorizontalPodAutoscaler')).toMatchObject({ version: 'v2', singular: 'horizontalpodautoscaler', listKind: 'HorizontalPodAutoscalerList' });
    expect(servedVersions(findByKey('autoscaling/horizontalpodautoscalers')!)).toEqual(['v2', 'v1']);
    expect(findByPlural('', 'endpoints')?.singular).toBe('endpoints');
  });

  it('tracks generation exactly for the kinds whose strategies do', () => {
    expect(resources.filter((r) => r.bumpsGeneration).map((r) => r.plural).sort()).toEqual([
      'daemonsets', 'deployments', 'horizontalpodautoscalers', 'ingresses', 'replicasets', 'replicationcontrollers',
    ]);
  });

  it('exposes the supported field selector labels and their errors', () => {
    expect(supportedFieldLabels(findByPlural('', 'pods')!).sort()).toEqual([
      'metadata.name', 'metadata.namespace', 'spec.hostNetwork', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName',
      'spec.serviceAccountName', 'status.nominatedNodeName', 'status.phase', 'status.podIP', 'status.podIPs',
    ]);
    expect(supportedFieldLabels(findByPlural('apps', 'deployments')!)).toEqual(['metadata.name', 'metadata.namespace']);
    expect(supportedFieldLabels(findByPlural('', 'namespaces')!).sort()).toEqual(['metadata.name', 'name', 'status.phase']);
    expect(fieldSelectorError(findByPlural('', 'pods')!, 'foo')).toBe('field label not supported: foo');
    expect(fieldSelectorError(findByPlural('networking.k8s.io', 'ingresses')!, 'foo.bar')).toBe('"foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });

  it('prints one cell per column for every resource, with Name/Age style columns', () => {
    const now = new Date('2026-01-01T00:00:10Z');
    for (const def of resources) {
      const obj: KObject = { apiVersion: def.version, kind: def.kind, metadata: { name: 'x', namespace: def.namespaced ? 'default' : undefined, creationTimestamp: '2026-01-01T00:00:00Z' } };
      def.applyDefaults(obj);
      const row = def.tableRow(obj, now);
      expect(row.length, def.plural).toBe(def.tableColumns.length);
      const ageAt = def.tableColumns.findIndex((c) => c.name === 'Age');
      if (ageAt >= 0) expect(row[ageAt], def.plural).toBe('10s');
      for (const c of def.tableColumns) expect(c.priority === 0 || c.priority === 1).toBe(true);
    }
  });

  it('rejects bad object names for every resource', () => {
    for (const def of resources) {
      const obj: KObject = { apiVersion: def.version, kind: def.kind, metadata: { name: 'Bad_Name', namespace: def.namespaced ? 'default' : undefined } };
      def.applyDefaults(obj);
      const causes = def.validate(obj);
      expect(causes.some((c) => c.field === 'metadata.name' && c.reason === 'FieldValueInvalid'), def.plural).toBe(true);
    }
  });
});

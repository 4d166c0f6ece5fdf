// Namespaces and Nodes.
import type { KObject } from '../types';
import { defineResource } from './base';
import { ageColumn, column, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { ensureObject, setDefault } from './json';
import { nameIsDnsLabel } from './names';

export const namespaces = defineResource({
  group: '',
  version: 'v1',
  plural: 'namespaces',
  singular: 'namespace',
  kind: 'Namespace',
  namespaced: false,
  shortNames: ['ns'],
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: ['status'],
  nameValidator: nameIsDnsLabel,
  defaults(obj: KObject) {
    const spec = ensureObject(obj, 'spec');
    setDefault(spec, 'finalizers', ['kubernetes']);
    const status = ensureObject(obj, 'status');
    setDefault(status, 'phase', 'Active');
  },
  fieldLabels: (obj) => ({ 'status.phase': String((obj.status as { phase?: string } | undefined)?.phase ?? ''), name: obj.metadata.name ?? '' }),
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  row: (obj, now) => [(obj.status as { phase?: string } | undefined)?.phase ?? '', translateTimestampSince(obj.metadata.creationTimestamp, now)],
});

export const nodes = defineResource({
  group: '',
  version: 'v1',
  plural: 'nodes',
  singular: 'node',
  kind: 'Node',
  namespaced: false,
  shortNames: ['no'],
  subresources: ['status'],
  readOnly: true,
  fieldLabels: (obj) => ({ 'spec.unschedulable': String(Boolean((obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable)) }),
});

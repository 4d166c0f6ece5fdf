// Namespaces and Nodes.
import type { KObject } from '../types';
import { defineResource } from './base';
import { ageColumn, column, nameColumn, wide } from './columns';
import { translateTimestampSince } from './duration';
import { asObject, asObjects, ensureObject, setDefault } from './json';
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
  fieldLabels: (obj) => ({ 'status.phase': String(asObject(obj.status)?.phase ?? ''), name: obj.metadata.name ?? '' }),
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  row: (obj, now) => [String(asObject(obj.status)?.phase ?? ''), translateTimestampSince(obj.metadata.creationTimestamp, now)],
});

/** findNodeRoles: node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
function nodeRoles(obj: KObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) {
      roles.add(v);
    }
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeStatus(obj: KObject): string {
  const status: string[] = [];
  const ready = asObjects(asObject(obj.status)?.conditions).find((c) => c.type === 'Ready');
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (asObject(obj.spec)?.unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

function nodeAddress(obj: KObject, type: string): string {
  const found = asObjects(asObject(obj.status)?.addresses).find((a) => a.type === type);
  return typeof found?.address === 'string' ? found.address : '<none>';
}

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
  fieldLabels: (obj) => ({ 'spec.unschedulable': String(asObject(obj.spec)?.unschedulable === true) }),
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', 'Kubelet Version reported by the node.'),
    wide('Internal-IP', 'string', 'List of addresses reachable to the node.'),
    wide('External-IP', 'string', 'List of addresses reachable to the node.'),
    wide('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).'),
    wide('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
    wide('Container-Runtime', 'string', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).'),
  ],
  row(obj, now) {
    const info = asObject(asObject(obj.status)?.nodeInfo) ?? {};
    const orUnknown = (v: unknown) => (typeof v === 'string' && v ? v : '<unknown>');
    return [
      nodeStatus(obj), nodeRoles(obj), translateTimestampSince(obj.metadata.creationTimestamp, now), String(info.kubeletVersion ?? ''),
      nodeAddress(obj, 'InternalIP'), nodeAddress(obj, 'ExternalIP'), orUnknown(info.osImage), orUnknown(info.kernelVersion), orUnknown(info.containerRuntimeVersion),
    ];
  },
});

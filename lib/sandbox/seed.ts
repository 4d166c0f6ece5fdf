// What a fresh cluster holds: the four system namespaces, three read-only Nodes and the
// `kubernetes` Service in default.
import type { SandboxCore } from './api';
import type { KObject } from './types';

export const NODE_NAMES = ['sandbox-node-1', 'sandbox-node-2', 'sandbox-node-3'];

function node(name: string, i: number, now: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec: { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] },
    status: {
      capacity: { cpu: '4', 'ephemeral-storage': '102400Mi', memory: '16Gi', pods: '110' },
      allocatable: { cpu: '4', 'ephemeral-storage': '102400Mi', memory: '16Gi', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
        { type: 'DiskPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
        { type: 'PIDPressure', status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
        { type: 'Ready', status: 'True', lastHeartbeatTime: now, lastTransitionTime: now, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      addresses: [
        { type: 'InternalIP', address: `172.18.0.${i + 2}` },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        machineID: `sandbox${i}`, systemUUID: `sandbox-${i}`, bootID: `sandbox-boot-${i}`,
        kernelVersion: '6.1.0', osImage: 'Berth Sandbox', containerRuntimeVersion: 'containerd://1.7.0',
        kubeletVersion: 'v1.31.9', kubeProxyVersion: 'v1.31.9', operatingSystem: 'linux', architecture: 'amd64',
      },
    },
  };
}

export function seedCluster(api: SandboxCore): void {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const name of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.createWith('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { internal: true });
  }
  if (api.registry.byKey('core/nodes')) {
    NODE_NAMES.forEach((name, i) => {
      const n = node(name, i, now);
      const created = api.createWith('core/nodes', n, { internal: true });
      // Node status is what the (simulated) kubelet reports; creation wipes it like a real registry.
      api.updateWith('core/nodes', { ...created, status: n.status }, { internal: true, subresource: 'status' });
    });
  }
  if (api.registry.byKey('core/services')) {
    try {
      api.createWith('core/services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None' },
      }, { internal: true, fieldManager: 'kube-apiserver' });
    } catch (err) {
      console.error('[sandbox] could not create the kubernetes service:', err);
    }
  }
}

// The scheduling decision of the sandbox's default-scheduler: which nodes fit a pod (unschedulable
// nodes, nodeSelector, required node affinity), the FitError message when none does, and the choice of
// the least loaded node.
import type { KObject } from '../types';
import type { Pod } from './objects';

export interface SchedNode {
  name: string;
  index: number;
  hostIP: string;
  podCIDR?: string;
  labels: Record<string, string>;
  unschedulable: boolean;
}

interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export function toSchedNodes(nodes: KObject[]): SchedNode[] {
  const sorted = [...nodes].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  return sorted.map((n, i) => {
    const status = (n.status ?? {}) as { addresses?: Array<{ type: string; address: string }> };
    const ip = (status.addresses ?? []).find((a) => a.type === 'InternalIP')?.address;
    return {
      name: n.metadata.name ?? '',
      index: i,
      hostIP: ip ?? `172.18.0.${i + 2}`,
      podCIDR: (n.spec as { podCIDR?: string } | undefined)?.podCIDR,
      labels: n.metadata.labels ?? {},
      unschedulable: Boolean((n.spec as { unschedulable?: boolean } | undefined)?.unschedulable),
    };
  });
}

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function matchesTerm(term: NodeSelectorTerm, node: SchedNode): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((r) => matchRequirement(r, node.labels[r.key])) && fields.every((r) => matchRequirement(r, r.key === 'metadata.name' ? node.name : undefined));
}

/** nodeSelector and required node affinity (what a DaemonSet uses to pick its nodes). */
export function matchesAffinity(pod: Pod, node: SchedNode): boolean {
  const selector = (pod.spec.nodeSelector ?? {}) as Record<string, string>;
  if (!Object.entries(selector).every(([k, v]) => node.labels[k] === v)) return false;
  const terms = (pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) as NodeSelectorTerm[];
  return terms.length === 0 || terms.some((t) => matchesTerm(t, node));
}

/** The node.kubernetes.io/unschedulable:NoSchedule taint of a cordoned node; DaemonSet pods tolerate it. */
function toleratesUnschedulable(pod: Pod): boolean {
  const tolerations = (pod.spec.tolerations ?? []) as Array<{ key?: string; operator?: string; effect?: string }>;
  return tolerations.some((t) => (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoSchedule'));
}

/** The nodes a pod fits on, or upstream's FitError message ("0/3 nodes are available: …"). */
export function fitNodes(pod: Pod, nodes: SchedNode[]): { fit: SchedNode[]; message?: string } {
  const reasons = new Map<string, number>();
  const fit: SchedNode[] = [];
  for (const node of nodes) {
    let reason: string | undefined;
    if (node.unschedulable && !toleratesUnschedulable(pod)) reason = 'node(s) were unschedulable';
    else if (!matchesAffinity(pod, node)) reason = "node(s) didn't match Pod's node affinity/selector";
    if (reason) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    else fit.push(node);
  }
  if (fit.length > 0) return { fit };
  const n = nodes.length;
  const parts = [...reasons.entries()].map(([r, c]) => `${c} ${r}`).sort();
  const detail = parts.length ? ` ${parts.join(', ')}.` : '';
  return { fit, message: `0/${n} nodes are available:${detail} preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.` };
}

/** Least loaded node first, ties by name — a stand-in for the default scoring plugins' spreading. */
export function pickNode(fit: SchedNode[], load: Map<string, number>): SchedNode {
  return [...fit].sort((a, b) => (load.get(a.name) ?? 0) - (load.get(b.name) ?? 0) || a.index - b.index)[0];
}

// The ReplicaSet side of the Deployment controller (upstream sync.go): claiming ReplicaSets by
// selector, scaling them with the desired/max annotations and a ScalingReplicaSet event, and
// getAllReplicaSetsAndSyncRevision — finding or creating the new ReplicaSet and keeping revisions right.
import { ApiError } from '../errors';
import { matchesLabels, parseLabelSelector } from '../selectors';
import type { SandboxApi } from '../types';
import type { ObjectCache } from './cache';
import {
  byCreation,
  equalIgnoreHash,
  getCondition,
  hasProgressDeadline,
  maxRevision,
  maxSurge,
  newCondition,
  newRSNewReplicas,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION_ANNOTATION,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './deployment-util';
import { computeHash, POD_TEMPLATE_HASH_LABEL } from './hash';
import { asReplicaSet, controllerRef, isTerminating, type Deployment, type DeploymentStatus, type ReplicaSet } from './objects';

const REPLICASETS = 'apps/replicasets';
const COMPONENT = 'deployment-controller';
const MANAGER = { fieldManager: 'kube-controller-manager' };

export interface ReplicaSetOps {
  claimReplicaSets(d: Deployment, selectorText: string): ReplicaSet[];
  scaleReplicaSet(rs: ReplicaSet, to: number, d: Deployment): ReplicaSet;
  syncRevision(d: Deployment, rsList: ReplicaSet[], create: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] };
}

export function createReplicaSetOps(
  api: SandboxApi,
  cache: ObjectCache,
  writeStatus: (d: Deployment, status: DeploymentStatus) => Deployment,
  nowStamp: () => string,
): ReplicaSetOps {
/** getReplicaSetsForDeployment: owned RSes matching the selector, adopting orphans and releasing strays. */
const claimReplicaSets = (d: Deployment, selectorText: string): ReplicaSet[] => {
  const selector = parseLabelSelector(selectorText);
  const out: ReplicaSet[] = [];
  for (const o of cache.list(REPLICASETS, d.metadata.namespace ?? '')) {
    const rs = asReplicaSet(structuredClone(o));
    const ref = controllerRef(rs.metadata);
    const matches = matchesLabels(selector, rs.metadata.labels);
    if (ref && ref.uid === d.metadata.uid) {
      if (matches) out.push(rs);
      else {
        rs.metadata.ownerReferences = (rs.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
        api.update(REPLICASETS, rs, MANAGER);
      }
    } else if (!ref && matches && !isTerminating(d) && !isTerminating(rs)) {
      rs.metadata.ownerReferences = [
        ...(rs.metadata.ownerReferences ?? []),
        { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ];
      out.push(asReplicaSet(api.update(REPLICASETS, rs, MANAGER)));
    }
  }
  return out;
};

const scaleReplicaSet = (rs: ReplicaSet, to: number, d: Deployment): ReplicaSet => {
  const from = rs.spec.replicas ?? 0;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (from === to && !replicasAnnotationsNeedUpdate(rs, desired, max)) return rs;
  const copy = structuredClone(rs);
  copy.spec.replicas = to;
  setReplicasAnnotations(copy, desired, max);
  const updated = asReplicaSet(api.update(REPLICASETS, copy, MANAGER));
  if (from !== to) {
    api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled ${from < to ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, COMPONENT);
  }
  return updated;
};

/** getAllReplicaSetsAndSyncRevision. Returns undefined for newRS when none exists and none was created. */
const syncRevision = (d: Deployment, rsList: ReplicaSet[], create: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } => {
  const sorted = [...rsList].sort(byCreation);
  const existing = sorted.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const oldRSs = sorted.filter((rs) => rs !== existing);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) {
    const copy = structuredClone(existing);
    const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    const minReadyChanged = (copy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsChanged || minReadyChanged) {
      copy.spec.minReadySeconds = d.spec.minReadySeconds;
      return { newRS: asReplicaSet(api.update(REPLICASETS, copy, MANAGER)), oldRSs };
    }
    const status = structuredClone(d.status ?? {});
    let needsUpdate = setDeploymentRevision(d, copy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      setCondition(status, newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${copy.metadata.name}"`, nowStamp()));
      needsUpdate = true;
    }
    if (needsUpdate) writeStatus(d, status);
    return { newRS: copy, oldRSs };
  }
  if (!create) return { oldRSs };

  const hash = computeHash(d.spec.template, d.status?.collisionCount);
  const template = structuredClone(d.spec.template);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata.name}-${hash}`;
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: d.metadata.namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
  };
  const count = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec.replicas = count;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);
  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = asReplicaSet(api.create(REPLICASETS, rs, MANAGER));
  } catch (err) {
    if (err instanceof ApiError && err.reason === 'AlreadyExists') {
      const found = api.get(REPLICASETS, d.metadata.namespace, name);
      const current = found ? asReplicaSet(found) : undefined;
      if (current && controllerRef(current.metadata)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, current.spec.template)) {
        created = current;
        alreadyExisted = true;
      } else {
        const status = structuredClone(d.status ?? {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        writeStatus(d, status);
        throw err;
      }
    } else {
      const msg = `Failed to create new replica set "${name}": ${err instanceof Error ? err.message : String(err)}`;
      if (hasProgressDeadline(d)) {
        const status = structuredClone(d.status ?? {});
        setCondition(status, newCondition('Progressing', 'False', 'ReplicaSetCreateError', msg, nowStamp()));
        writeStatus(d, status);
      }
      api.recordEvent(d, 'Warning', 'ReplicaSetCreateError', msg, COMPONENT);
      throw err;
    }
  }
  if (!alreadyExisted && count > 0) {
    api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`, COMPONENT);
  }
  const status = structuredClone(d.status ?? {});
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExisted && hasProgressDeadline(d)) {
    setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, nowStamp()));
    needsUpdate = true;
  }
  if (needsUpdate) writeStatus(d, status);
  return { newRS: created, oldRSs };
};

const setDeploymentRevision = (d: Deployment, revision: string): boolean => {
  const annotations = (d.metadata.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
};

  return { claimReplicaSets, scaleReplicaSet, syncRevision };
}

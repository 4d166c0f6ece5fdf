// The PersistentVolume binder's matching rules, kept pure (pv_controller.go findBestMatchForClaim and
// pkg/volume/util FindMatchingVolume): a claim binds to the smallest Available volume whose class equals
// the claim's, whose access modes include all requested ones, whose volumeMode matches, whose labels
// satisfy the claim's selector and whose capacity covers the request. A volume pre-bound to the claim wins.
import type { KObject } from '../types';

export interface LabelSelectorSpec {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Bytes of a storage quantity ("10Gi", "500M", "1e9", 1024); undefined when unparsable. */
export function parseStorageBytes(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?[0-9.]+)(?:([eE][+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1] + (m[2] ?? ''));
  if (!Number.isFinite(n)) return undefined;
  const suffix = m[3] ?? '';
  return n * (BIN[suffix] ?? DEC[suffix] ?? 1);
}

interface PvSpec {
  storageClassName?: string;
  accessModes?: string[];
  capacity?: { storage?: string };
  volumeMode?: string;
  claimRef?: { namespace?: string; name?: string; uid?: string };
}

interface PvcSpec {
  storageClassName?: string;
  accessModes?: string[];
  volumeMode?: string;
  selector?: LabelSelectorSpec;
  resources?: { requests?: { storage?: string } };
  volumeName?: string;
}

export const pvSpec = (pv: KObject) => (pv.spec ?? {}) as PvSpec;
export const pvcSpec = (pvc: KObject) => (pvc.spec ?? {}) as PvcSpec;

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** storagehelpers.GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation wins. */
export function volumeClass(pv: KObject): string {
  return pv.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? pvSpec(pv).storageClassName ?? '';
}

export function claimClass(pvc: KObject): string {
  return pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION] ?? pvcSpec(pvc).storageClassName ?? '';
}

export function requestedBytes(pvc: KObject): number {
  return parseStorageBytes(pvcSpec(pvc).resources?.requests?.storage) ?? 0;
}

export function capacityBytes(pv: KObject): number {
  return parseStorageBytes(pvSpec(pv).capacity?.storage) ?? 0;
}

/** Every requested access mode is offered by the volume (CheckAccessModes). */
export function hasAccessModes(pv: KObject, pvc: KObject): boolean {
  const offered = new Set(pvSpec(pv).accessModes ?? []);
  return (pvcSpec(pvc).accessModes ?? []).every((m) => offered.has(m));
}

export function matchesLabelSelector(sel: LabelSelectorSpec | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return true;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const vals = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** The volume is reserved for this claim by name, and by uid once the uid is filled in. */
export function isVolumeBoundToClaim(pv: KObject, pvc: KObject): boolean {
  const ref = pvSpec(pv).claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || ref.namespace !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

function volumeModeOf(spec: { volumeMode?: string }): string {
  return spec.volumeMode ?? 'Filesystem';
}

export function findBestMatchForClaim(pvc: KObject, volumes: KObject[]): KObject | undefined {
  const request = requestedBytes(pvc);
  const cls = claimClass(pvc);
  const selector = pvcSpec(pvc).selector;
  let best: KObject | undefined;
  for (const pv of volumes) {
    if (pv.metadata.deletionTimestamp) continue;
    if (volumeModeOf(pvSpec(pv)) !== volumeModeOf(pvcSpec(pvc))) continue;
    const size = capacityBytes(pv);
    if (isVolumeBoundToClaim(pv, pvc)) {
      if (size < request) continue;
      return pv;
    }
    if (pvSpec(pv).claimRef) continue;
    const phase = (pv.status as { phase?: string } | undefined)?.phase;
    if (phase !== 'Available') continue;
    if (!matchesLabelSelector(selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== cls) continue;
    if (!hasAccessModes(pv, pvc)) continue;
    if (size < request) continue;
    if (!best || size < capacityBytes(best)) best = pv;
  }
  return best;
}

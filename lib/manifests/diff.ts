// What changed between two states: a unified diff of each object's YAML and a field-level summary.
import { compareFields, type FieldChange } from './field-changes';
import { buildHunks, diffLines, formatHunk, splitLines, type Hunk } from './line-diff';
import { normalizeState, type Json } from './normalize';
import { objectToYaml } from './render-yaml';
import { annotationRevision, managedKinds, type DesiredState, type ManagedObject } from './types';

export type ObjectChange = 'added' | 'removed' | 'changed';

export interface ObjectDiff {
  kind: string;
  name: string;
  change: ObjectChange;
  hunks: Hunk[];
  /** `--- a/Kind/name`, `+++ b/Kind/name` and the hunks, as `diff -u` prints them. */
  unified: string;
  /** One entry per changed field; an added or removed object is a single entry with an empty path. */
  fields: FieldChange[];
}

export interface StateDiff {
  /** Only objects that differ, in apply order. */
  objects: ObjectDiff[];
  /** Every object's unified diff, concatenated. Empty when the states mean the same. */
  unified: string;
  /** One line per change, `Kind/name path: before → after`. */
  summary: string[];
}

export interface DiffOptions {
  /** Lines of context around each change (default 3). */
  context?: number;
  /**
   * Show `berth.dev/revision` changes (default false): every revision bumps it on every object, so it
   * would make untouched objects look changed.
   */
  includeRevisionAnnotation?: boolean;
}

function withoutRevision(object: ManagedObject): ManagedObject {
  const annotations = object.metadata?.annotations;
  if (!annotations || !(annotationRevision in annotations)) return object;
  const rest = { ...annotations };
  delete rest[annotationRevision];
  return { ...object, metadata: { ...object.metadata, annotations: rest } } as ManagedObject;
}

/** Compares two states object by object (either may be empty: `{}` as "nothing deployed yet"). */
export function diffStates(a: Partial<DesiredState>, b: Partial<DesiredState>, options: DiffOptions = {}): StateDiff {
  const context = options.context ?? 3;
  const prepare = (state: Partial<DesiredState>) => {
    const normalized = normalizeState(state as DesiredState);
    if (options.includeRevisionAnnotation) return normalized;
    const out: Partial<Record<keyof DesiredState, ManagedObject>> = {};
    for (const { key } of managedKinds) if (normalized[key]) out[key] = withoutRevision(normalized[key]);
    return normalizeState(out as DesiredState);
  };
  const before = prepare(a);
  const after = prepare(b);

  const objects: ObjectDiff[] = [];
  for (const { key, kind } of managedKinds) {
    const old = before[key];
    const next = after[key];
    if (!old && !next) continue;
    const oldYaml = old ? objectToYaml(old) : '';
    const newYaml = next ? objectToYaml(next) : '';
    if (oldYaml === newYaml) continue;
    const oldName = old?.metadata?.name ?? '';
    const name = next?.metadata?.name ?? oldName;
    const change: ObjectChange = !old ? 'added' : !next ? 'removed' : 'changed';
    const hunks = buildHunks(diffLines(splitLines(oldYaml), splitLines(newYaml)), context);
    const header = [old ? `--- a/${kind}/${oldName}` : '--- /dev/null', next ? `+++ b/${kind}/${name}` : '+++ /dev/null'];
    const fields: FieldChange[] =
      change === 'changed'
        ? compareFields(old as unknown as Json, next as unknown as Json)
        : [{ path: '', ...(old ? { before: old as unknown as Json } : { after: next as unknown as Json }), text: `${kind} "${name}" ${change}` }];
    objects.push({ kind, name, change, hunks, unified: [...header, ...hunks.map(formatHunk)].join('\n') + '\n', fields });
  }
  return {
    objects,
    unified: objects.map((o) => o.unified).join(''),
    summary: objects.flatMap((o) => o.fields.map((f) => (f.path === '' ? f.text : `${o.kind}/${o.name} ${f.text}`))),
  };
}

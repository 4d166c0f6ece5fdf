// Server-side printing: meta.k8s.io Table replies for `kubectl get` (Accept ...;as=Table;g=meta.k8s.io).
import type { ResourceDef } from '../kinds/types';
import type { KObject } from '../types';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function parseIncludeObject(v: string | null): IncludeObject {
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function rowObject(obj: KObject, include: IncludeObject, tableVersion: string): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return obj;
  const { managedFields: _mf, ...meta } = obj.metadata;
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${tableVersion}`, metadata: meta };
}

export function renderTable(
  def: ResourceDef,
  objects: KObject[],
  opts: { resourceVersion: string; continueToken?: string; remainingItemCount?: number; include: IncludeObject; tableVersion: string; now: Date },
): string {
  const metadata: Record<string, unknown> = { resourceVersion: opts.resourceVersion };
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = { cells: def.tableRow(o, opts.now) };
    const ro = rowObject(o, opts.include, opts.tableVersion);
    if (ro !== undefined) row.object = ro;
    return row;
  });
  return JSON.stringify({
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.tableVersion}`,
    metadata,
    columnDefinitions: def.tableColumns.map((c) => ({ name: c.name, type: c.type, format: c.format ?? '', description: c.description, priority: c.priority })),
    rows,
  });
}

// YAML mode: a multi-document YAML becomes a DesiredState, or a ManifestError whose issues point at the
// line and column of each problem.
import { isMap, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { checkObjectContent } from './check-objects';
import { normalizeState } from './normalize';
import { ManifestError, managedKinds, type AppRef, type DesiredState, type ManagedKind, type ManifestIssue } from './types';

interface Located {
  doc: Document.Parsed;
  /** Where the object sits in its document: [] for a document, ['items', i] inside a List. */
  base: (string | number)[];
  where: string;
  object: Record<string, unknown>;
  managed: ManagedKind;
}

/** A revision is a handful of objects; anything near this size is a mistake (or an attack on the parser). */
export const maxYamlLength = 512 * 1024;

const allowedKinds = ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'Ingress', 'ConfigMap', 'PersistentVolumeClaim'];

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Parses the YAML of an app (any number of `---` separated documents, at most one object per kind) and
 * returns its normalized desired state. Namespaces left out are filled with the app's; server-populated
 * fields (status, uid, managedFields …) are dropped, so `kubectl get -o yaml` output can be pasted.
 * Throws a ManifestError listing every problem.
 */
export function parseManifests(text: string, ref: AppRef): DesiredState {
  if (text.length > maxYamlLength) {
    throw new ManifestError([{ path: 'yaml', message: `The YAML is too large (${text.length} characters; at most ${maxYamlLength})` }]);
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const issues: ManifestIssue[] = [];
  const position = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issueAt = (doc: Document.Parsed, path: (string | number)[], message: string): ManifestIssue => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const range = node?.range ?? doc.contents?.range;
    return { path: 'yaml', message, ...position(range?.[0]) };
  };

  const docList = Array.isArray(docs) ? docs : [];
  const located: Located[] = [];

  const locate = (doc: Document.Parsed, base: (string | number)[], where: string, object: Record<string, unknown>) => {
    const at = (path: (string | number)[], message: string) => issues.push(issueAt(doc, [...base, ...path], message));
    const kind = object.kind;
    const metadata = asRecord(object.metadata);
    const name = metadata?.name;
    if (typeof kind !== 'string' || kind === '') {
      at([], `${where[0].toUpperCase()}${where.slice(1)}: kind is required`);
      return;
    }
    const what = typeof name === 'string' && name !== '' ? `${kind} "${name}"` : `${kind} (${where})`;
    if (typeof object.apiVersion !== 'string' || object.apiVersion === '') at([], `${what}: apiVersion is required`);
    if (typeof name !== 'string' || name === '') at(['metadata'], `${what}: metadata.name is required`);
    const managed = managedKinds.find((m) => m.kind === kind);
    if (!managed) {
      at(['kind'], `Kind "${kind}" is not managed by Berth; allowed: ${allowedKinds.join(', ')}`);
      return;
    }
    if (typeof object.apiVersion === 'string' && object.apiVersion !== '' && object.apiVersion !== managed.apiVersion) {
      at(['apiVersion'], `${what} has apiVersion "${object.apiVersion}"; Berth manages ${kind} as ${managed.apiVersion}`);
    }
    const namespace = metadata?.namespace;
    if (namespace !== undefined && namespace !== null && namespace !== '' && namespace !== ref.namespace) {
      at(['metadata', 'namespace'], `${what} is in namespace "${String(namespace)}", the app lives in "${ref.namespace}"`);
    }
    if (managed.key === 'deployment' && typeof name === 'string' && name !== '' && name !== ref.name) {
      at(['metadata', 'name'], `Deployment "${name}" does not match the app name "${ref.name}"`);
    }
    const earlier = located.find((l) => l.managed.key === managed.key);
    if (earlier) {
      const earlierName = String(asRecord(earlier.object.metadata)?.name ?? '');
      at([], `Only one ${kind} per app: found "${earlierName}" (${earlier.where}) and "${String(name ?? '')}" (${where})`);
      return;
    }
    located.push({ doc, base, where, object, managed });
  };

  docList.forEach((doc, i) => {
    const index = i + 1;
    // Later syntax errors in a document are mostly echoes of its first one.
    for (const error of doc.errors.slice(0, 1)) {
      const pos = lineCounter.linePos(error.pos[0]);
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      issues.push({ path: 'yaml', message: `YAML syntax error at line ${pos.line}, column ${pos.col}: ${message}`, line: pos.line, column: pos.col });
    }
    if (doc.errors.length > 0 || doc.contents === null) return;
    if (!isMap(doc.contents)) {
      issues.push(issueAt(doc, [], `Document ${index} is not a Kubernetes object (expected a mapping with apiVersion, kind and metadata)`));
      return;
    }
    let object: Record<string, unknown>;
    try {
      object = asRecord(doc.toJS({ maxAliasCount: 100 })) ?? {};
    } catch {
      // yaml refuses alias expansions past maxAliasCount (the "billion laughs" attack).
      issues.push(issueAt(doc, [], `Document ${index} expands too many YAML aliases`));
      return;
    }
    // `kubectl get … -o yaml` prints several objects as one v1 List.
    if (object.kind === 'List' && Array.isArray(object.items)) {
      object.items.forEach((item, j) => {
        const where = `document ${index}, item ${j + 1}`;
        const record = asRecord(item);
        if (record) locate(doc, ['items', j], where, record);
        else issues.push(issueAt(doc, ['items', j], `Item ${j + 1} of document ${index} is not a Kubernetes object`));
      });
      return;
    }
    locate(doc, [], `document ${index}`, object);
  });

  if (issues.length === 0 && !located.some((l) => l.managed.key === 'deployment')) {
    issues.push({ path: 'yaml', message: `A Deployment named "${ref.name}" is required`, ...(docList.length === 0 ? { line: 1, column: 1 } : {}) });
  }
  const deploymentAt = located.find((l) => l.managed.key === 'deployment');
  const hpaAt = located.find((l) => l.managed.key === 'hpa');
  if (issues.length === 0 && deploymentAt && hpaAt && asRecord(deploymentAt.object.spec)?.replicas !== undefined) {
    // Applying a replica count would fight the autoscaler on every deploy (and conflict with its writes).
    const hpaName = String(asRecord(hpaAt.object.metadata)?.name ?? '');
    issues.push(issueAt(deploymentAt.doc, [...deploymentAt.base, 'spec', 'replicas'], `Deployment "${ref.name}" sets spec.replicas, but the HorizontalPodAutoscaler "${hpaName}" owns the replica count; remove spec.replicas`));
  }
  if (issues.length === 0) {
    for (const l of located) {
      for (const problem of checkObjectContent(l.managed.key, l.object, ref)) {
        issues.push(issueAt(l.doc, [...l.base, ...problem.path], problem.message));
      }
    }
  }
  if (issues.length > 0) throw new ManifestError(issues);

  const state = {} as Record<string, unknown>;
  for (const l of located) {
    const metadata = { ...(asRecord(l.object.metadata) ?? {}), namespace: ref.namespace };
    state[l.managed.key] = { ...l.object, metadata };
  }
  return normalizeState(state as unknown as DesiredState);
}

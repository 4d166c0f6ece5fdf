// The sandbox's storage: objects in Maps per resource and namespace, one global resourceVersion
// counter (like etcd's revision), an owner-uid index for garbage collection and a ring buffer of
// committed events for watch replay. Stored objects are never mutated in place: every write stores a
// new object, so the event log and in-flight responses can share references safely.
import type { KObject, ResourceKey, StoreEvent } from './types';

export interface StoredObject {
  obj: KObject;
  /** JSON.stringify(obj), computed once on first need. */
  json?: string;
  /** UTF-8 bytes of `json`, for list responses (encoding 10k objects per LIST is the main cost). */
  bytes?: Buffer;
}

export interface LogEntry {
  rv: number;
  event: StoreEvent;
  /** Watch line per served apiVersion, serialized once and shared by every watcher. */
  lines?: Map<string, string>;
}

export function jsonOf(s: StoredObject): string {
  if (s.json !== undefined) return s.json;
  if (s.bytes !== undefined) return s.bytes.toString('utf8');
  s.json = JSON.stringify(s.obj);
  return s.json;
}

/** UTF-8 JSON of an object; once computed it replaces the string cache (one copy per object, not two). */
export function bytesOf(s: StoredObject): Buffer {
  if (s.bytes === undefined) {
    s.bytes = Buffer.from(jsonOf(s), 'utf8');
    s.json = undefined;
  }
  return s.bytes;
}

function objectId(resource: ResourceKey, ns: string, name: string): string {
  return `${resource}\u0000${ns}\u0000${name}`;
}

export class ObjectStore {
  private readonly data = new Map<ResourceKey, Map<string, Map<string, StoredObject>>>();
  private readonly owners = new Map<string, Set<string>>();
  /** resource → "key=value" → namespace\0name, to answer equality label selectors without a scan. */
  private readonly labels = new Map<ResourceKey, Map<string, Set<string>>>();
  /** Sorted names per namespace map, rebuilt only after an insert or removal. */
  private readonly sortedNames = new WeakMap<Map<string, StoredObject>, string[]>();
  private readonly ring: Array<LogEntry | undefined>;
  private ringStart = 0;
  private ringSize = 0;
  private rv = 0;

  constructor(readonly logCapacity = 20000) {
    this.ring = new Array<LogEntry | undefined>(logCapacity);
  }

  currentRv(): number {
    return this.rv;
  }

  /** Only for loading persisted state. */
  restoreRv(rv: number): void {
    this.rv = rv;
  }

  nextRv(): number {
    this.rv += 1;
    return this.rv;
  }

  get(resource: ResourceKey, ns: string, name: string): StoredObject | undefined {
    return this.data.get(resource)?.get(ns)?.get(name);
  }

  /** Every stored object of a resource, optionally within one namespace, ordered by namespace then name. */
  scan(resource: ResourceKey, ns?: string): StoredObject[] {
    const byNs = this.data.get(resource);
    if (!byNs) return [];
    const out: StoredObject[] = [];
    const spaces = ns !== undefined ? [ns] : [...byNs.keys()].sort();
    for (const space of spaces) {
      const m = byNs.get(space);
      if (!m) continue;
      let names = this.sortedNames.get(m);
      if (!names) {
        names = [...m.keys()].sort();
        this.sortedNames.set(m, names);
      }
      for (const n of names) out.push(m.get(n) as StoredObject);
    }
    return out;
  }

  count(resource: ResourceKey, ns?: string): number {
    const byNs = this.data.get(resource);
    if (!byNs) return 0;
    if (ns !== undefined) return byNs.get(ns)?.size ?? 0;
    let n = 0;
    for (const m of byNs.values()) n += m.size;
    return n;
  }

  resources(): ResourceKey[] {
    return [...this.data.keys()];
  }

  put(resource: ResourceKey, obj: KObject): StoredObject {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name as string;
    let byNs = this.data.get(resource);
    if (!byNs) this.data.set(resource, (byNs = new Map()));
    let m = byNs.get(ns);
    if (!m) byNs.set(ns, (m = new Map()));
    const old = m.get(name);
    if (old) this.unindex(resource, old.obj);
    else this.sortedNames.delete(m);
    const stored: StoredObject = { obj };
    m.set(name, stored);
    this.index(resource, obj);
    return stored;
  }

  remove(resource: ResourceKey, ns: string, name: string): StoredObject | undefined {
    const m = this.data.get(resource)?.get(ns);
    const old = m?.get(name);
    if (!m || !old) return undefined;
    m.delete(name);
    this.sortedNames.delete(m);
    this.unindex(resource, old.obj);
    return old;
  }

  /** Objects whose ownerReferences name `uid`, as [resource, namespace, name]. */
  dependentsOf(uid: string): Array<[ResourceKey, string, string]> {
    const ids = this.owners.get(uid);
    if (!ids) return [];
    return [...ids].map((id) => id.split('\u0000') as [ResourceKey, string, string]);
  }

  append(entry: LogEntry): void {
    const cap = this.logCapacity;
    if (this.ringSize < cap) {
      this.ring[(this.ringStart + this.ringSize) % cap] = entry;
      this.ringSize++;
    } else {
      this.ring[this.ringStart] = entry;
      this.ringStart = (this.ringStart + 1) % cap;
    }
  }

  /** Oldest resourceVersion a watch can resume from (events strictly after it are all retained). */
  oldestResumableRv(): number {
    if (this.ringSize === 0) return this.rv;
    return (this.ring[this.ringStart] as LogEntry).rv - 1;
  }

  /** Log entries with rv > `after`, or undefined when some of them have already left the buffer. */
  since(after: number): LogEntry[] | undefined {
    if (after < this.oldestResumableRv()) return undefined;
    const out: LogEntry[] = [];
    const cap = this.logCapacity;
    // Entries are in rv order; walk back from the newest until we pass `after`.
    let i = this.ringSize - 1;
    while (i >= 0 && (this.ring[(this.ringStart + i) % cap] as LogEntry).rv > after) i--;
    for (let j = i + 1; j < this.ringSize; j++) out.push(this.ring[(this.ringStart + j) % cap] as LogEntry);
    return out;
  }

  /** Objects carrying label key=value, ordered by namespace then name; undefined = none. */
  withLabel(resource: ResourceKey, key: string, value: string): StoredObject[] {
    const ids = this.labels.get(resource)?.get(`${key}=${value}`);
    if (!ids) return [];
    const out: StoredObject[] = [];
    for (const id of [...ids].sort()) {
      const [ns, name] = id.split('\u0000');
      const s = this.get(resource, ns, name);
      if (s) out.push(s);
    }
    return out;
  }

  labelCount(resource: ResourceKey, key: string, value: string): number {
    return this.labels.get(resource)?.get(`${key}=${value}`)?.size ?? 0;
  }

  private indexLabels(resource: ResourceKey, obj: KObject, add: boolean): void {
    const l = obj.metadata.labels;
    if (!l) return;
    const id = `${obj.metadata.namespace ?? ''}\u0000${obj.metadata.name}`;
    let byLabel = this.labels.get(resource);
    if (!byLabel) this.labels.set(resource, (byLabel = new Map()));
    for (const [k, v] of Object.entries(l)) {
      const key = `${k}=${v}`;
      let set = byLabel.get(key);
      if (add) {
        if (!set) byLabel.set(key, (set = new Set()));
        set.add(id);
      } else if (set) {
        set.delete(id);
        if (!set.size) byLabel.delete(key);
      }
    }
  }

  private index(resource: ResourceKey, obj: KObject): void {
    this.indexLabels(resource, obj, true);
    const refs = obj.metadata.ownerReferences;
    if (!refs?.length) return;
    const id = objectId(resource, obj.metadata.namespace ?? '', obj.metadata.name as string);
    for (const r of refs) {
      let s = this.owners.get(r.uid);
      if (!s) this.owners.set(r.uid, (s = new Set()));
      s.add(id);
    }
  }

  private unindex(resource: ResourceKey, obj: KObject): void {
    this.indexLabels(resource, obj, false);
    const refs = obj.metadata.ownerReferences;
    if (!refs?.length) return;
    const id = objectId(resource, obj.metadata.namespace ?? '', obj.metadata.name as string);
    for (const r of refs) {
      const s = this.owners.get(r.uid);
      if (!s) continue;
      s.delete(id);
      if (s.size === 0) this.owners.delete(r.uid);
    }
  }
}

// core/v1 Events as the client-go event recorder writes them: one Event per distinct
// (object, type, reason, message, component), repeats aggregated into count/lastTimestamp.
import type { SandboxCore } from './api';
import { toRfc3339 } from './api';
import type { KObject } from './types';

const seen = new WeakMap<SandboxCore, Map<string, string>>();

/** kube-apiserver's default --event-ttl. */
export const EVENT_TTL_SECONDS = 3600;

/** Deletes events whose last occurrence is older than the TTL (cluster time), as etcd leases expire them. */
export function expireEvents(api: SandboxCore): number {
  let removed = 0;
  for (const s of api.store.scan('core/events')) {
    const last = (s.obj.lastTimestamp as string | undefined) ?? (s.obj.eventTime as string | undefined) ?? s.obj.metadata.creationTimestamp;
    if (!last || api.clock.secondsSince(last) < EVENT_TTL_SECONDS) continue;
    try {
      api.deleteWith('core/events', s.obj.metadata.namespace, s.obj.metadata.name as string, { internal: true });
      removed++;
    } catch {
      // Already gone (its namespace was deleted meanwhile).
    }
  }
  return removed;
}

export function recordEventIn(
  api: SandboxCore,
  involved: KObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  component: string,
): void {
  if (!api.registry.byKey('core/events')) return;
  const ns = involved.metadata.namespace || 'default';
  const key = [ns, involved.metadata.uid, involved.kind, involved.metadata.name, type, reason, message, component].join('\u0000');
  let names = seen.get(api);
  if (!names) seen.set(api, (names = new Map()));
  const now = toRfc3339(api.clock.now());
  try {
    const existingName = names.get(key);
    const existing = existingName ? api.get('core/events', ns, existingName) : undefined;
    if (existing) {
      existing.count = ((existing.count as number) ?? 1) + 1;
      existing.lastTimestamp = now;
      api.update('core/events', existing, { fieldManager: component });
      return;
    }
    const nanos = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${involved.metadata.name}.${nanos.toString(16)}`, namespace: ns },
      involvedObject: {
        kind: involved.kind,
        namespace: involved.metadata.namespace,
        name: involved.metadata.name,
        uid: involved.metadata.uid,
        apiVersion: involved.apiVersion,
        resourceVersion: involved.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: component,
      reportingInstance: '',
    };
    const created = api.create('core/events', event, { fieldManager: component });
    names.set(key, created.metadata.name as string);
  } catch {
    // Recording an event never fails the caller (the namespace may be terminating).
  }
}

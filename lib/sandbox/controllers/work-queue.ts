// A coalescing work queue like client-go's workqueue: a key added many times before it is processed
// runs once, in a later macrotask, so a burst of store events costs one sync per object. Failed syncs
// (e.g. a 409 from a concurrent client write) are retried with a short exponential back-off.
import type { Clock } from '../clock';

export interface WorkQueue {
  add(key: string): void;
  /** Adds `key` after `seconds` of cluster time; only the earliest pending delay per key is kept. */
  addAfter(key: string, seconds: number): void;
  stop(): void;
}

const RETRY_BASE_MS = 5;
const RETRY_MAX_MS = 1000;

export function createWorkQueue(clock: Clock, sync: (key: string) => void, name: string): WorkQueue {
  let pending = new Set<string>();
  let scheduled: NodeJS.Immediate | undefined;
  let stopped = false;
  const delayed = new Map<string, { due: number; cancel: () => void }>();
  const failures = new Map<string, number>();
  const retryTimers = new Set<NodeJS.Timeout>();

  const flush = () => {
    scheduled = undefined;
    const batch = pending;
    pending = new Set();
    for (const key of batch) {
      if (stopped) return;
      try {
        sync(key);
        failures.delete(key);
      } catch (err) {
        const n = (failures.get(key) ?? 0) + 1;
        failures.set(key, n);
        if (n === 5 && process.env.SANDBOX_DEBUG) console.warn(`[${name}] sync ${key} keeps failing:`, err);
        const t = setTimeout(() => {
          retryTimers.delete(t);
          add(key);
        }, Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** n));
        t.unref?.();
        retryTimers.add(t);
      }
    }
  };

  const add = (key: string) => {
    if (stopped) return;
    pending.add(key);
    scheduled ??= setImmediate(flush);
  };

  return {
    add,
    addAfter(key, seconds) {
      if (stopped) return;
      if (seconds <= 0) return add(key);
      const due = Date.now() + (seconds * 1000) / clock.speed;
      const existing = delayed.get(key);
      if (existing && existing.due <= due) return;
      existing?.cancel();
      const cancel = clock.after(seconds, () => {
        delayed.delete(key);
        add(key);
      });
      delayed.set(key, { due, cancel });
    },
    stop() {
      stopped = true;
      if (scheduled) clearImmediate(scheduled);
      for (const d of delayed.values()) d.cancel();
      delayed.clear();
      for (const t of retryTimers) clearTimeout(t);
      retryTimers.clear();
    },
  };
}

/**
 * Periodic resync interval in cluster seconds: upstream's 30 s, but never more often than every 5 real
 * seconds, so a sandbox running at speed 100 does not re-list everything three times a second.
 */
export function resyncSeconds(clock: Clock): number {
  return Math.max(30, 5 * clock.speed);
}

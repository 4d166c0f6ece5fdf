// The sandbox's virtual clock. Timestamps written into objects are real wall-clock time (so kubectl's
// AGE column stays sane); every *duration* a controller waits for — probe delays, minReadySeconds,
// progressDeadlineSeconds, back-off, HPA sync period and stabilization windows — is compressed by
// `speed`. Behaviour is the same as a real cluster's, only faster.

export interface Clock {
  readonly speed: number;
  /** Wall-clock now. */
  now(): Date;
  /** Seconds of cluster time elapsed since `since` (wall-clock ms or Date or RFC3339), i.e. real elapsed × speed. */
  secondsSince(since: Date | string | number): number;
  /** Runs `fn` after `seconds` of cluster time. Returns a cancel function. */
  after(seconds: number, fn: () => void): () => void;
  /** Runs `fn` every `seconds` of cluster time. Returns a cancel function. */
  every(seconds: number, fn: () => void): () => void;
  /** Cancels every pending timer (used by close()). */
  stopAll(): void;
}

export function createClock(speed = 1): Clock {
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`clock speed must be a positive number, got ${speed}`);
  const timers = new Set<NodeJS.Timeout>();
  const toMs = (seconds: number) => Math.max(0, (seconds * 1000) / speed);
  return {
    speed,
    now: () => new Date(),
    secondsSince(since) {
      const t = since instanceof Date ? since.getTime() : typeof since === 'string' ? Date.parse(since) : since;
      return ((Date.now() - t) / 1000) * speed;
    },
    after(seconds, fn) {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, toMs(seconds));
      t.unref?.();
      timers.add(t);
      return () => {
        clearTimeout(t);
        timers.delete(t);
      };
    },
    every(seconds, fn) {
      const t = setInterval(fn, toMs(seconds));
      t.unref?.();
      timers.add(t);
      return () => {
        clearInterval(t);
        timers.delete(t);
      };
    },
    stopAll() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

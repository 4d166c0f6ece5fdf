// Process-level figures, read at scrape time. Event-loop delay comes from Node's built-in histogram
// (libuv timer sampling, no per-tick cost worth measuring), reset after each scrape so every scrape
// reports the interval since the previous one.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface EventLoopLag {
  meanSeconds: number;
  p99Seconds: number;
  maxSeconds: number;
}

export interface ProcessSnapshot {
  residentMemoryBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  startTimeSeconds: number;
  uptimeSeconds: number;
  cpuSecondsTotal: number;
  /** Null until the histogram has a sample (the first scrape after start). */
  eventLoopLag: EventLoopLag | null;
}

// One histogram per process, kept across Next dev's module reloads.
const holder = globalThis as unknown as { berthEventLoopHistogram?: IntervalHistogram; berthEventLoopLag?: EventLoopLag };

function readEventLoopLag(): EventLoopLag | null {
  if (!holder.berthEventLoopHistogram) {
    holder.berthEventLoopHistogram = monitorEventLoopDelay({ resolution: 20 });
    holder.berthEventLoopHistogram.enable();
    return null;
  }
  const histogram = holder.berthEventLoopHistogram;
  // Two scrapes closer together than the sampling interval: repeat the last figures rather than let
  // the series vanish (Prometheus would mark it stale).
  if (histogram.count === 0) return holder.berthEventLoopLag ?? null;
  const lag = { meanSeconds: histogram.mean / 1e9, p99Seconds: histogram.percentile(99) / 1e9, maxSeconds: histogram.max / 1e9 };
  histogram.reset();
  holder.berthEventLoopLag = lag;
  return lag;
}

export function readProcessSnapshot(): ProcessSnapshot {
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage();
  const uptimeSeconds = process.uptime();
  return {
    residentMemoryBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    startTimeSeconds: Math.round(Date.now() / 1000 - uptimeSeconds),
    uptimeSeconds,
    cpuSecondsTotal: (cpu.user + cpu.system) / 1e6,
    eventLoopLag: readEventLoopLag(),
  };
}

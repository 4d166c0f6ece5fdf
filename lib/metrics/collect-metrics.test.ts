import { describe, expect, it, vi } from 'vitest';
import type { AppCounts } from './app-counts';
import { collectMetrics, type MetricsSources } from './collect-metrics';
import type { ProcessSnapshot } from './process-metrics';
import { readProcessSnapshot } from './process-metrics';
import { renderPrometheusText } from './prometheus-text';

const processSnapshot: ProcessSnapshot = {
  residentMemoryBytes: 123_000_000,
  heapUsedBytes: 40_000_000,
  heapTotalBytes: 60_000_000,
  startTimeSeconds: 1_790_000_000,
  uptimeSeconds: 42.5,
  cpuSecondsTotal: 3.25,
  eventLoopLag: { meanSeconds: 0.0105, p99Seconds: 0.02, maxSeconds: 0.05 },
};

const counts: AppCounts = {
  auditEventsTotal: 1234,
  clustersByStatus: { reachable: 2, unreachable: 1, unknown: 0 },
  revisionsByVerdict: { PENDING: 0, PROGRESSING: 1, SUCCEEDED: 7, FAILED: 2, SUPERSEDED: 3 },
};

function sources(overrides: Partial<MetricsSources> = {}): MetricsSources {
  return {
    readProcess: () => processSnapshot,
    readLive: () => ({ upstreamWatches: 6, openStreams: 4, hub: { feeds: 7, lists: 9, relists: 1, watchesStarted: 12, failures: 2 } }),
    readDatabase: async () => counts,
    ...overrides,
  };
}

describe('collectMetrics', () => {
  it('reports process, live and database figures in Prometheus text', async () => {
    const lines = renderPrometheusText(await collectMetrics(sources())).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'process_resident_memory_bytes 123000000',
        'process_uptime_seconds 42.5',
        'process_cpu_seconds_total 3.25',
        '# TYPE process_cpu_seconds_total counter',
        'nodejs_eventloop_lag_p99_seconds 0.02',
        'berth_watch_hub_upstream_watches 6',
        'berth_watch_hub_relists_total 1',
        'berth_live_streams_open 4',
        'berth_database_up 1',
        'berth_audit_events_total 1234',
        '# TYPE berth_audit_events_total counter',
        'berth_clusters{status="reachable"} 2',
        'berth_clusters{status="unreachable"} 1',
        'berth_clusters{status="unknown"} 0',
        'berth_revisions{verdict="pending"} 0',
        'berth_revisions{verdict="succeeded"} 7',
        'berth_revisions{verdict="failed"} 2',
        'berth_revisions{verdict="superseded"} 3',
      ]),
    );
  });

  it('leaves out event-loop lag until the histogram has samples', async () => {
    const text = renderPrometheusText(await collectMetrics(sources({ readProcess: () => ({ ...processSnapshot, eventLoopLag: null }) })));
    expect(text).not.toContain('nodejs_eventloop_lag');
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('still answers with process metrics and berth_database_up 0 when the database fails or hangs', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const failed = renderPrometheusText(await collectMetrics(sources({ readDatabase: () => Promise.reject(new Error('connection refused')) })));
      expect(failed).toContain('berth_database_up 0');
      expect(failed).toContain('berth_live_streams_open 4');
      expect(failed).not.toContain('berth_audit_events_total');

      const started = Date.now();
      const hung = renderPrometheusText(await collectMetrics(sources({ readDatabase: () => new Promise<AppCounts>(() => undefined) }), { databaseTimeoutMs: 50 }));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(hung).toContain('berth_database_up 0');
      expect(error).toHaveBeenCalledTimes(2);
    } finally {
      error.mockRestore();
    }
  });
});

describe('readProcessSnapshot', () => {
  it('reads this process: memory, a start time consistent with uptime, and event-loop lag from the second read on', async () => {
    const first = readProcessSnapshot();
    expect(first.residentMemoryBytes).toBeGreaterThan(1_000_000);
    expect(Math.abs(first.startTimeSeconds + first.uptimeSeconds - Date.now() / 1000)).toBeLessThan(2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const second = readProcessSnapshot();
    expect(second.eventLoopLag).not.toBeNull();
    expect(second.eventLoopLag?.p99Seconds).toBeGreaterThan(0);
    // An immediate third read has no new samples: it repeats the last figures instead of dropping them.
    expect(readProcessSnapshot().eventLoopLag).toEqual(second.eventLoopLag);
  });
});

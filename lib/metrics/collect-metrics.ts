// Everything /api/metrics reports, gathered at scrape time. Sources are injectable so the rendering
// can be tested without a database or live watches.
import { getWatchHub, type HubCounters } from '@/lib/kube/watch-hub';
import { liveStreamCount } from '@/lib/live/event-stream';
import { readAppCounts, type AppCounts } from './app-counts';
import { readProcessSnapshot, type ProcessSnapshot } from './process-metrics';
import type { MetricFamily } from './prometheus-text';

export interface LiveSnapshot {
  upstreamWatches: number;
  openStreams: number;
  hub: HubCounters;
}

export interface MetricsSources {
  readProcess(): ProcessSnapshot;
  readLive(): LiveSnapshot;
  readDatabase(): Promise<AppCounts>;
}

export const defaultMetricsSources: MetricsSources = {
  readProcess: readProcessSnapshot,
  readLive: () => {
    const hub = getWatchHub();
    return { upstreamWatches: hub.upstreamWatchCount(), openStreams: liveStreamCount(), hub: hub.counters() };
  },
  readDatabase: readAppCounts,
};

function gauge(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: 'gauge', samples: [{ value }] };
}

function counter(name: string, help: string, value: number): MetricFamily {
  return { name, help, type: 'counter', samples: [{ value }] };
}

function describeProcess(snapshot: ProcessSnapshot): MetricFamily[] {
  const families = [
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', snapshot.residentMemoryBytes),
    gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch in seconds.', snapshot.startTimeSeconds),
    gauge('process_uptime_seconds', 'Seconds since the process started.', snapshot.uptimeSeconds),
    counter('process_cpu_seconds_total', 'Total user and system CPU time spent in seconds.', snapshot.cpuSecondsTotal),
    gauge('nodejs_heap_size_used_bytes', 'V8 heap used in bytes.', snapshot.heapUsedBytes),
    gauge('nodejs_heap_size_total_bytes', 'V8 heap allocated in bytes.', snapshot.heapTotalBytes),
  ];
  const lag = snapshot.eventLoopLag;
  if (lag) {
    families.push(
      gauge('nodejs_eventloop_lag_mean_seconds', 'Mean event-loop delay since the previous scrape.', lag.meanSeconds),
      gauge('nodejs_eventloop_lag_p99_seconds', '99th percentile event-loop delay since the previous scrape.', lag.p99Seconds),
      gauge('nodejs_eventloop_lag_max_seconds', 'Largest event-loop delay since the previous scrape.', lag.maxSeconds),
    );
  }
  return families;
}

function describeLive(live: LiveSnapshot): MetricFamily[] {
  return [
    gauge('berth_watch_hub_upstream_watches', 'Upstream Kubernetes watch requests open right now, across all feeds.', live.upstreamWatches),
    gauge('berth_watch_hub_feeds', 'Watch hub feeds alive (subscribed or lingering), one per cluster, namespace and resource.', live.hub.feeds),
    counter('berth_watch_hub_lists_total', 'List requests the watch hub sent upstream.', live.hub.lists),
    counter('berth_watch_hub_relists_total', 'Lists caused by 410 Gone (the watch fell too far behind).', live.hub.relists),
    counter('berth_watch_hub_watch_failures_total', 'Upstream list or watch attempts that failed and were retried with backoff.', live.hub.failures),
    gauge('berth_live_streams_open', 'Server-sent-event streams open to browsers (/api/events).', live.openStreams),
  ];
}

function describeDatabase(counts: AppCounts | null): MetricFamily[] {
  const families = [gauge('berth_database_up', 'Whether the metrics queries against the database succeeded (1) or failed (0).', counts ? 1 : 0)];
  if (!counts) return families;
  families.push(
    counter('berth_audit_events_total', 'Audit events appended since the log began (its highest sequence number).', counts.auditEventsTotal),
    {
      name: 'berth_clusters',
      help: 'Registered clusters by the outcome of their last contact (unknown: never contacted since registration or new credentials).',
      type: 'gauge',
      samples: Object.entries(counts.clustersByStatus).map(([status, value]) => ({ labels: { status }, value })),
    },
    {
      name: 'berth_revisions',
      help: 'App revisions by rollout verdict.',
      type: 'gauge',
      samples: Object.entries(counts.revisionsByVerdict).map(([verdict, value]) => ({ labels: { verdict: verdict.toLowerCase() }, value })),
    },
  );
  return families;
}

// A scraper gives up after its own timeout (10 s by default); answer before that with what we have.
const databaseTimeoutMs = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A database outage must not hide the process metrics: those still answer, with berth_database_up 0. */
export async function collectMetrics(sources: MetricsSources = defaultMetricsSources, options: { databaseTimeoutMs?: number } = {}): Promise<MetricFamily[]> {
  let counts: AppCounts | null = null;
  try {
    counts = await withTimeout(sources.readDatabase(), options.databaseTimeoutMs ?? databaseTimeoutMs);
  } catch (error) {
    console.error('[berth] metrics: database queries failed:', error instanceof Error ? error.message : error);
  }
  return [...describeProcess(sources.readProcess()), ...describeLive(sources.readLive()), ...describeDatabase(counts)];
}

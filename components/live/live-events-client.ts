// The browser side of /api/events without React: one EventSource, typed messages, reconnection with
// backoff when the browser gives up (EventSource retries network drops itself, but not a failed
// response), and no reconnection after `revoked`. Kept framework-free so it is testable in Node.
import type { LiveReady, LiveRevoked, LiveUpdate, LiveUpstream } from '@/lib/live/types';

export type LiveConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'revoked' | 'closed';

export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: { data?: string }) => void): void;
  close(): void;
}

export interface LiveEventsHandlers {
  onUpdate(update: LiveUpdate): void;
  onStatus?(status: LiveConnectionStatus, detail?: { message?: string }): void;
  onReady?(ready: LiveReady): void;
  onUpstream?(upstream: LiveUpstream): void;
}

export interface LiveEventsClientOptions {
  createEventSource?: (url: string) => EventSourceLike;
  initialRetryMs?: number;
  maxRetryMs?: number;
  schedule?: (fn: () => void, ms: number) => () => void;
}

/** EventSource.CLOSED: the browser will not retry by itself. */
const closedState = 2;

export function buildLiveEventsUrl(appIds: readonly string[], detailAppIds: readonly string[] = []): string | null {
  const detail = [...new Set(detailAppIds)];
  const summary = [...new Set(appIds)].filter((id) => !detail.includes(id));
  if (summary.length + detail.length === 0) return null;
  const params = new URLSearchParams();
  if (summary.length) params.set('apps', summary.join(','));
  if (detail.length) params.set('detail', detail.join(','));
  return `/api/events?${params.toString()}`;
}

function parse<T>(event: { data?: string }): T | null {
  try {
    return event.data ? (JSON.parse(event.data) as T) : null;
  } catch {
    return null;
  }
}

export function connectLiveEvents(url: string, handlers: LiveEventsHandlers, options: LiveEventsClientOptions = {}): { close(): void } {
  const create = options.createEventSource ?? ((target: string) => new EventSource(target));
  const initialRetryMs = options.initialRetryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const schedule =
    options.schedule ??
    ((fn: () => void, ms: number) => {
      const timer = setTimeout(fn, ms);
      return () => clearTimeout(timer);
    });
  let source: EventSourceLike | null = null;
  let cancelRetry: (() => void) | null = null;
  let attempt = 0;
  let stopped = false;

  const setStatus = (status: LiveConnectionStatus, message?: string) => handlers.onStatus?.(status, message ? { message } : undefined);

  const open = () => {
    if (stopped) return;
    setStatus(attempt === 0 ? 'connecting' : 'reconnecting');
    const current = create(url);
    source = current;
    current.addEventListener('ready', (event) => {
      attempt = 0;
      const ready = parse<LiveReady>(event);
      if (ready) handlers.onReady?.(ready);
      setStatus('live');
    });
    current.addEventListener('update', (event) => {
      const update = parse<LiveUpdate>(event);
      if (update) handlers.onUpdate(update);
    });
    current.addEventListener('upstream', (event) => {
      const upstream = parse<LiveUpstream>(event);
      if (upstream) handlers.onUpstream?.(upstream);
    });
    current.addEventListener('revoked', (event) => {
      const revoked = parse<LiveRevoked>(event);
      stopped = true;
      current.close();
      setStatus('revoked', revoked?.message);
    });
    current.addEventListener('error', () => {
      if (stopped || source !== current) return;
      if (current.readyState !== closedState) {
        setStatus('reconnecting');
        return;
      }
      // A refused response (401, 404, 5xx) ends the EventSource for good: retry later, with backoff.
      current.close();
      const delay = Math.min(maxRetryMs, initialRetryMs * 2 ** attempt);
      attempt += 1;
      setStatus('reconnecting');
      cancelRetry = schedule(open, delay);
    });
  };

  open();
  return {
    close() {
      stopped = true;
      cancelRetry?.();
      source?.close();
      setStatus('closed');
    },
  };
}

import { describe, expect, it } from 'vitest';
import { buildLiveEventsUrl, connectLiveEvents, type EventSourceLike, type LiveConnectionStatus } from './live-events-client';

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((event: { data?: string }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: { data?: string }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  emit(type: string, data?: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(data === undefined ? {} : { data: JSON.stringify(data) });
  }
}

function setup() {
  const sources: FakeEventSource[] = [];
  const statuses: LiveConnectionStatus[] = [];
  const updates: unknown[] = [];
  const scheduled: { fn: () => void; ms: number }[] = [];
  const connection = connectLiveEvents(
    '/api/events?apps=a',
    { onUpdate: (update) => updates.push(update), onStatus: (status) => statuses.push(status) },
    {
      createEventSource: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
      initialRetryMs: 100,
      maxRetryMs: 1_000,
      schedule: (fn, ms) => {
        scheduled.push({ fn, ms });
        return () => {};
      },
    },
  );
  return { sources, statuses, updates, scheduled, connection };
}

describe('live events client', () => {
  it('builds one URL with summary and detail apps, or none without apps', () => {
    expect(buildLiveEventsUrl(['a', 'b', 'a'], ['b'])).toBe('/api/events?apps=a&detail=b');
    expect(buildLiveEventsUrl([], [])).toBeNull();
  });

  it('passes updates on and reports the connection state', () => {
    const { sources, statuses, updates } = setup();
    sources[0].emit('ready', { apps: [], recheckIntervalMs: 20_000 });
    sources[0].emit('update', { appId: 'a', resource: 'rollout', data: null });
    sources[0].emit('update');
    expect(updates).toEqual([{ appId: 'a', resource: 'rollout', data: null }]);
    expect(statuses).toEqual(['connecting', 'live']);
  });

  it('reopens with growing backoff after a refused response, and resets once live', () => {
    const { sources, scheduled } = setup();
    for (let i = 0; i < 5; i += 1) {
      sources[i].readyState = 2;
      sources[i].emit('error');
      scheduled[i].fn();
    }
    expect(scheduled.map((s) => s.ms)).toEqual([100, 200, 400, 800, 1_000]);
    sources[5].emit('ready', { apps: [], recheckIntervalMs: 20_000 });
    sources[5].readyState = 2;
    sources[5].emit('error');
    expect(scheduled[5].ms).toBe(100);
  });

  it('lets the browser retry a dropped connection itself', () => {
    const { sources, scheduled, statuses } = setup();
    sources[0].readyState = 0;
    sources[0].emit('error');
    expect(scheduled).toHaveLength(0);
    expect(statuses.at(-1)).toBe('reconnecting');
  });

  it('stops for good after revoked', () => {
    const { sources, scheduled, statuses } = setup();
    sources[0].emit('revoked', { appIds: ['a'], message: 'withdrawn' });
    sources[0].emit('error');
    expect(sources[0].closed).toBe(true);
    expect(scheduled).toHaveLength(0);
    expect(statuses.at(-1)).toBe('revoked');
  });
});

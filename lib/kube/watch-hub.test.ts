// The watch hub against a sandbox over HTTP: sharing, snapshots, linger, relist on 410, backoff.
import { afterEach, describe, expect, it } from 'vitest';
import { startCountingProxy, type CountingProxy } from '@/lib/live/testing/counting-proxy';
import { startSandbox, type Sandbox, type StartSandboxOptions } from '@/lib/sandbox/index';
import { buildKubeClients } from './client';
import { waitUntil } from './testing/sandbox-cluster';
import { createWatchHub, type HubEvent, type WatchHub, type WatchKey } from './watch-hub';
import { createKubeConfigTransport } from './watch-hub-transport';

interface Setup {
  sandbox: Sandbox;
  proxy: CountingProxy;
  hub: WatchHub;
}

const open: Setup[] = [];

async function setup(sandboxOptions: StartSandboxOptions = {}, hubOptions: { lingerMs?: number; backoffInitialMs?: number } = {}): Promise<Setup> {
  const sandbox = await startSandbox({ port: 0, speed: 50, tls: false, ...sandboxOptions });
  const proxy = await startCountingProxy(sandbox.url);
  const clients = buildKubeClients({ clusterId: 'c1', clusterName: 'sandbox', server: proxy.url, credentials: { token: sandbox.token } });
  const transport = createKubeConfigTransport(clients.kubeConfig);
  const hub = createWatchHub({ transportFor: async () => transport, lingerMs: hubOptions.lingerMs ?? 200, backoffInitialMs: hubOptions.backoffInitialMs ?? 100, backoffMaxMs: 2_000 });
  const result = { sandbox, proxy, hub };
  open.push(result);
  return result;
}

afterEach(async () => {
  for (const { sandbox, proxy, hub } of open.splice(0)) {
    await hub.close();
    await proxy.close();
    await sandbox.close();
  }
});

function configMap(name: string, namespace = 'default') {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { k: name } };
}

function recorder() {
  const events: HubEvent[] = [];
  return {
    events,
    listener: (event: HubEvent) => events.push(event),
    snapshots: () => events.filter((e): e is Extract<HubEvent, { type: 'SNAPSHOT' }> => e.type === 'SNAPSHOT'),
    names: (type: HubEvent['type']) => events.flatMap((e) => (e.type === type && 'object' in e ? [e.object.metadata?.name] : [])),
  };
}

const services: WatchKey = { clusterId: 'c1', namespace: 'default', resource: 'services' };

describe('watch hub', () => {
  it('shares one upstream watch between subscribers, gives a late subscriber the current state at once, and closes after the linger', async () => {
    const { sandbox, proxy, hub } = await setup();
    const first = recorder();
    const subscriptionA = hub.subscribe(services, first.listener);
    await waitUntil(async () => hub.upstreamWatchCount() === 1 && proxy.openWatchCount() === 1, 'the first watch');
    expect(first.snapshots()[0].objects.map((o) => o.metadata?.name)).toContain('kubernetes');

    sandbox.api.create('core/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    await waitUntil(async () => first.names('ADDED').includes('web'), 'the ADDED event');

    const second = recorder();
    const subscriptionB = hub.subscribe(services, second.listener);
    // Synchronously, before any network round trip.
    expect(second.snapshots()).toHaveLength(1);
    expect(second.snapshots()[0].objects.map((o) => o.metadata?.name).sort()).toEqual(['kubernetes', 'web']);
    expect(hub.upstreamWatchCount()).toBe(1);
    expect(proxy.openWatchCount()).toBe(1);
    expect(hub.counters().lists).toBe(1);

    sandbox.api.delete('core/services', 'default', 'web');
    await waitUntil(async () => first.names('DELETED').includes('web') && second.names('DELETED').includes('web'), 'the DELETED event for both');

    subscriptionA.unsubscribe();
    subscriptionB.unsubscribe();
    expect(hub.upstreamWatchCount()).toBe(1);
    await waitUntil(async () => hub.upstreamWatchCount() === 0 && proxy.openWatchCount() === 0, 'the watch to close after the linger', 5_000);
    expect(hub.counters().feeds).toBe(0);
  });

  it('keeps a feed that is re-subscribed within the linger', async () => {
    const { hub } = await setup({}, { lingerMs: 1_000 });
    const subscription = hub.subscribe(services, () => {});
    await waitUntil(async () => hub.upstreamWatchCount() === 1, 'the watch');
    subscription.unsubscribe();
    const again = recorder();
    hub.subscribe(services, again.listener);
    expect(again.snapshots()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(hub.upstreamWatchCount()).toBe(1);
    expect(hub.counters().watchesStarted).toBe(1);
  });

  it('resumes from its resourceVersion after a dropped watch without losing events', async () => {
    const { sandbox, hub, proxy } = await setup({ controllers: false }, { backoffInitialMs: 300 });
    const seen = recorder();
    hub.subscribe(services, seen.listener);
    await waitUntil(async () => hub.upstreamWatchCount() === 1, 'the watch');
    proxy.dropWatches();
    sandbox.api.create('core/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'during-drop', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    await waitUntil(async () => seen.names('ADDED').includes('during-drop'), 'the event made while disconnected');
    expect(hub.counters().relists).toBe(0);
    expect(hub.counters().lists).toBe(1);
    expect(hub.counters().watchesStarted).toBeGreaterThanOrEqual(2);
  });

  it('asks for bookmarks and resumes from the bookmarked resourceVersion, so a quiet feed survives a busy cluster without relisting', async () => {
    const { sandbox, hub, proxy } = await setup({ controllers: false, logCapacity: 5, bookmarkIntervalMs: 100 }, { backoffInitialMs: 300 });
    sandbox.api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'quiet' } });
    hub.subscribe({ clusterId: 'c1', namespace: 'quiet', resource: 'services' }, () => {});
    await waitUntil(async () => hub.upstreamWatchCount() === 1, 'the watch');
    const listedAt = Number(proxy.watchRequests()[0].searchParams.get('resourceVersion'));
    // Far more writes elsewhere than the server keeps; only a bookmark moves the feed past them.
    for (let i = 0; i < 12; i += 1) sandbox.api.create('core/configmaps', configMap(`busy-${i}`));
    await new Promise((resolve) => setTimeout(resolve, 400));
    proxy.dropWatches();
    await waitUntil(async () => proxy.watchRequests().length >= 2 && hub.upstreamWatchCount() === 1, 'the resumed watch');
    const [first, resumed] = proxy.watchRequests();
    expect(first.searchParams.get('allowWatchBookmarks')).toBe('true');
    expect(resumed.searchParams.get('allowWatchBookmarks')).toBe('true');
    expect(Number(resumed.searchParams.get('resourceVersion'))).toBeGreaterThanOrEqual(listedAt + 12);
    expect(hub.counters()).toMatchObject({ lists: 1, relists: 0 });
  });

  it('relists on 410 Gone and sends a fresh snapshot', async () => {
    const { sandbox, hub, proxy } = await setup({ controllers: false, logCapacity: 5 }, { backoffInitialMs: 300 });
    const key: WatchKey = { clusterId: 'c1', namespace: 'team-a', resource: 'services' };
    sandbox.api.create('core/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    const seen = recorder();
    hub.subscribe(key, seen.listener);
    await waitUntil(async () => hub.upstreamWatchCount() === 1, 'the watch');
    proxy.dropWatches();
    // More writes than the server's event window while the hub is away: its resourceVersion expires.
    for (let i = 0; i < 12; i += 1) sandbox.api.create('core/configmaps', configMap(`filler-${i}`));
    sandbox.api.create('core/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'after-gap', namespace: 'team-a' }, spec: { ports: [{ port: 80 }] } });
    await waitUntil(async () => hub.counters().relists >= 1 && hub.upstreamWatchCount() === 1, 'the relist');
    const latest = seen.snapshots().at(-1);
    expect(seen.snapshots().length).toBeGreaterThanOrEqual(2);
    expect(latest?.objects.map((o) => o.metadata?.name)).toEqual(['after-gap']);
  });

  it('retries with growing backoff while the API is unavailable and recovers with a snapshot', async () => {
    const { sandbox, hub, proxy } = await setup({ controllers: false }, { backoffInitialMs: 100 });
    const seen = recorder();
    hub.subscribe(services, seen.listener);
    await waitUntil(async () => hub.upstreamWatchCount() === 1, 'the watch');
    await sandbox.faults.setUnavailable('503');
    proxy.dropWatches();
    await waitUntil(async () => seen.events.filter((e) => e.type === 'DISCONNECTED').length >= 4, 'four failed attempts', 20_000);
    expect(hub.upstreamWatchCount()).toBe(0);
    const delays = seen.events.flatMap((e) => (e.type === 'DISCONNECTED' ? [e.retryInMs] : []));
    // Jitter is ±20 %, doubling each time: the fourth wait is well above the first.
    expect(delays[3]).toBeGreaterThan(delays[0] * 4);
    const messages = seen.events.flatMap((e) => (e.type === 'DISCONNECTED' ? [e.message] : []));
    expect(messages.slice(1).some((m) => m.includes('503'))).toBe(true);
    const snapshotsBefore = seen.snapshots().length;
    await sandbox.faults.reset();
    await waitUntil(async () => hub.upstreamWatchCount() === 1 && proxy.openWatchCount() === 1, 'the watch to come back', 20_000);
    await waitUntil(async () => seen.snapshots().length > snapshotsBefore, 'a fresh snapshot');
  });
});

'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { LiveStatus } from '@/components/live/live-status';
import { useLiveAppData, useLiveEvents } from '@/components/live/use-live-events';
import { RolloutProgress } from '@/components/rollout/rollout-progress';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { AppLiveDetail } from '@/lib/apps/get-app';
import { PodStateBadge } from './status-badges';

export interface OverviewProps {
  appId: string;
  initial: AppLiveDetail | null;
  liveError: string | null;
  verdict: { verdict: string; reason: string | null } | null;
}

/** The app's live state: rendered by the server first, then kept current by the events stream. */
export function AppOverview({ appId, initial, liveError, verdict }: OverviewProps) {
  const live = useLiveEvents([appId], { detail: [appId] });
  const data = useLiveAppData(appId, 'detail', initial);
  const router = useRouter();
  const state = data?.rollout?.state;
  const verdictPending = verdict?.verdict === 'PROGRESSING' || verdict?.verdict === 'PENDING';
  const refreshes = useRef(0);
  // The server records the verdict once the rollout ends: while the cluster says it ended and the
  // page still shows it pending, render the page again (a few times, a little apart).
  useEffect(() => {
    if (!verdictPending) {
      refreshes.current = 0;
      return;
    }
    if (state === 'progressing' || state === undefined || refreshes.current >= 10) return;
    const timer = window.setTimeout(() => {
      refreshes.current += 1;
      router.refresh();
    }, 1500);
    return () => window.clearTimeout(timer);
  }, [state, verdictPending, verdict, router]);

  return (
    <div className="space-y-6">
      <Card>
        <div className="mb-4 flex items-center justify-between gap-4">
          <h2 className="text-base font-semibold text-slate-900">Rollout</h2>
          <LiveStatus state={live} appId={appId} />
        </div>
        {live.staleAppIds.includes(appId) ? (
          <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            The cluster stopped answering; what you see may be out of date until it answers again.
          </p>
        ) : null}
        {data?.rollout ? (
          <RolloutProgress rollout={{ ...data.replicas, state: data.rollout.state, message: data.rollout.message, conditions: data.conditions }} verdict={verdict} />
        ) : (
          <p className="text-sm text-slate-600">{data ? 'The Deployment is not on the cluster.' : `The cluster could not be asked: ${liveError ?? 'no answer'}`}</p>
        )}
      </Card>
      <PodsCard pods={data?.pods ?? []} />
      <div className="grid gap-6 lg:grid-cols-2">
        <NetworkCard data={data} />
        <AutoscalerCard hpa={data?.hpa ?? null} />
      </div>
      <EventsCard events={data?.events ?? []} />
    </div>
  );
}

function PodsCard({ pods }: { pods: AppLiveDetail['pods'] }) {
  return (
    <section aria-labelledby="pods-heading">
      <h2 id="pods-heading" className="mb-2 text-base font-semibold text-slate-900">
        Pods <span className="text-sm font-normal text-slate-500">({pods.length})</span>
      </h2>
      {pods.length === 0 ? (
        <p className="rounded-lg bg-white px-4 py-6 text-sm text-slate-600 ring-1 ring-slate-200">No pods.</p>
      ) : (
        <Table label="Pods">
          <THead>
            <tr>
              <Th>Name</Th>
              <Th>Status</Th>
              <Th className="text-right">Ready</Th>
              <Th className="text-right">Restarts</Th>
              <Th>Node</Th>
              <Th>IP</Th>
              <Th className="text-right">Age</Th>
            </tr>
          </THead>
          <TBody>
            {pods.map((pod) => (
              <Tr key={pod.name}>
                <Td className="font-mono text-xs text-slate-900">{pod.name}</Td>
                <Td>
                  <PodStateBadge phase={pod.phase} reason={pod.waitingReason} />
                  {pod.waitingMessage ? (
                    <div className="mt-1 max-w-xs truncate text-xs text-slate-500" title={pod.waitingMessage}>
                      {pod.waitingMessage}
                    </div>
                  ) : null}
                </Td>
                <Td className="text-right tabular-nums">{pod.ready}</Td>
                <Td className="text-right tabular-nums">{pod.restarts}</Td>
                <Td className="font-mono text-xs">{pod.node ?? '—'}</Td>
                <Td className="font-mono text-xs">{pod.ip ?? '—'}</Td>
                <Td className="text-right">
                  <RelativeTime iso={pod.startedAt} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}

function NetworkCard({ data }: { data: AppLiveDetail | null }) {
  const service = data?.service ?? null;
  const ingress = data?.ingress ?? null;
  return (
    <Card title="Network">
      {!service && !ingress ? <p className="text-sm text-slate-600">Not exposed: no Service or Ingress.</p> : null}
      {service ? (
        <div className="mb-3 text-sm">
          <p className="font-medium text-slate-900">
            Service {service.name} <span className="font-normal text-slate-600">· {service.type}</span>
          </p>
          <dl className="mt-1 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">Cluster IP</dt>
            <dd className="font-mono">{service.clusterIP ?? '—'}</dd>
            <dt className="text-slate-500">Ports</dt>
            <dd className="font-mono">
              {service.ports.map((p) => `${p.port}${p.targetPort ? `→${p.targetPort}` : ''}/${p.protocol}${p.nodePort ? ` (node port ${p.nodePort})` : ''}`).join(', ')}
            </dd>
            <dt className="text-slate-500">Endpoints</dt>
            <dd>
              <span>{service.endpoints.length} ready</span>
              {service.endpoints.length ? <span className="block font-mono break-all text-slate-500">{service.endpoints.join(', ')}</span> : null}
            </dd>
            {service.loadBalancer.length ? (
              <>
                <dt className="text-slate-500">Load balancer</dt>
                <dd className="font-mono">{service.loadBalancer.join(', ')}</dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : null}
      {ingress ? (
        <div className="text-sm">
          <p className="font-medium text-slate-900">Ingress {ingress.name}</p>
          <ul className="mt-1 text-xs">
            {ingress.rules.map((rule, i) => (
              <li key={i} className="font-mono">
                {rule.host ?? '*'}
                {rule.path} → {rule.backend}
              </li>
            ))}
          </ul>
          {ingress.tls.length ? <p className="mt-1 text-xs text-slate-600">TLS: {ingress.tls.map((t) => `${t.secretName ?? '—'} (${t.hosts.join(', ')})`).join('; ')}</p> : null}
          {ingress.addresses.length ? <p className="mt-1 text-xs text-slate-600">Address {ingress.addresses.join(', ')}</p> : null}
        </div>
      ) : null}
    </Card>
  );
}

function AutoscalerCard({ hpa }: { hpa: AppLiveDetail['hpa'] }) {
  return (
    <Card title="Autoscaler">
      {hpa ? (
        <>
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="text-xs text-slate-500 uppercase">Replicas</dt>
            <dd className="tabular-nums">
              {hpa.currentReplicas} now · {hpa.desiredReplicas} wanted
              <div className="text-xs text-slate-500">
                min {hpa.minReplicas}, max {hpa.maxReplicas}
              </div>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500 uppercase">CPU</dt>
            <dd className="tabular-nums">
              {hpa.currentCpuUtilization === null ? 'unknown' : `${hpa.currentCpuUtilization}%`} of {hpa.targetCpuUtilization === null ? '—' : `${hpa.targetCpuUtilization}%`} target
            </dd>
          </div>
        </dl>
        {hpa.conditions
          .filter((c) => c.status === 'False')
          .map((c) => (
            <p key={c.type} className="mt-2 text-xs text-amber-800">
              {c.type}: {c.reason} — {c.message}
            </p>
          ))}
        </>
      ) : (
        <p className="text-sm text-slate-600">No autoscaler: the replica count is fixed.</p>
      )}
    </Card>
  );
}

function EventsCard({ events }: { events: AppLiveDetail['events'] }) {
  const [showAll, setShowAll] = useState(false);
  const time = (iso: string | null) => (iso ? new Date(iso).getTime() : 0);
  // Newest first; warnings (failed pulls, back-offs) before normal events of the same moment.
  const sorted = [...events].reverse().sort((a, b) => time(b.lastSeen) - time(a.lastSeen) || Number(b.type === 'Warning') - Number(a.type === 'Warning'));
  const recent = showAll ? sorted : sorted.slice(0, 10);
  return (
    <section aria-labelledby="events-heading">
      <h2 id="events-heading" className="mb-2 text-base font-semibold text-slate-900">
        Recent events
      </h2>
      {recent.length === 0 ? (
        <p className="rounded-lg bg-white px-4 py-6 text-sm text-slate-600 ring-1 ring-slate-200">No events.</p>
      ) : (
        <Table label="Recent events">
          <THead>
            <tr>
              <Th>Type</Th>
              <Th>Reason</Th>
              <Th>Object</Th>
              <Th>Message</Th>
              <Th className="text-right">Last seen</Th>
            </tr>
          </THead>
          <TBody>
            {recent.map((event, i) => (
              <Tr key={`${event.object}-${event.reason}-${event.lastSeen}-${i}`}>
                <Td className={event.type === 'Warning' ? 'font-medium text-amber-700' : ''}>{event.type}</Td>
                <Td>{event.reason}</Td>
                <Td className="font-mono text-xs">{event.object}</Td>
                <Td className="text-xs">
                  {event.message}
                  {event.count > 1 ? <span className="text-slate-500"> (×{event.count})</span> : null}
                </Td>
                <Td className="text-right text-xs">
                  <RelativeTime iso={event.lastSeen} suffix=" ago" />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {sorted.length > 10 ? (
        <div className="mt-2 text-right">
          <Button variant="ghost" size="sm" onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show the 10 newest events' : `Show all ${sorted.length} events`}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

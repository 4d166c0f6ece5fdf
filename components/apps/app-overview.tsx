'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { RolloutProgress } from '@/components/rollout/rollout-progress';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { queryKeys } from '@/lib/query-keys';
import { LiveIndicator } from './live-indicator';
import { PodStateBadge } from './status-badges';
import { useLiveSubscription, type LiveAppData } from './use-live';

export interface OverviewProps {
  appId: string;
  initial: LiveAppData | null;
  liveError: string | null;
  verdict: { verdict: string; reason: string | null } | null;
}

export function AppOverview({ appId, initial, liveError, verdict }: OverviewProps) {
  const connection = useLiveSubscription([appId], [appId]);
  const { data } = useQuery<LiveAppData>({ queryKey: queryKeys.appStatus(appId), queryFn: () => ({}), enabled: false, staleTime: Infinity, initialData: initial ?? undefined });
  const router = useRouter();
  const state = data?.rollout?.state;
  const lastState = useRef(state);
  // The verdict is recorded on the server when a rollout ends; fetch the page again to show it.
  useEffect(() => {
    if (lastState.current !== undefined && state !== lastState.current && state !== 'progressing') {
      const timer = window.setTimeout(() => router.refresh(), 1500);
      lastState.current = state;
      return () => window.clearTimeout(timer);
    }
    lastState.current = state;
  }, [state, router]);

  return (
    <div className="space-y-6">
      <Card>
        <div className="mb-4 flex items-center justify-between gap-4">
          <h2 className="text-base font-semibold text-slate-900">Rollout</h2>
          <LiveIndicator connection={connection} />
        </div>
        {data?.upstream === 'reconnecting' ? (
          <p role="alert" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            The cluster stopped answering; what you see may be out of date. {data.upstreamMessage}
          </p>
        ) : null}
        {data?.rollout ? (
          <RolloutProgress rollout={data.rollout} verdict={verdict} />
        ) : (
          <p className="text-sm text-slate-600">{liveError ? `The cluster could not be asked: ${liveError}` : 'The Deployment is not on the cluster (yet).'}</p>
        )}
      </Card>
      <PodsCard pods={data?.pods ?? []} />
      <div className="grid gap-6 lg:grid-cols-2">
        <NetworkCard data={data} />
        <AutoscalerCard data={data} />
      </div>
      <EventsCard events={data?.events ?? []} />
    </div>
  );
}

function PodsCard({ pods }: { pods: NonNullable<LiveAppData['pods']> }) {
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
                  <PodStateBadge phase={pod.terminating ? 'Terminating' : pod.phase} reason={pod.reason} />
                  {pod.message ? <div className="mt-1 max-w-xs truncate text-xs text-slate-500" title={pod.message}>{pod.message}</div> : null}
                </Td>
                <Td className="text-right tabular-nums">
                  {pod.ready}/{pod.containers}
                </Td>
                <Td className="text-right tabular-nums">{pod.restarts}</Td>
                <Td className="font-mono text-xs">{pod.node ?? '—'}</Td>
                <Td className="font-mono text-xs">{pod.ip ?? '—'}</Td>
                <Td className="text-right">
                  <RelativeTime iso={pod.createdAt} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}

function NetworkCard({ data }: { data: LiveAppData | undefined }) {
  const services = data?.services ?? [];
  const ingresses = data?.ingresses ?? [];
  return (
    <Card title="Network">
      {services.length === 0 && ingresses.length === 0 ? <p className="text-sm text-slate-600">Not exposed: no Service or Ingress.</p> : null}
      {services.map((service) => (
        <div key={service.name} className="mb-3 text-sm">
          <p className="font-medium text-slate-900">
            Service {service.name} <span className="font-normal text-slate-600">· {service.type}</span>
          </p>
          <dl className="mt-1 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
            <dt className="text-slate-500">Cluster IP</dt>
            <dd className="font-mono">{service.clusterIP ?? '—'}</dd>
            <dt className="text-slate-500">Ports</dt>
            <dd className="font-mono">
              {service.ports.map((p) => `${p.port}${p.targetPort ? `→${p.targetPort}` : ''}/${p.protocol}${p.nodePort ? ` (node port ${p.nodePort})` : ''}`).join(', ')}
            </dd>
            <dt className="text-slate-500">Endpoints</dt>
            <dd>
              {service.readyEndpoints} ready{service.notReadyEndpoints ? `, ${service.notReadyEndpoints} not ready` : ''}
            </dd>
          </dl>
        </div>
      ))}
      {ingresses.map((ingress) => (
        <div key={ingress.name} className="text-sm">
          <p className="font-medium text-slate-900">Ingress {ingress.name}</p>
          <ul className="mt-1 text-xs">
            {ingress.rules.map((rule, i) => (
              <li key={i} className="font-mono">
                {rule.host ?? '*'}
                {rule.path} → {rule.service}:{rule.port}
              </li>
            ))}
          </ul>
          {ingress.addresses.length ? <p className="mt-1 text-xs text-slate-600">Address {ingress.addresses.join(', ')}</p> : null}
        </div>
      ))}
    </Card>
  );
}

function AutoscalerCard({ data }: { data: LiveAppData | undefined }) {
  const hpa = data?.hpa?.[0];
  return (
    <Card title="Autoscaler">
      {hpa ? (
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
              {hpa.currentCpuPercent === null ? 'unknown' : `${hpa.currentCpuPercent}%`} of {hpa.targetCpuPercent === null ? '—' : `${hpa.targetCpuPercent}%`} target
            </dd>
          </div>
        </dl>
      ) : (
        <p className="text-sm text-slate-600">No autoscaler: the replica count is fixed.</p>
      )}
    </Card>
  );
}

function EventsCard({ events }: { events: NonNullable<LiveAppData['events']> }) {
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
            {recent.map((event) => (
              <Tr key={event.id}>
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

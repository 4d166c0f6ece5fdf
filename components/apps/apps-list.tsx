'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/input';
import { RelativeTime } from '@/components/ui/relative-time';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import type { AppSummary } from '@/lib/apps/list-apps';
import { LiveStatus } from '@/components/live/live-status';
import { useLiveAppData, useLiveEvents } from '@/components/live/use-live-events';
import { RolloutStateBadge } from './status-badges';

export interface NamespaceOption {
  key: string;
  label: string;
}

export function AppsList({ initialApps, namespaces }: { initialApps: AppSummary[]; namespaces: NamespaceOption[] }) {
  const [filter, setFilter] = useState('');
  const options = useMemo(() => {
    // Admins may see apps in namespaces no team was granted; those join the filter too.
    const all = new Map(namespaces.map((n) => [n.key, n.label]));
    for (const app of initialApps) {
      const key = `${app.clusterId}/${app.namespace}`;
      if (!all.has(key)) all.set(key, `${app.clusterName} / ${app.namespace}`);
    }
    return [...all.entries()].map(([key, label]) => ({ key, label }));
  }, [initialApps, namespaces]);
  const shown = filter === '' ? initialApps : initialApps.filter((app) => `${app.clusterId}/${app.namespace}` === filter);
  const live = useLiveEvents(shown.map((app) => app.id));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <Field label="Namespace" className="w-full sm:w-72">
          <Select value={filter} onChange={(event) => setFilter(event.target.value)}>
            <option value="">All namespaces ({options.length})</option>
            {options.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <LiveStatus state={live} />
      </div>
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-600">No apps in this namespace yet.</p>
      ) : (
        <Table label="Apps">
          <THead>
            <tr>
              <Th>App</Th>
              <Th>Namespace</Th>
              <Th>Image</Th>
              <Th className="text-right">Ready</Th>
              <Th>Rollout</Th>
              <Th>Last change</Th>
            </tr>
          </THead>
          <TBody>
            {shown.map((app) => (
              <AppRow key={app.id} app={app} />
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}

function AppRow({ app }: { app: AppSummary }) {
  const live = useLiveAppData(app.id, 'summary', app.live);
  const image = live?.image ?? app.image;
  const message = live?.rolloutMessage ?? app.liveError ?? '';
  return (
    <Tr>
      <Td>
        <Link href={`/apps/${app.id}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {app.name}
        </Link>
        <div className="text-xs text-slate-500">{app.teamName}</div>
      </Td>
      <Td>
        <span className="font-mono text-xs">{app.namespace}</span>
        <div className="text-xs text-slate-500">{app.clusterName}</div>
      </Td>
      <Td className="max-w-64 truncate font-mono text-xs" title={image ?? undefined}>
        {image ?? '—'}
      </Td>
      <Td className="text-right tabular-nums">{live ? `${live.readyReplicas}/${live.desiredReplicas}` : '—'}</Td>
      <Td>
        <span title={message}>
          <RolloutStateBadge state={live?.rolloutState ?? null} />
        </span>
        {!live && app.liveError ? <div className="mt-1 text-xs text-amber-700">{app.liveError}</div> : null}
      </Td>
      <Td className="text-xs">
        {app.lastChange ? (
          <>
            <div className="text-slate-800">
              #{app.lastChange.number} {app.lastChange.operation.replace(/_/g, ' ')}
            </div>
            <div className="text-slate-500">
              {app.lastChange.authorEmail} · <RelativeTime iso={app.lastChange.createdAt} suffix=" ago" />
            </div>
          </>
        ) : (
          '—'
        )}
      </Td>
    </Tr>
  );
}

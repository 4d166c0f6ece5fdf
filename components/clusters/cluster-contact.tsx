'use client';

import { useActionState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import type { FormAction, FormState } from '@/components/ui/form';
import { RelativeTime } from '@/components/ui/relative-time';

export interface ClusterContact {
  id: string;
  name: string;
  defaultNamespace: string;
  lastContactAt: string | null;
  lastContactOk: boolean | null;
  lastContactError: string | null;
  serverVersion: string | null;
}

/** What the connection test answers (lib/clusters ClusterConnectionReport, minus the refreshed row). */
export interface ConnectionReport {
  reachable: boolean;
  serverVersion: string | null;
  permission: { allowed: boolean; missing: string[] } | null;
  error: { code: string; message: string } | null;
}

type Verdict = { tone: 'success' | 'error'; text: string };

export function describeConnectionReport(clusterName: string, namespace: string, result: FormState<ConnectionReport>): Verdict | null {
  if (!result) return null;
  if (!result.ok) return { tone: 'error', text: result.error.message };
  const report = result.data;
  if (report.error) return { tone: 'error', text: `${report.error.code}: ${report.error.message}` };
  const version = report.serverVersion ? `Kubernetes ${report.serverVersion}` : 'reachable';
  if (report.permission && !report.permission.allowed) {
    return { tone: 'error', text: `${clusterName} answers (${version}) but Berth may not act in ${namespace}: missing ${report.permission.missing.join(', ')}.` };
  }
  return { tone: 'success', text: `${clusterName} answers (${version}); Berth may deploy in ${namespace}.` };
}

function ContactBadge({ ok }: { ok: boolean | null }) {
  if (ok === null) return <Badge>Not tested</Badge>;
  return ok ? <Badge tone="success">Connected</Badge> : <Badge tone="danger">Failing</Badge>;
}

/** The last-contact cell: badge, age, server version, last error, and the connection test that refreshes them. */
export function ClusterContactCell<T extends ConnectionReport>({ cluster, testAction }: { cluster: ClusterContact; testAction: FormAction<T> }) {
  const [state, formAction, isPending] = useActionState<FormState<T>, FormData>(testAction, null);
  const verdict = describeConnectionReport(cluster.name, cluster.defaultNamespace, state);

  return (
    <div className="max-w-sm min-w-56 space-y-1.5">
      <div className="flex flex-wrap items-center gap-2">
        <ContactBadge ok={cluster.lastContactOk} />
        {cluster.lastContactAt ? (
          <span className="text-xs text-slate-500">
            <RelativeTime iso={cluster.lastContactAt} suffix=" ago" />
          </span>
        ) : null}
        {cluster.serverVersion ? <span className="font-mono text-xs text-slate-500">{cluster.serverVersion}</span> : null}
      </div>
      {/* The result is announced here, next to the button, not in a toast as well (one announcement). A
          fresh result replaces the stored error rather than repeating it. */}
      <p role="status" className={verdict ? (verdict.tone === 'success' ? 'text-xs text-emerald-700' : 'text-xs text-red-700') : 'sr-only'}>
        {verdict?.text ?? ''}
      </p>
      {!verdict && cluster.lastContactOk === false && cluster.lastContactError ? (
        <p className="line-clamp-3 max-w-xs text-xs text-red-700" title={cluster.lastContactError}>
          {cluster.lastContactError}
        </p>
      ) : null}
      <form action={formAction}>
        <input type="hidden" name="clusterId" value={cluster.id} />
        <Button type="submit" size="sm" variant="secondary" pending={isPending} aria-label={`Test connection to ${cluster.name}`} className="mt-1">
          {isPending ? 'Testing…' : 'Test connection'}
        </Button>
      </form>
    </div>
  );
}

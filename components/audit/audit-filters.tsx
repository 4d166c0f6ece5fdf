import Link from 'next/link';
import { buttonClasses } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import { auditActions, auditOutcomes } from '@/lib/audit/actions';
import type { AuditFilterParam } from '@/lib/audit/filters';

export type AuditFilterValues = Partial<Record<AuditFilterParam, string>>;

export interface AuditFilterOptions {
  teams: { id: string; name: string }[];
  clusters: { id: string; name: string }[];
  /** Namespaces the user can see, offered as suggestions. */
  namespaces: string[];
  /** Apps the user can see; without them the app filter is a plain id field. */
  apps?: { id: string; label: string }[];
}

const outcomeLabels: Record<string, string> = { REQUESTED: 'Requested', SUCCEEDED: 'Succeeded', FAILED: 'Failed', DENIED: 'Denied' };
const timeHint = 'UTC: 2026-11-26 or 2026-11-26T14:30';

/**
 * The audit log's filters as a plain GET form: the URL is the state, so a filtered view can be
 * bookmarked and shared, works without JavaScript, and the export links reuse the same parameters.
 * `values` are the raw URL strings, so a rejected value stays in its field next to its error.
 */
export function AuditFilters({
  action = '/audit',
  values,
  fieldErrors = {},
  options,
}: {
  action?: string;
  values: AuditFilterValues;
  fieldErrors?: Record<string, string[]>;
  options: AuditFilterOptions;
}) {
  const isFiltered = Object.values(values).some((value) => value !== undefined && value !== '');
  return (
    <form method="get" action={action} aria-label="Filter audit events" className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Actor" hint="Email address" errors={fieldErrors.actor}>
          <Input id="audit-filter-actor" name="actor" type="email" autoComplete="off" defaultValue={values.actor ?? ''} placeholder="ada@example.com" />
        </Field>
        <Field label="Action" errors={fieldErrors.action}>
          <Select id="audit-filter-action" name="action" defaultValue={values.action ?? ''}>
            <option value="">All actions</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Outcome" errors={fieldErrors.outcome}>
          <Select id="audit-filter-outcome" name="outcome" defaultValue={values.outcome ?? ''}>
            <option value="">All outcomes</option>
            {auditOutcomes.map((name) => (
              <option key={name} value={name}>
                {outcomeLabels[name] ?? name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Team" errors={fieldErrors.team}>
          <Select id="audit-filter-team" name="team" defaultValue={values.team ?? ''}>
            <option value="">All teams</option>
            {options.teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Cluster" errors={fieldErrors.cluster}>
          <Select id="audit-filter-cluster" name="cluster" defaultValue={values.cluster ?? ''}>
            <option value="">All clusters</option>
            {options.clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Namespace" errors={fieldErrors.namespace}>
          <Input id="audit-filter-namespace" name="namespace" list="audit-filter-namespaces" autoComplete="off" defaultValue={values.namespace ?? ''} />
        </Field>
        <Field label="App" errors={fieldErrors.app}>
          {options.apps ? (
            <Select id="audit-filter-app" name="app" defaultValue={values.app ?? ''}>
              <option value="">All apps</option>
              {options.apps.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.label}
                </option>
              ))}
            </Select>
          ) : (
            <Input id="audit-filter-app" name="app" autoComplete="off" defaultValue={values.app ?? ''} placeholder="App id" />
          )}
        </Field>
        <div className="grid grid-cols-2 gap-3">
          <Field label="From" hint={timeHint} errors={fieldErrors.from}>
            <Input id="audit-filter-from" name="from" inputMode="numeric" autoComplete="off" defaultValue={values.from ?? ''} placeholder="2026-11-01" />
          </Field>
          <Field label="To" hint="Through that day if no time" errors={fieldErrors.to}>
            <Input id="audit-filter-to" name="to" inputMode="numeric" autoComplete="off" defaultValue={values.to ?? ''} placeholder="2026-11-30" />
          </Field>
        </div>
      </div>
      <datalist id="audit-filter-namespaces">
        {options.namespaces.map((namespace) => (
          <option key={namespace} value={namespace} />
        ))}
      </datalist>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClasses('primary')}>
          Apply filters
        </button>
        {isFiltered ? (
          <Link href={action} className={buttonClasses('ghost')}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}

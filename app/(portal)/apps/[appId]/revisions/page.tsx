import type { Metadata } from 'next';
import Link from 'next/link';
import { RollbackButton } from '@/components/apps/rollback-button';
import { VerdictBadge } from '@/components/apps/status-badges';
import { DiffView } from '@/components/revision-diff/diff-view';
import { buttonClasses } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatTimestamp } from '@/components/ui/format';
import { Select } from '@/components/ui/input';
import { Table, TBody, Td, Th, THead, Tr } from '@/components/ui/table';
import { diffRevisions } from '@/lib/apps/diff-revisions';
import { listRevisions } from '@/lib/apps/list-revisions';
import { loadApp, orNotFound } from '../load-app';

export const metadata: Metadata = { title: 'Revisions' };
export const dynamic = 'force-dynamic';

const readNumber = (value: string | string[] | undefined): number | null => {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 1 ? n : null;
};

export default async function RevisionsPage({ params, searchParams }: { params: Promise<{ appId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { appId } = await params;
  const query = await searchParams;
  const { actor, app, permissions } = await loadApp(appId);
  const revisions = await orNotFound(listRevisions(actor, { appId }));
  if (revisions.length === 0) return <EmptyState title="No revisions yet" description="The app has not been deployed." />;
  const numbers = new Set(revisions.map((r) => r.number));
  const newest = revisions[0].number;
  let to = readNumber(query.to) ?? newest;
  let from = readNumber(query.from) ?? Math.max(1, to - 1);
  if (!numbers.has(to)) to = newest;
  if (!numbers.has(from)) from = Math.max(1, to - 1);
  const diff = from !== to ? await orNotFound(diffRevisions(actor, { appId, from, to })) : null;
  const currentNumber = app.currentRevision?.number;
  return (
    <div className="space-y-6">
      <Table label="Revisions">
        <THead>
          <tr>
            <Th>#</Th>
            <Th>Operation</Th>
            <Th>Change cause</Th>
            <Th>Author</Th>
            <Th>Created</Th>
            <Th>Verdict</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </THead>
        <TBody>
          {revisions.map((revision) => (
            <Tr key={revision.id} className={revision.number === currentNumber ? 'bg-indigo-50/40' : undefined}>
              <Td className="font-semibold text-slate-900 tabular-nums">
                {revision.number}
                {revision.number === currentNumber ? <span className="ml-2 text-xs font-normal text-indigo-700">current</span> : null}
              </Td>
              <Td>{revision.operation.replace(/_/g, ' ')}</Td>
              <Td className="max-w-xs text-xs">{revision.changeCause ?? '—'}</Td>
              <Td className="text-xs">{revision.authorEmail}</Td>
              <Td className="text-xs whitespace-nowrap tabular-nums">{formatTimestamp(revision.createdAt)}</Td>
              <Td>
                <VerdictBadge verdict={revision.verdict} />
                {revision.verdictReason ? <div className="mt-1 max-w-xs text-xs text-slate-500">{revision.verdictReason}</div> : null}
              </Td>
              <Td className="text-right whitespace-nowrap">
                <div className="flex justify-end gap-2">
                  {revision.number > 1 ? (
                    <Link
                      href={`?from=${revision.number - 1}&to=${revision.number}#diff`}
                      className={buttonClasses('ghost', 'sm')}
                      aria-label={`Changes in revision ${revision.number}`}
                    >
                      Changes
                    </Link>
                  ) : null}
                  {permissions.canDeploy && revision.number !== currentNumber ? (
                    <RollbackButton appId={app.id} revision={revision.number} canForce={permissions.canForce} />
                  ) : null}
                </div>
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Card title="Compare revisions" description="The difference between any two revisions' desired state, object by object.">
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="compare-from" className="block text-sm font-medium text-slate-800">
              From revision
            </label>
            <Select id="compare-from" name="from" defaultValue={String(from)} className="mt-1 w-32">
              {revisions.map((r) => (
                <option key={r.id} value={r.number}>
                  {r.number}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <label htmlFor="compare-to" className="block text-sm font-medium text-slate-800">
              To revision
            </label>
            <Select id="compare-to" name="to" defaultValue={String(to)} className="mt-1 w-32">
              {revisions.map((r) => (
                <option key={r.id} value={r.number}>
                  {r.number}
                </option>
              ))}
            </Select>
          </div>
          <button type="submit" className={buttonClasses('secondary')}>
            Compare
          </button>
        </form>
        <div id="diff">
          {diff ? (
            <DiffView diff={diff} label={`Diff from revision ${from} to revision ${to}`} emptyText={`Revisions ${from} and ${to} have the same desired state.`} maxHeight="max-h-[32rem]" />
          ) : (
            <p className="text-sm text-slate-600">Choose two different revisions.</p>
          )}
        </div>
      </Card>
    </div>
  );
}

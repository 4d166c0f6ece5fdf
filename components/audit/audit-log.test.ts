// Server-rendered markup of the audit components: what a reader (and a screen reader) gets.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AuditFilters } from './audit-filters';
import { AuditChainBadge, AuditExportLinks, AuditLog } from './audit-log';
import type { AuditLogEvent } from './pair-audit-events';

function event(seq: number, outcome: string, extra: Partial<AuditLogEvent> = {}): AuditLogEvent {
  return {
    seq,
    at: `2026-11-26T10:00:0${seq}.000Z`,
    actorEmail: 'dev@example.com',
    sourceIp: '10.0.0.1',
    action: 'app.scale',
    outcome,
    namespace: 'team-a',
    target: 'web',
    params: { replicas: 5 },
    errorCode: null,
    errorMessage: null,
    operationId: 'op1',
    ...extra,
  };
}

describe('AuditLog', () => {
  it('shows one row per operation and pagination links that keep the filters', () => {
    const html = renderToStaticMarkup(
      createElement(AuditLog, {
        events: [event(3, 'FAILED', { operationId: 'op2', errorCode: 'CONFLICT', errorMessage: 'changed <elsewhere>' }), event(2, 'REQUESTED', { operationId: 'op2' }), event(1, 'SUCCEEDED')],
        query: 'outcome=FAILED&namespace=team-a',
        olderCursor: 1,
        newerCursor: 3,
      }),
    );
    expect(html).toContain('aria-label="Audit events, one row per operation"');
    expect(html.match(/<tr class/g)).toHaveLength(2);
    expect(html).toContain('2–3');
    expect(html).toContain('took 1.0 s');
    expect(html).toContain('CONFLICT: </span>changed &lt;elsewhere&gt;');
    expect(html).toContain('href="/audit?outcome=FAILED&amp;namespace=team-a&amp;before=1"');
    expect(html).toContain('href="/audit?outcome=FAILED&amp;namespace=team-a&amp;after=3"');
    expect(html).toContain('{&quot;replicas&quot;:5}');
  });

  it('explains an empty, filtered result and offers to clear it', () => {
    const html = renderToStaticMarkup(createElement(AuditLog, { events: [], query: 'actor=x%40y.z', olderCursor: null, newerCursor: null, isFiltered: true }));
    expect(html).toContain('Nothing matches these filters.');
    expect(html).toContain('Clear filters');
    expect(html).not.toContain('Older events');
  });

  it('links exports with the same filters and shows the chain state', () => {
    const links = renderToStaticMarkup(createElement(AuditExportLinks, { query: 'action=app.deploy' }));
    expect(links).toContain('href="/api/audit/export?action=app.deploy&amp;format=csv"');
    expect(links).toContain('href="/api/audit/export?action=app.deploy&amp;format=jsonl"');
    expect(renderToStaticMarkup(createElement(AuditChainBadge, { chain: { ok: true, count: 12 } }))).toContain('Chain verified · 12 events');
    expect(renderToStaticMarkup(createElement(AuditChainBadge, { chain: { ok: false, brokenAt: 7, reason: 'hash', count: 12 } }))).toContain('Chain broken at #7');
  });
});

describe('AuditFilters', () => {
  it('keeps rejected input in its labelled field with the error attached', () => {
    const html = renderToStaticMarkup(
      createElement(AuditFilters, {
        values: { from: 'last week', outcome: 'FAILED' },
        fieldErrors: { from: ['A date (2026-11-26) or date and time (2026-11-26T14:30), in UTC.'] },
        options: { teams: [{ id: 't1', name: 'payments' }], clusters: [{ id: 'c1', name: 'prod' }], namespaces: ['team-a'] },
      }),
    );
    expect(html).toContain('method="get"');
    expect(html).toContain('<label for="audit-filter-from"');
    expect(html).toMatch(/id="audit-filter-from"[^>]*value="last week"|value="last week"[^>]*id="audit-filter-from"/);
    expect(html).toMatch(/aria-invalid="true"[^>]*aria-describedby="audit-filter-from-hint audit-filter-from-error"/);
    expect(html).toContain('id="audit-filter-from-error"');
    expect(html).toContain('<option value="FAILED" selected="">Failed</option>');
    expect(html).toContain('<option value="t1">payments</option>');
    expect(html).toContain('Clear filters');
  });
});

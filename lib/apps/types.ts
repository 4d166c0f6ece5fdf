// DTOs lib/apps hands to pages and server actions: small, typed, never a raw Kubernetes model or a
// Prisma row.
import type { RolloutVerdict } from '@/lib/generated/prisma/enums';
import type { StateDiff } from '@/lib/manifests';

export interface RevisionSummary {
  id: string;
  number: number;
  operation: string;
  authorEmail: string;
  changeCause: string | null;
  /** The Deployment revision (`deployment.kubernetes.io/revision`) this revision's rollout produced. */
  kubeRevision: number | null;
  verdict: RolloutVerdict;
  verdictReason: string | null;
  verdictAt: string | null;
  createdAt: string;
}

export interface RevisionRow {
  id: string;
  number: number;
  operation: string;
  authorEmail: string;
  changeCause: string | null;
  kubeRevision: number | null;
  verdict: RolloutVerdict;
  verdictReason: string | null;
  verdictAt: Date | null;
  createdAt: Date;
}

export function toRevisionSummary(row: RevisionRow): RevisionSummary {
  return {
    id: row.id,
    number: row.number,
    operation: row.operation,
    authorEmail: row.authorEmail,
    changeCause: row.changeCause,
    kubeRevision: row.kubeRevision,
    verdict: row.verdict,
    verdictReason: row.verdictReason,
    verdictAt: row.verdictAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export const revisionSummarySelect = {
  id: true,
  number: true,
  operation: true,
  authorEmail: true,
  changeCause: true,
  kubeRevision: true,
  verdict: true,
  verdictReason: true,
  verdictAt: true,
  createdAt: true,
} as const;

/** What the cluster would change: the server's dry run compared with the live objects. */
export interface ChangePreview {
  kind: 'preview';
  appId: string;
  /** `kubectl diff`-style text, one block per object. */
  unified: string;
  /** One line per changed field. */
  summary: string[];
  objects: { kind: string; name: string; change: 'added' | 'removed' | 'changed' }[];
}

export interface ChangeApplied {
  kind: 'applied';
  appId: string;
  revision: RevisionSummary;
}

export type ChangeResult = ChangeApplied | ChangePreview;

export function toChangePreview(appId: string, diff: StateDiff): ChangePreview {
  return {
    kind: 'preview',
    appId,
    unified: diff.unified,
    summary: diff.summary,
    objects: diff.objects.map((o) => ({ kind: o.kind, name: o.name, change: o.change })),
  };
}

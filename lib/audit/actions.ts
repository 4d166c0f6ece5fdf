// The closed set of audited actions. An action names the file that performs it (STYLE.md):
// `team.member_add` lives in lib/teams/add-team-member.ts.
export const auditActions = [
  'auth.sign_in',
  'auth.sign_out',
  'user.create',
  'user.disable',
  'user.enable',
  'user.reset_password',
  'team.create',
  'team.delete',
  'team.member_add',
  'team.member_remove',
  'grant.create',
  'grant.delete',
  'cluster.create',
  'cluster.update',
  'cluster.delete',
  'app.create',
  'app.adopt',
  'app.deploy',
  'app.expose',
  'app.scale',
  'app.autoscale',
  'app.set_image',
  'app.restart',
  'app.undo',
  'app.rollback',
  'app.delete',
  'app.rollout_verdict',
  'token.create',
  'token.revoke',
  'audit.verify',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditOutcomes = ['REQUESTED', 'SUCCEEDED', 'FAILED', 'DENIED'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

export { auditActions, auditOutcomes, isAuditAction, type AuditAction, type AuditOutcome } from './actions';
export {
  anonymousActor,
  recordDenied,
  recordEvent,
  runAudited,
  type AnonymousActor,
  type AuditActor,
  type AuditContext,
  type AuditInput,
  type AuditParams,
  type AuditScope,
} from './append';
export { listAuditEvents, type AuditEventSummary, type AuditFilters, type AuditPage } from './list-audit-events';
export { mapError, type MappedError } from './map-error';
export { verifyAuditChain, type AuditChainVerdict } from './verify';

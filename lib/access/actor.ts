// Who is acting. Every lib/<domain> operation takes an Actor (or null for a signed-out caller) first.

export interface Actor {
  kind: 'user';
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** Request context recorded in the audit log. */
  ip?: string | null;
  userAgent?: string | null;
}

/** The system itself (rollout verdicts, quickstart bootstrap): audited under this identity. */
export interface SystemActor {
  kind: 'system';
  id: null;
  email: 'system@berth';
  name: 'Berth';
  isAdmin: true;
  ip?: null;
  userAgent?: null;
}

export type AnyActor = Actor | SystemActor;

export const systemActor: SystemActor = {
  kind: 'system',
  id: null,
  email: 'system@berth',
  name: 'Berth',
  isAdmin: true,
};

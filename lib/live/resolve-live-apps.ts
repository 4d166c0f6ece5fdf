// Access checks for the live stream: when it opens and again periodically. Until lib/apps offers its
// own lookups, apps are read here straight from the App table, always behind requirePermission.
import type { AnyActor } from '@/lib/access/actor';
import { requireActor, requirePermission } from '@/lib/access/require';
import { db } from '@/lib/db';
import { BerthError, notFound } from '@/lib/errors';
import type { LiveAppRef } from './app-objects';

/** The same answer for an unknown id and an app outside the actor's scope. */
function appNotFound(): BerthError {
  return notFound('app');
}

async function checkView(actor: AnyActor, app: LiveAppRef): Promise<void> {
  try {
    await requirePermission(actor, { clusterId: app.clusterId, namespace: app.namespace }, 'app.view');
  } catch (error) {
    if (error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND') throw appNotFound();
    throw error;
  }
}

/** Loads the apps the actor may view, in the order asked; any other id fails the whole request alike. */
export async function resolveLiveApps(actor: AnyActor | null, appIds: readonly string[]): Promise<LiveAppRef[]> {
  const signedIn = requireActor(actor);
  const rows = await db.app.findMany({
    where: { id: { in: [...new Set(appIds)] } },
    select: { id: true, clusterId: true, namespace: true, name: true },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const apps: LiveAppRef[] = [];
  for (const appId of appIds) {
    const row = byId.get(appId);
    if (!row) throw appNotFound();
    const app = { appId: row.id, clusterId: row.clusterId, namespace: row.namespace, name: row.name };
    await checkView(signedIn, app);
    apps.push(app);
  }
  return apps;
}

/** The user's sessionVersion now; a stream remembers it when it opens (the session was valid then). */
export async function readSessionVersion(actor: AnyActor): Promise<number | null> {
  if (actor.kind !== 'user') return null;
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}

/**
 * Re-checks a running stream: the user still exists, is enabled and has the same sessionVersion (with their current admin flag),
 * and each app still exists where it was and is still visible. Returns the apps that lost access.
 */
export async function findRevokedApps(actor: AnyActor, apps: readonly LiveAppRef[], sessionVersion: number | null = null): Promise<string[]> {
  let current: AnyActor = actor;
  if (actor.kind === 'user') {
    const user = await db.user.findUnique({ where: { id: actor.id }, select: { isAdmin: true, disabledAt: true, sessionVersion: true } });
    // A bumped sessionVersion (password change, disable, "sign out everywhere") ends open streams too.
    if (!user || user.disabledAt || (sessionVersion !== null && user.sessionVersion !== sessionVersion)) return apps.map((app) => app.appId);
    current = { ...actor, isAdmin: user.isAdmin };
  }
  const rows = await db.app.findMany({ where: { id: { in: apps.map((app) => app.appId) } }, select: { id: true, clusterId: true, namespace: true } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const revoked: string[] = [];
  for (const app of apps) {
    const row = byId.get(app.appId);
    if (!row || row.clusterId !== app.clusterId || row.namespace !== app.namespace) {
      revoked.push(app.appId);
      continue;
    }
    try {
      await checkView(current, app);
    } catch (error) {
      if (error instanceof BerthError && error.code === 'FORBIDDEN_OR_NOT_FOUND') revoked.push(app.appId);
      else throw error;
    }
  }
  return revoked;
}

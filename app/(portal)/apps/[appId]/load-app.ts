// The app for this request, loaded once for the layout and the tab (React cache). Out of scope answers
// exactly like a missing app: the real 404 page.
import { notFound } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '@/lib/access/actor';
import { getApp, type AppDetail } from '@/lib/apps/get-app';
import { requirePageActor } from '@/lib/auth/guards';
import { BerthError } from '@/lib/errors';
import type { AppPermissions } from '@/components/apps/permissions';
import { getNamespacePermissions } from '../permissions';

export interface LoadedApp {
  actor: Actor;
  app: AppDetail;
  permissions: AppPermissions;
}

export const loadApp = cache(async (appId: string): Promise<LoadedApp> => {
  const actor = await requirePageActor();
  let app: AppDetail;
  try {
    app = await getApp(actor, { appId });
  } catch (error) {
    if (error instanceof BerthError && (error.code === 'FORBIDDEN_OR_NOT_FOUND' || error.code === 'INVALID_INPUT')) notFound();
    if (error instanceof Error && error.name === 'ZodError') notFound();
    throw error;
  }
  const permissions = await getNamespacePermissions(actor, { clusterId: app.clusterId, namespace: app.namespace });
  return { actor, app, permissions };
});

/** Guards a tab's read: the same 404 for a missing app and one out of scope. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof BerthError && (error.code === 'FORBIDDEN_OR_NOT_FOUND' || error.code === 'INVALID_INPUT')) notFound();
    throw error;
  }
}

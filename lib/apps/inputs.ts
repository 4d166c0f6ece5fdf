// Envelope fields every app operation shares. The change itself (image, replicas, ports …) is
// validated by lib/manifests' schemas inside each operation, after the permission check.
import { z } from 'zod';

const toBoolean = (value: unknown): unknown => {
  if (value === 'true' || value === 'on' || value === '1') return true;
  if (value === 'false' || value === 'off' || value === '0' || value === '' || value === null) return false;
  return value;
};

export const appIdField = z.string({ error: 'App id is required' }).trim().min(1, { error: 'App id is required' }).max(64, { error: 'App id is too long' });

/** Run as a server-side dry run and return the diff against the live objects; nothing changes. */
export const previewField = z.preprocess(toBoolean, z.boolean({ error: 'Preview must be true or false' })).default(false);

/** Take over fields another field manager owns (server-side apply conflicts). MAINTAINER only. */
export const forceField = z.preprocess(toBoolean, z.boolean({ error: 'Force must be true or false' })).default(false);

export const optionalChangeCause = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string({ error: 'Change cause must be text' }).trim().max(1024, { error: 'Change cause must be at most 1024 characters' }).optional(),
);

export const changeEnvelope = {
  appId: appIdField,
  preview: previewField,
  force: forceField,
  changeCause: optionalChangeCause,
};


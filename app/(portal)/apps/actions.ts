'use server';
// App server actions: thin and public (STYLE.md). Each is a POST endpoint anyone can call; the
// lib/apps operation it wraps loads the app within the caller's scope, checks the role, validates,
// audits and answers a Result. Every change accepts `preview: true` (dry run + diff, nothing changed).
import { defineAction } from '@/lib/action';
import { adoptApp, adoptAppInput } from '@/lib/apps/adopt';
import { autoscaleApp, autoscaleAppInput } from '@/lib/apps/autoscale';
import { createApp, createAppInput } from '@/lib/apps/create-app';
import { deleteApp, deleteAppInput } from '@/lib/apps/delete';
import { deployApp, deployAppInput } from '@/lib/apps/deploy';
import { detectDrift, detectDriftInput } from '@/lib/apps/detect-drift';
import { diffRevisions, diffRevisionsInput } from '@/lib/apps/diff-revisions';
import { exposeApp, exposeAppInput } from '@/lib/apps/expose';
import { getApp, getAppInput } from '@/lib/apps/get-app';
import { restartApp, restartAppInput } from '@/lib/apps/restart';
import { rollbackApp, rollbackAppInput } from '@/lib/apps/rollback';
import { scaleApp, scaleAppInput } from '@/lib/apps/scale';
import { setAppImage, setAppImageInput } from '@/lib/apps/set-image';
import { undoApp, undoAppInput } from '@/lib/apps/undo';

const appPaths = { revalidate: ['/apps', '/audit'] };

export const createAppAction = defineAction(createAppInput, createApp, appPaths);
export const adoptAppAction = defineAction(adoptAppInput, adoptApp, appPaths);
export const deployAppAction = defineAction(deployAppInput, deployApp, appPaths);
export const setAppImageAction = defineAction(setAppImageInput, setAppImage, appPaths);
export const scaleAppAction = defineAction(scaleAppInput, scaleApp, appPaths);
export const autoscaleAppAction = defineAction(autoscaleAppInput, autoscaleApp, appPaths);
export const exposeAppAction = defineAction(exposeAppInput, exposeApp, appPaths);
export const restartAppAction = defineAction(restartAppInput, restartApp, appPaths);
export const undoAppAction = defineAction(undoAppInput, undoApp, appPaths);
export const rollbackAppAction = defineAction(rollbackAppInput, rollbackApp, appPaths);
export const deleteAppAction = defineAction(deleteAppInput, deleteApp, appPaths);
/** Live detail for client-side refreshes (the page renders it server-side first). */
export const getAppAction = defineAction(getAppInput, getApp);
export const detectDriftAction = defineAction(detectDriftInput, detectDrift);
export const diffRevisionsAction = defineAction(diffRevisionsInput, diffRevisions);

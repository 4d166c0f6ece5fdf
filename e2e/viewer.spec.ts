// A VIEWER sees everything about an app — rollout, pods, network, autoscaler, events, revisions and
// their diffs, history — and is offered no action. Posting the app's server actions anyway (the
// requests a maintainer's browser makes, replayed from the viewer's page) is refused: the cluster and
// the revisions stay as they were, and the audit log gains one DENIED record per attempt, nothing else.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { actionsToolbar, expectRolledOut, liveTimeout } from './fixtures/app-page';
import { checkAndCapture } from './fixtures/capture';
import { countRevisions, listAppAuditSince, readCurrentVerdict, readLastAuditSeq } from './fixtures/records';
import { readSandboxDeployment } from './fixtures/sandbox-client';
import { captureServerAction, postServerAction, type CapturedAction } from './fixtures/server-actions';
import { openSessionAs } from './fixtures/session';
import { seedApp, seedAppsWorld, stopSeedFollowers, type AppsWorld } from './fixtures/world';

test.describe.configure({ mode: 'serial' });

const appName = 'api';
let world: AppsWorld;
let appId: string;
let viewer: Page;

test.beforeAll(async ({ browser }) => {
  world = await seedAppsWorld('viewer');
  appId = await seedApp(world, appName, {
    image: 'nginx:1.27',
    replicas: 2,
    containerPort: 80,
    cpuRequest: '100m',
    serviceType: 'NodePort',
    autoscale: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 50 },
  });
  viewer = await openSessionAs(browser, world.viewer);
});

test.afterAll(async () => {
  await viewer?.context().close();
  await stopSeedFollowers();
});

test('the viewer sees the whole app and no action', async () => {
  const row = viewer.getByRole('table', { name: 'Apps' }).getByRole('row').filter({ hasText: appName });
  await row.getByRole('link', { name: appName }).click();
  await expect(viewer.getByRole('heading', { level: 1, name: appName })).toBeVisible();
  await expectRolledOut(viewer, appName);
  await expect(viewer.getByRole('progressbar', { name: 'Ready replicas' })).toHaveAttribute('aria-valuetext', '2 of 2');
  await expect(viewer.getByRole('table', { name: 'Pods' }).getByRole('row')).toHaveCount(3);
  await expect(viewer.getByText(/Service api · NodePort/)).toBeVisible();
  await expect(viewer.getByText(/\(node port 3\d{4}\)/)).toBeVisible();
  await expect(viewer.getByText('min 2, max 4')).toBeVisible({ timeout: liveTimeout });
  await expect(viewer.getByRole('table', { name: 'Recent events' })).toContainText('ScalingReplicaSet');
  await expect(actionsToolbar(viewer)).toHaveCount(0);
  for (const name of ['Scale', 'Autoscale', 'Set image', 'Expose', 'Restart', 'Undo', 'Delete']) {
    await expect(viewer.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  const sections = viewer.getByRole('navigation', { name: 'App sections' });
  await expect(sections.getByRole('link')).toHaveText(['Overview', 'Revisions', 'History']);
  await checkAndCapture(viewer, 'viewer-01-app', { fullPage: true });

  await sections.getByRole('link', { name: 'Revisions' }).click();
  const revisions = viewer.getByRole('table', { name: 'Revisions' });
  await expect(revisions.getByRole('row').filter({ has: viewer.getByRole('cell', { name: 'create', exact: true }) })).toContainText(world.maintainer.email);
  await expect(viewer.getByRole('button', { name: /^Roll back/ })).toHaveCount(0);
  await viewer.getByRole('link', { name: 'Changes in revision 2' }).click();
  await expect(viewer.getByLabel('Diff from revision 1 to revision 2', { exact: true })).toContainText('kind: Service');
  await checkAndCapture(viewer, 'viewer-02-revisions');

  await sections.getByRole('link', { name: 'History' }).click();
  const history = viewer.getByRole('table', { name: 'App history' });
  await expect(history.getByRole('row').filter({ hasText: 'app.create' })).toContainText(world.maintainer.email);
  await checkAndCapture(viewer, 'viewer-03-history');

  await viewer.goto('/apps/new');
  await expect(viewer.getByText('No namespace to create apps in')).toBeVisible();
});

async function openDialog(page: Page, trigger: string, title: string): Promise<Locator> {
  await actionsToolbar(page).getByRole('button', { name: trigger, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Waits for the server's answer (a preview, or a refusal such as "nothing to undo"), then cancels. */
async function closeDialog(dialog: Locator): Promise<void> {
  await expect(dialog.getByRole('region', { name: 'Preview of the change' }).or(dialog.getByRole('alert'))).toBeVisible({ timeout: liveTimeout });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
}

/** The maintainer's browser asks for previews (nothing changes); the requests it sent are kept. */
async function captureMaintainerActions(page: Page): Promise<Record<'scale' | 'setImage' | 'undo' | 'delete', CapturedAction>> {
  await page.goto(`/apps/${appId}`);
  const scaleDialog = await openDialog(page, 'Scale', 'Scale app');
  await scaleDialog.getByLabel('Replicas').fill('5');
  const scale = await captureServerAction(page, () => scaleDialog.getByRole('button', { name: 'Preview', exact: true }).click());
  await closeDialog(scaleDialog);
  const imageDialog = await openDialog(page, 'Set image', 'Set image');
  await imageDialog.getByLabel('Image').fill('nginx:1.28');
  const setImage = await captureServerAction(page, () => imageDialog.getByRole('button', { name: 'Preview', exact: true }).click());
  await closeDialog(imageDialog);
  let undoDialog: Locator | undefined;
  const undo = await captureServerAction(page, async () => {
    undoDialog = await openDialog(page, 'Undo', 'Undo last rollout');
  });
  await closeDialog(undoDialog as Locator);
  let deleteDialog: Locator | undefined;
  const remove = await captureServerAction(page, async () => {
    deleteDialog = await openDialog(page, 'Delete', 'Delete app');
  });
  await closeDialog(deleteDialog as Locator);
  return { scale, setImage, undo, delete: remove };
}

function withArgs(action: CapturedAction, change: Record<string, unknown>): unknown[] {
  const [first, ...rest] = action.args;
  return [{ ...(first as Record<string, unknown>), ...change }, ...rest];
}

test("posting the app's server actions from the viewer's browser is refused and changes nothing", async ({ browser }) => {
  test.setTimeout(90_000);
  const maintainer = await openSessionAs(browser, world.maintainer);
  const captured = await captureMaintainerActions(maintainer);
  expect(captured.scale.headers['next-action']).toMatch(/^[0-9a-f]{40,}$/);
  // Control: a captured request works when its owner sends it again (a preview: nothing changes).
  const control = await postServerAction(maintainer, captured.setImage, withArgs(captured.setImage, { image: 'nginx:1.29', preview: true }));
  expect(control.body).toContain('"ok":true');
  expect(control.body).toContain('nginx:1.29');
  await maintainer.context().close();

  await expect.poll(() => readCurrentVerdict(appId), { timeout: liveTimeout }).toBe('SUCCEEDED');
  const before = await readSandboxDeployment(world.namespace, appName);
  const revisionsBefore = await countRevisions(appId);
  const since = await readLastAuditSeq();

  await viewer.goto(`/apps/${appId}`);
  const attempts: [CapturedAction, Record<string, unknown>][] = [
    [captured.scale, { replicas: 7, preview: false }],
    [captured.setImage, { image: 'nginx:1.28', preview: false }],
    [captured.undo, { preview: false }],
    [captured.delete, { preview: false }],
  ];
  for (const [action, change] of attempts) {
    const reply = await postServerAction(viewer, action, withArgs(action, change));
    expect(reply.body).toContain('"ok":false');
    expect(reply.body).toContain('FORBIDDEN_OR_NOT_FOUND');
  }

  expect(await readSandboxDeployment(world.namespace, appName)).toEqual(before);
  expect(await countRevisions(appId)).toBe(revisionsBefore);
  const recorded = await listAppAuditSince(appId, since);
  expect(recorded.map(({ action, actorEmail, outcome }) => ({ action, actorEmail, outcome }))).toEqual(
    ['app.scale', 'app.set_image', 'app.undo', 'app.delete'].map((action) => ({ action, actorEmail: world.viewer.email, outcome: 'DENIED' })),
  );

  await viewer.getByRole('navigation', { name: 'App sections' }).getByRole('link', { name: 'History' }).click();
  const denied = viewer.getByRole('table', { name: 'App history' }).getByRole('row').filter({ hasText: 'DENIED' });
  await expect(denied).toHaveCount(4);
  await expect(denied.first()).toContainText(world.viewer.email);
  await checkAndCapture(viewer, 'viewer-04-history-denied');
});

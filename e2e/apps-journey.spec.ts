// Issue 6's journey against the sandbox cluster, in order, in two browsers: Dana holds DEPLOYER in
// the namespace and does every DEPLOYER step (scale, set image, the broken image, undo, roll back,
// history, audit, export). Creating an app, exposing it and autoscaling it are MAINTAINER operations
// (lib/access/roles.ts), so Mo — MAINTAINER of the same namespace, whose team owns the app — does
// exactly those three, and Dana's toolbar is checked not to offer them.
//
// The app is made to roll visibly: a readiness probe delay of 150 s of cluster time (5 s at the
// sandbox's speed 30, e2e/sandbox-setup.ts), max surge 100% so each rollout is one wave, and a
// progress deadline of 300 s (10 s) so the broken image fails quickly.
import { expect, test, type Page } from '@playwright/test';
import {
  actionsToolbar,
  confirmChange,
  expectImage,
  expectRolledOut,
  expectSameDocument,
  expectVerdict,
  liveTimeout,
  markDocument,
  rolloutStatus,
  runChange,
} from './fixtures/app-page';
import { downloadText, parseCsvRecords, parseJsonLines } from './fixtures/audit-export';
import { checkAndCapture } from './fixtures/capture';
import { openSessionAs } from './fixtures/session';
import { admin, signIn } from './support/pages';
import { seedAppsWorld, type AppsWorld } from './fixtures/world';

test.describe.configure({ mode: 'serial' });

const appName = 'web';
let world: AppsWorld;
let mo: Page;
let dana: Page;
let appId = '';

test.beforeAll(async ({ browser }) => {
  world = await seedAppsWorld('journey');
  mo = await openSessionAs(browser, world.maintainer);
  dana = await openSessionAs(browser, world.deployer);
});

test.afterAll(async () => {
  await mo?.context().close();
  await dana?.context().close();
});

test('the maintainer creates the app from the form, checks it as YAML, previews the dry run and deploys it', async () => {
  test.setTimeout(120_000);
  await checkAndCapture(mo, 'journey-00-apps-empty');
  // The page header and the empty state both offer it.
  await mo.getByRole('link', { name: 'Create app' }).first().click();
  await expect(mo.getByRole('heading', { level: 1, name: 'New app' })).toBeVisible();
  const namespace = mo.getByRole('combobox', { name: 'Namespace' });
  await expect(namespace.getByRole('option')).toHaveText(['Choose a namespace…', `sandbox / ${world.namespace}`]);
  await namespace.selectOption({ label: `sandbox / ${world.namespace}` });
  await mo.getByRole('textbox', { name: 'App name' }).fill(appName);
  await mo.getByRole('textbox', { name: 'Image' }).fill('nginx:1.27');
  await mo.getByLabel('Replicas').fill('3');
  await mo.getByLabel('Container port').fill('80');
  await mo.getByText('CPU and memory', { exact: true }).click();
  await mo.getByLabel('CPU request').fill('100m');
  await mo.getByText('Probes', { exact: true }).click();
  const readiness = mo.getByRole('group', { name: 'Readiness probe' });
  await readiness.getByLabel('Readiness probe type').selectOption('http');
  await readiness.getByLabel('Readiness probe path').fill('/');
  await readiness.getByLabel('Readiness probe port').fill('80');
  await readiness.getByLabel('Initial delay (s)').fill('150');
  await mo.getByText('Rolling update', { exact: true }).click();
  await mo.getByLabel('Max surge').fill('100%');
  await mo.getByLabel('Max unavailable').fill('0');
  await checkAndCapture(mo, 'journey-01-new-app-form', { fullPage: true });

  // Switching to YAML keeps every field; the progress deadline has no form field, so it is added there.
  await mo.getByRole('group', { name: 'Editor mode' }).getByRole('button', { name: 'YAML' }).click();
  const yaml = mo.getByRole('textbox', { name: 'YAML' });
  await expect(yaml).toHaveValue(/replicas: 3/);
  const text = await yaml.inputValue();
  for (const expected of ['image: nginx:1.27', 'containerPort: 80', 'cpu: 100m', 'initialDelaySeconds: 150', 'maxSurge: 100%']) expect(text).toContain(expected);
  await yaml.fill(text.replace(/^(\s+)replicas: 3$/m, '$1progressDeadlineSeconds: 300\n$1replicas: 3'));
  await mo.getByLabel('Change cause').fill('First deploy of web');
  await checkAndCapture(mo, 'journey-02-new-app-yaml');

  await mo.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(mo.getByRole('heading', { name: 'Preview', exact: true })).toBeVisible({ timeout: liveTimeout });
  const preview = mo.getByLabel('Change preview', { exact: true });
  await expect(preview).toContainText('kind: Deployment');
  await expect(preview).toContainText('progressDeadlineSeconds: 300');
  await checkAndCapture(mo, 'journey-03-new-app-preview');

  await mo.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(mo).toHaveURL(/\/apps\/[0-9a-f-]{36}$/, { timeout: liveTimeout });
  appId = new URL(mo.url()).pathname.split('/')[2];
  await markDocument(mo);
  // The probe delay holds the pods unready for a while: the page shows the rollout under way first …
  await expect(rolloutStatus(mo)).toContainText(`Waiting for deployment "${appName}" rollout to finish`, { timeout: liveTimeout });
  await checkAndCapture(mo, 'journey-04-rollout-progressing');
  // … and then, from the live stream alone, its end.
  await expectRolledOut(mo, appName);
  await expect(mo.getByRole('progressbar', { name: 'Ready replicas' })).toHaveAttribute('aria-valuetext', '3 of 3');
  await expectVerdict(mo, 'SUCCEEDED');
  await expectSameDocument(mo);
  await checkAndCapture(mo, 'journey-05-rolled-out');
});

test('the deployer finds the app in the list and gets the deployer actions only', async () => {
  await dana.goto('/apps');
  const row = dana.getByRole('table', { name: 'Apps' }).getByRole('row').filter({ hasText: appName });
  await expect(row).toContainText('nginx:1.27');
  await checkAndCapture(dana, 'journey-06-apps-list');
  await row.getByRole('link', { name: appName }).click();
  await expect(dana.getByRole('heading', { level: 1, name: appName })).toBeVisible();
  const toolbar = actionsToolbar(dana);
  for (const name of ['Scale', 'Set image', 'Restart', 'Undo']) await expect(toolbar.getByRole('button', { name, exact: true })).toBeVisible();
  for (const name of ['Expose', 'Autoscale', 'Delete']) await expect(toolbar.getByRole('button', { name, exact: true })).toHaveCount(0);
  await markDocument(dana);
});

test('the maintainer exposes it as a NodePort; the deployer sees the node port appear live', async () => {
  await runChange(mo, {
    trigger: 'Expose',
    dialog: 'Expose app',
    fill: async (dialog) => {
      await dialog.getByLabel('Service type').selectOption('NodePort');
      await dialog.getByLabel('Port', { exact: true }).fill('80');
    },
    expectPreview: ['kind: Service', 'type: NodePort'],
    confirm: 'Expose',
    onPreview: () => checkAndCapture(mo, 'journey-07-expose-preview'),
  });
  await expect(mo.getByText(/Service web · NodePort/)).toBeVisible({ timeout: liveTimeout });
  await expect(mo.getByText(/80→80\/TCP \(node port 3\d{4}\)/)).toBeVisible({ timeout: liveTimeout });
  await expect(dana.getByText(/80→80\/TCP \(node port 3\d{4}\)/)).toBeVisible({ timeout: liveTimeout });
  await expect(dana.getByText('3 ready')).toBeVisible({ timeout: liveTimeout });
  await expectSameDocument(dana);
});

test('the deployer scales it to 5', async () => {
  await runChange(dana, {
    trigger: 'Scale',
    dialog: 'Scale app',
    fill: (dialog) => dialog.getByLabel('Replicas').fill('5'),
    expectPreview: [/-\s+replicas: 3/, /\+\s+replicas: 5/],
    confirm: 'Scale',
    onPreview: () => checkAndCapture(dana, 'journey-08-scale-preview'),
  });
  await expect(dana.getByRole('progressbar', { name: 'Ready replicas' })).toHaveAttribute('aria-valuetext', '5 of 5', { timeout: liveTimeout });
  await expect(dana.getByRole('table', { name: 'Pods' }).getByRole('row')).toHaveCount(6);
  await expectRolledOut(dana, appName);
  await expectSameDocument(dana);
});

test('the maintainer autoscales it between 1 and 3 replicas at 50% CPU', async () => {
  await runChange(mo, {
    trigger: 'Autoscale',
    dialog: 'Autoscale app',
    fill: async (dialog) => {
      await dialog.getByLabel('Minimum replicas').fill('1');
      await dialog.getByLabel('Maximum replicas').fill('3');
      await dialog.getByLabel('Target CPU (%)').fill('50');
    },
    expectPreview: ['kind: HorizontalPodAutoscaler', 'maxReplicas: 3', 'averageUtilization: 50'],
    confirm: 'Apply autoscaler',
    onPreview: () => checkAndCapture(mo, 'journey-09-autoscale-preview'),
  });
  const autoscaler = dana.locator('section, div').filter({ has: dana.getByRole('heading', { name: 'Autoscaler' }) }).last();
  await expect(autoscaler).toContainText('min 1, max 3', { timeout: liveTimeout });
  await expect(autoscaler).toContainText('of 50% target');
  // Idle pods: the autoscaler brings 5 replicas down to its maximum (and later towards 1).
  await expect(dana.getByRole('progressbar', { name: 'Ready replicas' })).not.toHaveAttribute('aria-valuetext', '5 of 5', { timeout: liveTimeout });
  await expectSameDocument(dana);
  await checkAndCapture(dana, 'journey-10-exposed-scaled-autoscaled', { fullPage: true });
});

test('the deployer sets a new image and watches it roll', async () => {
  test.setTimeout(90_000);
  await runChange(dana, {
    trigger: 'Set image',
    dialog: 'Set image',
    fill: async (dialog) => {
      await dialog.getByLabel('Image').fill('nginx:1.28');
      await dialog.getByLabel('Change cause').fill('nginx 1.28');
    },
    expectPreview: [/-\s+image: nginx:1\.27/, /\+\s+image: nginx:1\.28/],
    confirm: 'Set image',
    onPreview: () => checkAndCapture(dana, 'journey-11-set-image-preview'),
  });
  await expect(rolloutStatus(dana)).toContainText(`Waiting for deployment "${appName}" rollout to finish`, { timeout: liveTimeout });
  await checkAndCapture(dana, 'journey-12-set-image-rolling');
  await expectRolledOut(dana, appName);
  await expectImage(dana, appName, 'nginx:1.28');
  await expectVerdict(dana, 'SUCCEEDED');
  await expectSameDocument(dana);
});

test("a broken image fails: FAILED verdict with the pods' reason", async () => {
  test.setTimeout(90_000);
  await runChange(dana, {
    trigger: 'Set image',
    dialog: 'Set image',
    fill: (dialog) => dialog.getByLabel('Image').fill('nginx:broken'),
    expectPreview: [/\+\s+image: nginx:broken/],
    confirm: 'Set image',
  });
  await expect(dana.getByRole('table', { name: 'Pods' })).toContainText('ImagePullBackOff', { timeout: liveTimeout });
  await expect(rolloutStatus(dana)).toContainText(`deployment "${appName}" exceeded its progress deadline`, { timeout: liveTimeout });
  await expectVerdict(dana, 'FAILED');
  // The verdict carries the reason the pods give, not only kubectl's line.
  await expect(dana.getByText(/Verdict of the current revision: FAILED — .*(ImagePullBackOff|ErrImagePull): .*nginx:broken/)).toBeVisible();
  await expect(dana.getByRole('table', { name: 'Recent events' })).toContainText('Back-off pulling image "nginx:broken"');
  await expectSameDocument(dana);
  await checkAndCapture(dana, 'journey-13-broken-image-failed');
});

test('undo brings the previous image back and the rollout recovers', async () => {
  test.setTimeout(90_000);
  await runChange(dana, {
    trigger: 'Undo',
    dialog: 'Undo last rollout',
    expectPreview: [/-\s+image: nginx:broken/, /\+\s+image: nginx:1\.28/],
    confirm: 'Undo',
    onPreview: () => checkAndCapture(dana, 'journey-14-undo-preview'),
  });
  await expectRolledOut(dana, appName);
  await expectImage(dana, appName, 'nginx:1.28');
  await expectVerdict(dana, 'SUCCEEDED');
  await expectSameDocument(dana);
  await checkAndCapture(dana, 'journey-15-undone');
});

test('the deployer views what revision 1 restores, then rolls back to it', async () => {
  test.setTimeout(90_000);
  await dana.getByRole('navigation', { name: 'App sections' }).getByRole('link', { name: 'Revisions' }).click();
  const revisions = dana.getByRole('table', { name: 'Revisions' });
  const rows = revisions.getByRole('row').filter({ has: dana.getByRole('cell') });
  await expect(rows.first()).toContainText('current');
  const newest = Number((await rows.first().getByRole('cell').first().innerText()).match(/^\d+/)?.[0]);
  expect(newest).toBeGreaterThanOrEqual(6);
  await expect(rows).toHaveCount(newest);
  await expect(rows.last()).toContainText('create');
  await expect(rows.last()).toContainText(world.maintainer.email);
  await expect(rows.filter({ hasText: 'FAILED' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'FAILED' })).toContainText('set image');
  await checkAndCapture(dana, 'journey-16-revisions', { fullPage: true });

  await dana.getByLabel('From revision', { exact: true }).selectOption('1');
  await dana.getByLabel('To revision', { exact: true }).selectOption(String(newest));
  await dana.getByRole('button', { name: 'Compare' }).click();
  const diff = dana.getByLabel(`Diff from revision 1 to revision ${newest}`, { exact: true });
  await expect(diff).toContainText(/-\s+image: nginx:1\.27/);
  await expect(diff).toContainText(/\+\s+image: nginx:1\.28/);
  await checkAndCapture(dana, 'journey-17-revision-diff');

  await dana.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = dana.getByRole('dialog', { name: 'Roll back to revision 1' });
  const preview = dialog.getByRole('region', { name: 'Preview of the change' });
  await expect(preview).toContainText(/\+\s+image: nginx:1\.27/, { timeout: liveTimeout });
  await expect(preview).toContainText('kind: Service');
  await checkAndCapture(dana, 'journey-18-rollback-preview');
  await confirmChange(dialog, 'Roll back');
  await expect(rows).toHaveCount(newest + 1, { timeout: liveTimeout });

  await dana.getByRole('navigation', { name: 'App sections' }).getByRole('link', { name: 'Overview' }).click();
  await expectRolledOut(dana, appName);
  await expectImage(dana, appName, 'nginx:1.27');
  await expectVerdict(dana, 'SUCCEEDED');
  await expect(dana.getByText('Not exposed: no Service or Ingress.')).toBeVisible({ timeout: liveTimeout });
  await expect(dana.getByText('No autoscaler: the replica count is fixed.')).toBeVisible({ timeout: liveTimeout });
  await checkAndCapture(dana, 'journey-19-rolled-back');
});

/** Every change of the journey: action, who, and that it succeeded. */
const steps = (w: AppsWorld) => [
  { action: 'app.create', actor: w.maintainer.email },
  { action: 'app.expose', actor: w.maintainer.email },
  { action: 'app.scale', actor: w.deployer.email },
  { action: 'app.autoscale', actor: w.maintainer.email },
  { action: 'app.set_image', actor: w.deployer.email },
  { action: 'app.undo', actor: w.deployer.email },
  { action: 'app.rollback', actor: w.deployer.email },
];

test("the app's history shows every step with actor and outcome", async () => {
  await dana.getByRole('navigation', { name: 'App sections' }).getByRole('link', { name: 'History' }).click();
  const history = dana.getByRole('table', { name: 'App history' });
  for (const step of steps(world)) {
    await expect(history.getByRole('row').filter({ hasText: step.action }).filter({ hasText: step.actor }).filter({ hasText: 'SUCCEEDED' }).first()).toBeVisible();
  }
  await expect(history.getByRole('row').filter({ hasText: 'app.set_image' }).filter({ hasText: 'SUCCEEDED' })).toHaveCount(2);
  await expect(history.getByRole('row').filter({ hasText: 'app.rollout_verdict' }).filter({ hasText: 'FAILED' }).first()).toContainText('ImagePull');
  await checkAndCapture(dana, 'journey-20-history', { fullPage: true });
});

test('the audit log, filtered to the app, shows the steps, and its CSV and JSON-lines exports contain them', async () => {
  await dana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(dana.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const filters = dana.getByRole('form', { name: 'Filter audit events' });
  await filters.getByLabel('App', { exact: true }).selectOption({ label: `${world.namespace}/${appName}` });
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(dana).toHaveURL(new RegExp(`app=${appId}`));
  const table = dana.getByRole('table', { name: 'Audit events' });
  for (const step of steps(world)) {
    await expect(table.getByRole('row').filter({ hasText: step.action }).filter({ hasText: step.actor }).filter({ hasText: 'Succeeded' }).first()).toBeVisible();
  }
  await expect(table.getByRole('row').filter({ hasText: 'app.rollout_verdict' }).filter({ hasText: 'Failed' }).first()).toContainText('ImagePull');
  await checkAndCapture(dana, 'journey-21-audit', { fullPage: true });

  const csv = parseCsvRecords(await downloadText(dana, 'Export CSV'));
  const lines = parseJsonLines(await downloadText(dana, 'Export JSON lines'));
  expect(lines).toHaveLength(csv.length);
  for (const step of steps(world)) {
    expect(csv.some((r) => r.action === step.action && r.actor_email === step.actor && r.outcome === 'SUCCEEDED'), `CSV has ${step.action} by ${step.actor}`).toBe(true);
    expect(lines.some((r) => r.action === step.action && r.actorEmail === step.actor && r.outcome === 'SUCCEEDED'), `JSON lines have ${step.action} by ${step.actor}`).toBe(true);
  }
  expect(csv.some((r) => r.action === 'app.rollout_verdict' && r.outcome === 'FAILED' && r.error_message.includes('ImagePull'))).toBe(true);
  expect(lines.every((r) => r.appId === appId)).toBe(true);
});

test('an admin sees the whole log verified and pages through it by cursor', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, admin.email, admin.password);
  await page.goto('/audit?limit=10');
  await expect(page.getByText(/^Chain verified · \d+ events$/)).toBeVisible();
  const firstSeq = () => page.getByRole('table', { name: 'Audit events' }).getByRole('row').nth(1).getByRole('cell').first().innerText();
  const newest = await firstSeq();
  const pages = page.getByRole('navigation', { name: 'Audit pages' });
  await pages.getByRole('link', { name: 'Older events →' }).click();
  await expect(page).toHaveURL(/[?&]before=\d+/);
  await expect(page).toHaveURL(/[?&]limit=10/);
  const older = await firstSeq();
  expect(Number(older.split('–')[0])).toBeLessThan(Number(newest.split('–')[0]));
  await checkAndCapture(page, 'journey-22-audit-older-page');
  await pages.getByRole('link', { name: '← Newer events' }).click();
  await expect(page).toHaveURL(/[?&]after=\d+/);
  await expect.poll(firstSeq).toBe(newest);
  await page.context().close();
});

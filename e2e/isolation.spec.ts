// Another team's app is invisible: its pages and its live event stream answer exactly like an app
// that does not exist. The owner's own session is the control that the same requests do work.
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { openSessionAs, probeEventStream } from './fixtures/session';
import { seedApp, seedAppsWorld, stopSeedFollowers, type AppsWorld } from './fixtures/world';

test.describe.configure({ mode: 'serial' });

let world: AppsWorld;
let appId: string;
const appName = 'ledger';

test.beforeAll(async () => {
  world = await seedAppsWorld('isolation');
  appId = await seedApp(world, appName, { image: 'nginx:1.27', replicas: 1, containerPort: 80 });
});

test.afterAll(async () => {
  await stopSeedFollowers();
});

/** What a page answers: its HTTP status and, once rendered, its main heading. */
async function visit(page: Page, path: string): Promise<{ status: number | undefined; heading: string }> {
  const response = await page.goto(path);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  return { status: response?.status(), heading: await heading.innerText() };
}

test("a member of the app's namespace sees the app and opens its event stream", async ({ browser }) => {
  const page = await openSessionAs(browser, world.viewer);
  const response = await page.goto(`/apps/${appId}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: appName })).toBeVisible();
  const stream = await probeEventStream(page, [appId]);
  expect(stream.status).toBe(200);
  expect(stream.contentType).toContain('text/event-stream');
  await page.context().close();
});

test("a user of another team gets not found for the app's pages and its event stream, as for a missing app", async ({ browser }) => {
  const page = await openSessionAs(browser, world.outsider);
  await expect(page.getByText(appName)).toHaveCount(0);
  const missing = randomUUID();
  for (const suffix of ['', '/revisions', '/history', '/settings']) {
    const theirs = await visit(page, `/apps/${appId}${suffix}`);
    expect(theirs.heading).toBe('Page not found');
    await expect(page.getByText(appName)).toHaveCount(0);
    // Exactly what an app that does not exist answers (the status is 200 or 404 depending on whether
    // a loading boundary has already streamed; it must not differ between the two).
    expect(theirs, suffix).toEqual(await visit(page, `/apps/${missing}${suffix}`));
  }

  const theirs = await probeEventStream(page, [appId]);
  const nothing = await probeEventStream(page, [missing]);
  expect(theirs.status).toBe(404);
  expect(theirs.error?.code).toBe('FORBIDDEN_OR_NOT_FOUND');
  expect(theirs).toEqual(nothing);
  await page.context().close();
});

test("the other team's user never sees the app's namespace or its audit events", async ({ browser }) => {
  const page = await openSessionAs(browser, world.outsider);
  await page.goto('/apps/new');
  const namespaces = page.getByRole('combobox', { name: 'Namespace' }).getByRole('option');
  await expect(namespaces.filter({ hasText: world.otherNamespace })).toHaveCount(1);
  await expect(namespaces.filter({ hasText: new RegExp(`/ ${world.namespace}$`) })).toHaveCount(0);

  await page.goto(`/audit?app=${appId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByText('No audit events')).toBeVisible();
  const exported = await page.request.get(`/api/audit/export?format=jsonl&namespace=${world.namespace}`);
  expect(exported.status()).toBe(200);
  expect(await exported.text()).toBe('');
  const everything = await page.request.get('/api/audit/export?format=jsonl');
  expect(await everything.text()).not.toContain(appId);
  await page.context().close();
});

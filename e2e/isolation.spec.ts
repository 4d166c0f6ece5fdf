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

async function expectNotFoundPage(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText(appName)).toHaveCount(0);
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
  for (const suffix of ['', '/revisions', '/history', '/settings']) {
    await expectNotFoundPage(page, `/apps/${appId}${suffix}`);
  }
  const missing = randomUUID();
  await expectNotFoundPage(page, `/apps/${missing}`);

  const theirs = await probeEventStream(page, [appId]);
  const nothing = await probeEventStream(page, [missing]);
  expect(theirs.status).toBe(404);
  expect(theirs.error?.code).toBe('FORBIDDEN_OR_NOT_FOUND');
  expect(theirs).toEqual(nothing);
  await page.context().close();
});

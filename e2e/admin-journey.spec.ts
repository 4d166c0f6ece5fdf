import { expect, test, type Browser, type Page } from '@playwright/test';
import { admin, captureAndCheck, signIn } from './support/pages';
import { e2eClusterName } from './support/seed';

// One journey, in order: each step builds on the rows the previous one created.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const teamName = `Checkout ${stamp}`;
const developer = { email: `dev-${stamp}@berth.test`, name: 'Dana Developer', password: '' };
const namespace = `payments-${stamp}`;

let adminPage: Page;

test.beforeAll(async ({ browser }) => {
  adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin.email, admin.password);
});

test.afterAll(async () => {
  await adminPage.context().close();
});

async function signInAs(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, password);
  return page;
}

test('the admin lands on the apps page with admin navigation', async () => {
  const page = adminPage;
  await expect(page.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toBeVisible();
  await captureAndCheck(page, 'apps');
});

test('the admin creates a team', async () => {
  const page = adminPage;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Teams' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Create team' });
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(form.getByText('Team name must be at least 2 characters.')).toBeVisible();

  await form.getByLabel('Team name').fill(teamName);
  await form.getByLabel('Description').fill('Checkout and billing');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Created team ${teamName}.` })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Teams' }).getByRole('link', { name: teamName })).toBeVisible();
  await captureAndCheck(page, 'admin-teams');
});

test('the admin creates a user and sees the generated password once', async () => {
  const page = adminPage;
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Create user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create user' });
  await dialog.getByLabel('Email').fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog.getByText('Enter a valid email address, such as ada@example.com.')).toBeVisible();
  await captureAndCheck(page, 'admin-users-create');

  await dialog.getByLabel('Email').fill(developer.email);
  await dialog.getByLabel('Name', { exact: true }).fill(developer.name);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  const created = page.getByRole('dialog', { name: 'User created' });
  const password = created.getByLabel('Generated password');
  await expect(password).toHaveText(/^\S{20}$/);
  developer.password = (await password.textContent()) ?? '';
  await created.getByRole('button', { name: 'Done' }).click();

  const row = page.getByRole('row').filter({ hasText: developer.email });
  await expect(row.getByText('Active')).toBeVisible();
  await captureAndCheck(page, 'admin-users');
});

test('the admin adds the user to the team', async () => {
  const page = adminPage;
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Teams' }).click();
  await page.getByRole('link', { name: teamName }).click();
  await expect(page.getByRole('heading', { level: 1, name: teamName })).toBeVisible();
  const form = page.getByRole('form', { name: 'Add member' });
  await form.getByLabel('Member email').fill(developer.email);
  await form.getByLabel('Team role').selectOption('MEMBER');
  await form.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row').filter({ hasText: developer.email })).toBeVisible();
  await captureAndCheck(page, 'admin-team');
});

test('the admin grants the team a role in a namespace', async () => {
  const page = adminPage;
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Namespace grants' }).click();
  const form = page.getByRole('form', { name: 'Create grant' });
  await form.getByLabel('Team').selectOption({ label: teamName });
  await form.getByLabel('Cluster').selectOption({ label: e2eClusterName });
  await form.getByLabel('Namespace').fill('Not_A_Label');
  await form.getByLabel('Role').selectOption('DEPLOYER');
  await form.getByRole('button', { name: 'Create grant' }).click();
  await expect(form.getByText(/Namespace must be a DNS-1123 label/)).toBeVisible();

  await form.getByLabel('Namespace').fill(namespace);
  await form.getByRole('button', { name: 'Create grant' }).click();
  const row = page.getByRole('table', { name: 'Namespace grants' }).getByRole('row').filter({ hasText: namespace });
  await expect(row.getByText('Deployer')).toBeVisible();
  await expect(row.getByRole('cell', { name: teamName, exact: true })).toBeVisible();
  await captureAndCheck(page, 'admin-grants');
});

test('the admin sees the registered clusters', async () => {
  const page = adminPage;
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Clusters' }).click();
  await expect(page.getByRole('table', { name: 'Clusters' }).getByRole('row').filter({ hasText: e2eClusterName })).toBeVisible();
  await captureAndCheck(page, 'admin-clusters');
});

test("the audit page shows the admin's changes and a verified chain", async () => {
  const page = adminPage;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByText(/^Chain verified · \d+ events$/)).toBeVisible();
  const table = page.getByRole('table', { name: 'Audit events' });
  for (const [action, target] of [
    ['team.create', teamName],
    ['user.create', developer.email],
    ['team.member_add', `${teamName}/${developer.email}`],
    ['grant.create', `${teamName} → ${e2eClusterName}/${namespace}`],
  ]) {
    const row = table.getByRole('row').filter({ hasText: action }).filter({ hasText: target }).filter({ hasText: 'Succeeded' });
    await expect(row.first()).toBeVisible();
    await expect(row.first()).toContainText(admin.email);
  }
  await expect(table.getByRole('row').filter({ hasText: 'auth.sign_in' }).filter({ hasText: admin.email }).filter({ hasText: 'Succeeded' }).first()).toBeVisible();
  await captureAndCheck(page, 'audit');
});

test('the new user signs in, sees no admin navigation, and admin pages are not found', async ({ browser }) => {
  const page = await signInAs(browser, developer.email, developer.password);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Apps' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  for (const path of ['/admin', '/admin/users', '/admin/teams', '/admin/grants', '/admin/clusters', '/admin/no-such-page']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  await captureAndCheck(page, 'not-found');

  // Their own team is visible to them, read-only for a MEMBER.
  await page.goto('/apps');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
  await page.getByRole('link', { name: teamName }).click();
  await expect(page.getByRole('heading', { level: 1, name: teamName })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Team grants' }).getByRole('row').filter({ hasText: namespace })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add member' })).toHaveCount(0);
  await captureAndCheck(page, 'my-team');
  await page.context().close();
});

test("a disabled user's open session is refused on its next request", async ({ browser }) => {
  const page = await signInAs(browser, developer.email, developer.password);

  await adminPage.goto('/admin/users');
  await adminPage.getByRole('button', { name: `Disable ${developer.email}` }).click();
  const confirm = adminPage.getByRole('dialog', { name: `Disable ${developer.email}?` });
  await confirm.getByRole('button', { name: 'Disable user' }).click();
  await expect(adminPage.getByRole('row').filter({ hasText: developer.email }).getByText('Disabled')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/login\?reason=ended$/);
  await expect(page.getByText('Your session has ended. Please sign in again.')).toBeVisible();

  await page.getByLabel('Email').fill(developer.email);
  await page.getByLabel('Password').fill(developer.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Invalid email or password.');
  await page.context().close();
});

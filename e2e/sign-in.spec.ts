import { expect, test } from '@playwright/test';
import { admin, captureAndCheck, signIn } from './support/pages';

test('a signed-out visitor is sent to sign-in, and back where they were going after it', async ({ page }) => {
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fadmin%2Fusers$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Berth' })).toBeVisible();
  await captureAndCheck(page, 'sign-in');

  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
});

test('health endpoints answer without a session', async ({ request }) => {
  expect((await request.get('/api/healthz')).status()).toBe(200);
  expect(await (await request.get('/api/healthz')).json()).toEqual({ status: 'ok' });
  const ready = await request.get('/api/readyz');
  expect(ready.status()).toBe(200);
  expect((await ready.json()).status).toBe('ready');
});

test('a wrong password gets one clear error, and repeated failures are throttled', async ({ page }) => {
  const email = `throttled-${Date.now()}@berth.test`;
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Invalid email or password.');

  for (let attempt = 2; attempt <= 5; attempt++) {
    await page.getByLabel('Password').fill(`wrong-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (attempt < 5) await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Invalid email or password.');
  }
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(/^Too many attempts\. Try again in \d+ s\.$/);
  await captureAndCheck(page, 'sign-in-throttled');

  // The lock holds for the right password too (it is per account, whatever is typed).
  await page.getByLabel('Password').fill('anything');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(/^Too many attempts\. Try again in \d+ s\.$/);
});

test('the admin signs out from the user menu', async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole('button', { name: /account menu/i }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/apps');
  await expect(page).toHaveURL(/\/login/);
});

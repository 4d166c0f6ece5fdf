import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const admin = {
  email: process.env.E2E_ADMIN_EMAIL ?? 'admin@berth.test',
  password: process.env.E2E_ADMIN_PASSWORD ?? '',
};

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Apps' })).toBeVisible();
}

/** Fails on serious or critical accessibility violations, listing them so the report says what to fix. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(blocking, `accessibility violations on ${page.url()}`).toEqual([]);
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  // Toasts come and go; hiding them keeps the screenshots about the page.
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true, style: '[data-toast-region] { display: none !important; }' });
}

/** A page visit that checks accessibility and records a screenshot, as every page of the bar requires. */
export async function captureAndCheck(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await saveScreenshot(page, name);
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';

// Playwright loads this file in the runner and again in every worker; values chosen here go through
// process.env (which workers inherit) so all of them agree on one port and one database.
function pickFreePort(): string {
  const script = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

process.env.E2E_PORT ??= pickFreePort();
process.env.E2E_DATABASE ??= `berth_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
process.env.E2E_ADMIN_EMAIL ??= 'admin@berth.test';
process.env.E2E_ADMIN_PASSWORD ??= `e2e-${randomBytes(9).toString('base64url')}`;
// Shared by the web server (which unseals cluster credentials) and the runner (which registers the
// sandbox cluster for the app journeys).
process.env.BERTH_SECRET_KEY ??= randomBytes(32).toString('base64');

// The app journeys' setup (a sandbox cluster registered in the e2e database), when present.
const sandboxSetup = existsSync(`${import.meta.dirname}/e2e/sandbox-setup.ts`) ? './e2e/sandbox-setup.ts' : undefined;

const port = process.env.E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  forbidOnly: !!process.env.CI,
  // npm test reads the counts from the JSON reporter (it sets PLAYWRIGHT_JSON_OUTPUT_NAME).
  reporter: [
    ['list'],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
    ...(process.env.CI ? [] : [['html', { open: 'never', outputFolder: 'playwright-report' }] as ['html', { open: 'never'; outputFolder: string }]]),
  ],
  globalSetup: sandboxSetup,
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  // The server script creates and migrates the e2e database and seeds it before `next start`: the
  // web server starts before globalSetup would run, so the database cannot be prepared there.
  webServer: {
    command: 'npx tsx e2e/serve.ts',
    url: `${baseURL}/api/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

import { expect, test, type Page } from '@playwright/test';
import { admin, captureAndCheck, signIn } from './support/pages';

// Registering, testing, updating and deleting a cluster, against the sandbox cluster the global setup
// registers as `sandbox` (e2e/sandbox-setup.ts): a second registration reaches it with its own kubeconfig.
test.describe.configure({ mode: 'serial' });

const stamp = Date.now().toString(36);
const clusterName = `sbx-${stamp}`;

function sandboxKubeconfig(users: string): string {
  const { E2E_SANDBOX_URL: server, E2E_SANDBOX_CA: caPem } = process.env;
  const ca = caPem ? `    certificate-authority-data: ${Buffer.from(caPem).toString('base64')}` : '    insecure-skip-tls-verify: true';
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: sandbox',
    '  cluster:',
    `    server: ${server}`,
    ca,
    'users:',
    users,
    'contexts:',
    '- name: ci',
    '  context: { cluster: sandbox, user: ci, namespace: default }',
    '- name: laptop',
    '  context: { cluster: sandbox, user: laptop }',
    'current-context: laptop',
    '',
  ].join('\n');
}

const goodKubeconfig = () =>
  sandboxKubeconfig(
    [
      '- name: ci',
      `  user: { token: "${process.env.E2E_SANDBOX_TOKEN}" }`,
      '- name: laptop',
      '  user:',
      '    exec: { apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token] }',
    ].join('\n'),
  );

const fileKubeconfig = () => sandboxKubeconfig(['- name: ci', '  user: { tokenFile: /var/run/secrets/token }', '- name: laptop', '  user: { tokenFile: /tmp/token }'].join('\n'));

let page: Page;

test.beforeAll(async ({ browser }) => {
  if (!process.env.E2E_SANDBOX_URL || !process.env.E2E_SANDBOX_TOKEN) throw new Error('the sandbox cluster from e2e/sandbox-setup.ts is missing');
  page = await (await browser.newContext()).newPage();
  await signIn(page, admin.email, admin.password);
  await page.goto('/admin/clusters');
  await expect(page.getByRole('heading', { level: 1, name: 'Clusters' })).toBeVisible();
});

test.afterAll(async () => {
  await page?.context().close();
});

function rowOf(name: string) {
  return page.getByRole('table', { name: 'Clusters' }).getByRole('row').filter({ has: page.getByRole('cell', { name: new RegExp(`^${name}\\b`) }) });
}

test('testing the sandbox connection shows its version and marks it connected', async () => {
  const row = rowOf('sandbox');
  await row.getByRole('button', { name: 'Test connection to sandbox' }).click();
  await expect(row.getByRole('status')).toContainText(/sandbox answers \(Kubernetes v\d+\.\d+/);
  await expect(row.getByText('Connected', { exact: true })).toBeVisible();
});

test('registering from an uploaded kubeconfig: field errors, refused contexts, then a usable one', async () => {
  await page.getByRole('button', { name: 'Register cluster' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Register cluster' });
  await dialog.getByRole('button', { name: 'Register cluster' }).click();
  await expect(dialog.getByText('Paste or upload a kubeconfig.')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Cluster name' })).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Upload file…').setInputFiles({ name: 'config', mimeType: 'text/plain', buffer: Buffer.from(goodKubeconfig()) });
  await expect(dialog.getByRole('textbox', { name: 'Kubeconfig' })).toHaveValue(/kind: Config/);
  await dialog.getByRole('textbox', { name: 'Cluster name' }).fill(clusterName);
  // The current context uses an exec plugin: submitting it as is says why it cannot be used.
  await dialog.getByRole('button', { name: 'Register cluster' }).click();
  await expect(dialog.getByText(/exec plugin \(aws\); Berth cannot run plugins/)).toBeVisible();

  await dialog.getByRole('button', { name: 'Preview contexts' }).click();
  await expect(dialog.getByRole('radio', { name: /laptop/ })).toBeDisabled();
  await expect(dialog.getByRole('radio', { name: /^ci/ })).toBeChecked();
  await captureAndCheck(page, 'admin-clusters-register');
  await dialog.getByRole('button', { name: 'Register cluster' }).click();
  await expect(dialog).toBeHidden();
  const row = rowOf(clusterName);
  await expect(row.getByText('Not tested')).toBeVisible();
  await row.getByRole('button', { name: `Test connection to ${clusterName}` }).click();
  await expect(row.getByRole('status')).toContainText(`${clusterName} answers`);
  await expect(row.getByText('Connected', { exact: true })).toBeVisible();
  await captureAndCheck(page, 'admin-clusters-registered');
});

test('updating credentials refuses a kubeconfig that points at files', async () => {
  await rowOf(clusterName).getByRole('button', { name: `Update credentials of cluster ${clusterName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Update credentials of cluster ${clusterName}` });
  await dialog.getByRole('textbox', { name: 'New kubeconfig (optional)' }).fill(fileKubeconfig());
  await dialog.getByRole('button', { name: 'Update credentials' }).click();
  await expect(dialog.getByText(/refers to a file \(tokenFile\)/).first()).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('deleting the new cluster after confirming removes it', async () => {
  await rowOf(clusterName).getByRole('button', { name: `Delete cluster ${clusterName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete cluster ${clusterName}?` });
  await expect(dialog).toContainText('Nothing on the cluster itself is touched.');
  await dialog.getByRole('button', { name: 'Delete cluster' }).click();
  await expect(rowOf(clusterName)).toHaveCount(0);
  await expect(rowOf('sandbox')).toHaveCount(1);
});

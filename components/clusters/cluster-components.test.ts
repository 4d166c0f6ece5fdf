// Server-rendered markup of the cluster admin components, and the connection-test wording.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ToastProvider } from '@/components/ui/toast';
import type { Result } from '@/lib/errors';
import { ClusterContactCell, describeConnectionReport, type ClusterContact, type ConnectionReport } from './cluster-contact';
import { DeleteClusterButton } from './delete-cluster-button';
import { KubeconfigFields, type KubeconfigPreview } from './kubeconfig-fields';
import { RegisterClusterDialog } from './register-cluster-dialog';
import { UpdateCredentialsDialog } from './update-credentials-dialog';

const never = async (): Promise<never> => {
  throw new Error('not called while rendering');
};
const previewAction = never as (input: FormData) => Promise<Result<KubeconfigPreview>>;

const contact: ClusterContact = {
  id: 'c1',
  name: 'staging',
  defaultNamespace: 'shop',
  lastContactAt: '2026-11-26T10:00:00.000Z',
  lastContactOk: false,
  lastContactError: 'The cluster staging did not answer (connection refused).',
  serverVersion: 'v1.31.2',
};

function report(overrides: Partial<ConnectionReport>): Result<ConnectionReport> {
  return { ok: true, data: { reachable: true, serverVersion: 'v1.31.2', permission: { allowed: true, missing: [] }, error: null, ...overrides } };
}

describe('describeConnectionReport', () => {
  it('says nothing before a test', () => {
    expect(describeConnectionReport('staging', 'shop', null)).toBeNull();
  });

  it('names the version and the namespace Berth may deploy in', () => {
    expect(describeConnectionReport('staging', 'shop', report({}))).toEqual({ tone: 'success', text: 'staging answers (Kubernetes v1.31.2); Berth may deploy in shop.' });
  });

  it('shows the error code and message of an unreachable cluster', () => {
    const verdict = describeConnectionReport('staging', 'shop', report({ reachable: false, serverVersion: null, permission: null, error: { code: 'CLUSTER_UNAVAILABLE', message: 'The cluster staging did not answer.' } }));
    expect(verdict).toEqual({ tone: 'error', text: 'CLUSTER_UNAVAILABLE: The cluster staging did not answer.' });
  });

  it('lists the permissions Berth lacks', () => {
    const verdict = describeConnectionReport('staging', 'shop', report({ permission: { allowed: false, missing: ['patch deployments.apps', 'list pods'] } }));
    expect(verdict?.tone).toBe('error');
    expect(verdict?.text).toContain('may not act in shop: missing patch deployments.apps, list pods.');
  });

  it('passes a refused action on as it is', () => {
    expect(describeConnectionReport('staging', 'shop', { ok: false, error: { code: 'FORBIDDEN_OR_NOT_FOUND', message: 'The cluster was not found.' } })).toEqual({
      tone: 'error',
      text: 'The cluster was not found.',
    });
  });
});

describe('ClusterContactCell', () => {
  it('shows a failing cluster with its stored error, version and a labelled test button', () => {
    const html = renderToStaticMarkup(createElement(ClusterContactCell<ConnectionReport>, { cluster: contact, testAction: never }));
    expect(html).toContain('Failing');
    expect(html).toContain('did not answer (connection refused).');
    expect(html).toContain('v1.31.2');
    expect(html).toContain('aria-label="Test connection to staging"');
    expect(html).toContain('name="clusterId" value="c1"');
    expect(html).toContain('role="status"');
  });

  it('shows "Not tested" and no error for a cluster never contacted', () => {
    const html = renderToStaticMarkup(
      createElement(ClusterContactCell<ConnectionReport>, { cluster: { ...contact, lastContactAt: null, lastContactOk: null, lastContactError: null, serverVersion: null }, testAction: never }),
    );
    expect(html).toContain('Not tested');
    expect(html).not.toContain('Failing');
    expect(html).not.toContain('<time');
  });
});

describe('KubeconfigFields', () => {
  it('labels the textarea, offers an upload and shows submit errors with aria-invalid', () => {
    const html = renderToStaticMarkup(
      createElement(KubeconfigFields, { previewAction, errors: { kubeconfig: ['User "ci" gets its credentials from an exec plugin (aws).'] } }),
    );
    const textareaId = /<textarea[^>]*\sid="([^"]+)"/.exec(html)?.[1];
    expect(textareaId).toBeTruthy();
    expect(html).toContain(`<label for="${textareaId}"`);
    expect(html).toMatch(/<textarea[^>]*name="kubeconfig"[^>]*aria-invalid="true"/);
    expect(html).toContain('exec plugin (aws).');
    expect(html).toMatch(/<input[^>]*type="file"/);
    expect(html).toContain('Upload file…');
    expect(html).toContain('Kubeconfig</label>');
  });

  it('says the kubeconfig is optional when updating credentials', () => {
    const html = renderToStaticMarkup(createElement(KubeconfigFields, { previewAction, errors: {}, optional: true }));
    expect(html).toContain('New kubeconfig (optional)');
    expect(html).not.toContain('aria-invalid');
  });
});

describe('dialogs', () => {
  function render(element: ReturnType<typeof createElement>): string {
    return renderToStaticMarkup(createElement(ToastProvider, null, element));
  }

  it('register opens from one button and renders no form until opened', () => {
    const html = render(createElement(RegisterClusterDialog<{ name: string }, { name: string }>, { kubeconfigAction: never, inClusterAction: never, previewAction }));
    expect(html).toContain('>Register cluster</button>');
    expect(html).not.toContain('name="kubeconfig"');
  });

  it('update is labelled per cluster and by what can change', () => {
    const kubeconfig = render(createElement(UpdateCredentialsDialog<unknown>, { cluster: { id: 'c1', name: 'staging', source: 'KUBECONFIG', defaultNamespace: 'shop' }, action: never, previewAction }));
    expect(kubeconfig).toContain('aria-label="Update credentials of cluster staging"');
    const sandbox = render(createElement(UpdateCredentialsDialog<unknown>, { cluster: { id: 'c2', name: 'sandbox', source: 'SANDBOX', defaultNamespace: 'default' }, action: never, previewAction }));
    expect(sandbox).toContain('aria-label="Edit cluster sandbox"');
  });

  it('delete warns that a cluster with apps will be refused', () => {
    const busy = render(createElement(DeleteClusterButton<unknown>, { cluster: { id: 'c1', name: 'prod', appCount: 2, grantCount: 1 }, action: never }));
    expect(busy).toContain('aria-label="Delete cluster prod"');
    expect(busy).toContain('Berth still manages 2 app(s) on prod, so it will refuse');
    const idle = render(createElement(DeleteClusterButton<unknown>, { cluster: { id: 'c2', name: 'old', appCount: 0, grantCount: 3 }, action: never }));
    expect(idle).toContain('its 3 namespace grant(s). Nothing on the cluster itself is touched.');
  });
});

import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { extractKubeconfigContext, listKubeconfigContexts } from './kubeconfig';

function kubeconfig(users: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'prod', cluster: { server: 'https://prod.example.com:6443', 'certificate-authority-data': 'Q0E=' } },
      { name: 'noserver', cluster: {} },
    ],
    users,
    contexts: [
      { name: 'prod-admin', context: { cluster: 'prod', user: 'admin', namespace: 'apps' } },
      { name: 'prod-aws', context: { cluster: 'prod', user: 'aws' } },
      { name: 'broken', context: { cluster: 'noserver', user: 'admin' } },
    ],
    'current-context': 'prod-admin',
    ...extra,
  });
}

const users = [
  { name: 'admin', user: { token: 'tok-123' } },
  { name: 'aws', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws' } } },
];

describe('listKubeconfigContexts', () => {
  it('lists contexts with the reason each cannot be used, and no credentials', () => {
    const listed = listKubeconfigContexts(kubeconfig(users));
    expect(listed.currentContext).toBe('prod-admin');
    expect(listed.contexts.map((c) => [c.name, c.server, c.problem])).toEqual([
      ['prod-admin', 'https://prod.example.com:6443', null],
      ['prod-aws', 'https://prod.example.com:6443', expect.stringContaining('exec plugin (aws)')],
      ['broken', null, 'Cluster "noserver" has no server URL.'],
    ]);
    expect(JSON.stringify(listed)).not.toContain('tok-123');
  });
});

describe('extractKubeconfigContext', () => {
  it('keeps only the chosen context, its cluster and user', () => {
    const extracted = extractKubeconfigContext(kubeconfig(users), 'prod-admin');
    expect(extracted).toMatchObject({ context: 'prod-admin', server: 'https://prod.example.com:6443', namespace: 'apps', authKind: 'token' });
    const doc = YAML.parse(extracted.kubeconfig) as { users: { name: string }[]; clusters: { name: string }[]; contexts: unknown[] };
    expect(doc.users.map((u) => u.name)).toEqual(['admin']);
    expect(doc.clusters.map((c) => c.name)).toEqual(['prod']);
    expect(doc.contexts).toHaveLength(1);
    expect(extractKubeconfigContext(kubeconfig(users)).context).toBe('prod-admin');
  });

  it.each([
    ['malformed YAML', 'clusters: [\n  - name: x\n    cluster: {server: "https://x"', undefined, /^The kubeconfig is not valid YAML \(line \d+\)\.$/],
    ['not a mapping', '- a\n- b\n', undefined, /must be a YAML mapping/],
    ['empty', '  ', undefined, /^Paste or upload a kubeconfig\.$/],
    ['another kind', 'kind: Deployment\n', undefined, /is a Deployment, not a kubeconfig/],
    ['unknown context', kubeconfig(users), 'staging', /^The kubeconfig has no context named "staging"\.$/],
    ['exec plugin', kubeconfig(users), 'prod-aws', /exec plugin \(aws\); Berth cannot run plugins/],
    ['auth-provider', kubeconfig([{ name: 'admin', user: { 'auth-provider': { name: 'gcp' } } }]), 'prod-admin', /auth-provider plugin/],
    ['token file', kubeconfig([{ name: 'admin', user: { 'token-file': '/etc/passwd' } }]), 'prod-admin', /refers to a file \(token-file\)/],
    ['client cert file', kubeconfig([{ name: 'admin', user: { 'client-certificate': '/x.crt', 'client-key': '/x.key' } }]), 'prod-admin', /refers to a file/],
    ['no server', kubeconfig(users), 'broken', /^Cluster "noserver" has no server URL\.$/],
    ['bad server scheme', kubeconfig(users).replace('https://prod.example.com:6443', 'ftp://prod'), 'prod-admin', /must use an https:\/\/ server URL/],
    ['plain HTTP server', kubeconfig(users).replace('https://prod.example.com:6443', 'http://prod:8080'), 'prod-admin', /sends credentials only over TLS/],
    ['missing user', kubeconfig([]), 'prod-admin', /refers to user "admin", which is not in the kubeconfig/],
    ['no contexts', YAML.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [] }), undefined, /^The kubeconfig has no contexts\.$/],
    ['cert without key', kubeconfig([{ name: 'admin', user: { 'client-certificate-data': 'Q0VSVA==' } }]), 'prod-admin', /no client-key-data/],
  ])('rejects %s with a specific message', (_label, text, context, message) => {
    let caught: unknown;
    try {
      extractKubeconfigContext(text, context);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(message) });
  });
});

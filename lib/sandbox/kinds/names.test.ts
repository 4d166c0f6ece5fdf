import { describe, expect, it } from 'vitest';
import { isDns1123Label, isDns1123Subdomain, isDns1035Label, isQualifiedName, validateObjectMeta, nameIsDnsSubdomain } from './names';

describe('DNS and qualified-name validation messages', () => {
  it('renders the RFC 1123 subdomain message verbatim', () => {
    expect(isDns1123Subdomain('My_App')).toEqual([
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
    expect(isDns1123Subdomain('web.v1')).toEqual([]);
  });

  it('renders the RFC 1123 label message and the dots special case', () => {
    expect(isDns1123Label('Web')).toEqual([
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    ]);
    expect(isDns1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDns1123Label('x'.repeat(64))).toEqual(['must be no more than 63 characters']);
  });

  it('renders the DNS-1035 message for service names starting with a digit', () => {
    expect(isDns1035Label('1web')[0]).toBe(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it('validates label keys with prefix and name parts', () => {
    expect(isQualifiedName('example.com/app')).toEqual([]);
    expect(isQualifiedName('/app')).toEqual(['prefix part must be non-empty']);
    expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist of/);
    expect(isQualifiedName('-app')[0]).toMatch(/^name part must consist of alphanumeric characters/);
  });

  it('requires a name or generateName and validates both', () => {
    expect(validateObjectMeta({ namespace: 'default' }, true, nameIsDnsSubdomain)).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
    ]);
    expect(validateObjectMeta({ generateName: 'web-', namespace: 'default' }, true, nameIsDnsSubdomain)).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
    ]);
    const bad = validateObjectMeta({ name: 'Web', namespace: 'default', labels: { app: 'a b' } }, true, nameIsDnsSubdomain);
    expect(bad.map((c) => c.field)).toEqual(['metadata.name', 'metadata.labels']);
    expect(bad[0].message).toMatch(/^Invalid value: "Web": a lowercase RFC 1123 subdomain/);
    expect(bad[1].message).toMatch(/^Invalid value: "a b": a valid label must be an empty string/);
    expect(validateObjectMeta({ name: 'x', namespace: 'default' }, false, nameIsDnsSubdomain)).toEqual([
      { reason: 'FieldValueForbidden', message: 'Forbidden: not allowed on this type', field: 'metadata.namespace' },
    ]);
  });
});

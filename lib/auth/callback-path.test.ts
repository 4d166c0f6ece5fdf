import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-path';

describe('safeCallbackPath', () => {
  it('keeps same-site paths', () => {
    expect(safeCallbackPath('/admin/users?page=2')).toBe('/admin/users?page=2');
  });

  it('sends everything else to the apps page', () => {
    for (const bad of [undefined, null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/login', '/api/auth/signout']) {
      expect(safeCallbackPath(bad)).toBe('/apps');
    }
  });
});

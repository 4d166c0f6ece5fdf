import { describe, expect, it } from 'vitest';
import { permissionsForRole } from './permissions';

describe('permissionsForRole', () => {
  it('follows the role table: viewers nothing, deployers roll, maintainers everything', () => {
    expect(Object.values(permissionsForRole('VIEWER', false)).some(Boolean)).toBe(false);
    expect(permissionsForRole('DEPLOYER', false)).toEqual({ canDeploy: true, canScale: true, canManage: false, canExpose: false, canAutoscale: false, canForce: false });
    expect(Object.values(permissionsForRole('MAINTAINER', false)).every(Boolean)).toBe(true);
    expect(Object.values(permissionsForRole(null, false)).some(Boolean)).toBe(false);
    expect(Object.values(permissionsForRole(null, true)).every(Boolean)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { can, grantRoles, highestRole, permissions, type Permission } from './roles';

// DESIGN.md "Who may do what", row by row.
const expected: Record<Permission, Record<(typeof grantRoles)[number], boolean>> = {
  'app.view': { VIEWER: true, DEPLOYER: true, MAINTAINER: true },
  'audit.view': { VIEWER: true, DEPLOYER: true, MAINTAINER: true },
  'app.deploy': { VIEWER: false, DEPLOYER: true, MAINTAINER: true },
  'app.scale': { VIEWER: false, DEPLOYER: true, MAINTAINER: true },
  'app.manage': { VIEWER: false, DEPLOYER: false, MAINTAINER: true },
  'app.expose': { VIEWER: false, DEPLOYER: false, MAINTAINER: true },
  'app.autoscale': { VIEWER: false, DEPLOYER: false, MAINTAINER: true },
  'app.force_apply': { VIEWER: false, DEPLOYER: false, MAINTAINER: true },
};

describe('role table', () => {
  it.each(permissions.flatMap((p) => grantRoles.map((r) => [p, r] as const)))('%s for %s', (permission, role) => {
    expect(can(role, permission)).toBe(expected[permission][role]);
  });

  it('grants nothing without a role', () => {
    for (const permission of permissions) expect(can(null, permission)).toBe(false);
  });

  it('takes the highest role of several teams', () => {
    expect(highestRole(['VIEWER', 'MAINTAINER', 'DEPLOYER'])).toBe('MAINTAINER');
    expect(highestRole(['VIEWER', 'DEPLOYER'])).toBe('DEPLOYER');
    expect(highestRole([])).toBeNull();
  });
});

/** What the signed-in user may do with one app. Only hides buttons: every action checks again on the server. */
export interface AppPermissions {
  /** deploy, set image, restart, undo, roll back */
  canDeploy: boolean;
  canScale: boolean;
  /** delete (and create/adopt in the namespace) */
  canManage: boolean;
  canExpose: boolean;
  canAutoscale: boolean;
  /** take fields another field manager owns in a server-side apply conflict */
  canForce: boolean;
}

export const noPermissions: AppPermissions = { canDeploy: false, canScale: false, canManage: false, canExpose: false, canAutoscale: false, canForce: false };

export function hasAnyAction(permissions: AppPermissions): boolean {
  return Object.values(permissions).some(Boolean);
}

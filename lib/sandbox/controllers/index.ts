// Placeholder until the controllers land (issue 4): the API server runs without controllers.
import type { ControllerHandle, SandboxApi } from '../types';

export function startControllers(_api: SandboxApi): ControllerHandle {
  return { stop() {} };
}

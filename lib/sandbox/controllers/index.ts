// Starts every simulated controller of the sandbox. Keep this a plain list: each entry starts one
// controller and returns its handle; other controller files append their own start call here.
import type { ControllerHandle, SandboxApi } from '../types';
import { startDaemonSetController } from './daemonset';
import { startDeploymentController } from './deployment';
import { startPodController } from './pods';
import { startReplicaSetController, startReplicationControllerController } from './replicaset';
import { startEndpointsController } from './endpoints';
import { startServiceStatusController } from './service-status';
import { startHpaController } from './hpa';
import { startStorageController } from './storage';
import { startIngressController } from './ingress';

export function startControllers(api: SandboxApi): ControllerHandle {
  const handles: ControllerHandle[] = [
    startPodController(api),
    startReplicaSetController(api),
    startReplicationControllerController(api),
    startDeploymentController(api),
    startDaemonSetController(api),
    startEndpointsController(api),
    startServiceStatusController(api),
    startHpaController(api),
    startStorageController(api),
    startIngressController(api),
  ];
  return {
    stop() {
      for (const h of handles.reverse()) h.stop();
    },
  };
}

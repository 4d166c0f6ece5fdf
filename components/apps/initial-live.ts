// The server render's AppDetail.live in the shape the events stream sends, so the overview starts from
// what the server saw and each stream update simply replaces one resource.
import type { AppLiveDetail } from '@/lib/apps/get-app';
import type { LiveAppData } from './use-live';

export function toLiveAppData(name: string, live: AppLiveDetail): LiveAppData {
  const { replicas } = live;
  return {
    rollout: live.rollout
      ? {
          name,
          revision: live.rollout.revision,
          desired: replicas.desired,
          updated: replicas.updated,
          ready: replicas.ready,
          available: replicas.available,
          unavailable: Math.max(0, replicas.desired - replicas.available),
          state: live.rollout.state,
          message: live.rollout.message,
          paused: false,
          images: [],
          conditions: live.conditions,
        }
      : null,
    pods: live.pods.map((pod) => {
      const [ready, containers] = pod.ready.split('/').map(Number);
      return {
        name: pod.name,
        phase: pod.phase,
        ready: ready ?? 0,
        containers: containers ?? 0,
        restarts: pod.restarts,
        node: pod.node,
        ip: pod.ip,
        createdAt: pod.startedAt,
        reason: pod.waitingReason,
        message: pod.waitingMessage,
        podTemplateHash: null,
        terminating: pod.phase === 'Terminating',
      };
    }),
    events: live.events.map((event, i) => ({ id: `${i}-${event.object}-${event.reason}`, ...event })),
    services: live.service
      ? [
          {
            name: live.service.name,
            type: live.service.type,
            clusterIP: live.service.clusterIP,
            ports: live.service.ports,
            readyEndpoints: live.service.endpoints.length,
            notReadyEndpoints: 0,
          },
        ]
      : [],
    hpa: live.hpa
      ? [
          {
            name: live.hpa.name,
            minReplicas: live.hpa.minReplicas,
            maxReplicas: live.hpa.maxReplicas,
            currentReplicas: live.hpa.currentReplicas,
            desiredReplicas: live.hpa.desiredReplicas,
            targetCpuPercent: live.hpa.targetCpuUtilization,
            currentCpuPercent: live.hpa.currentCpuUtilization,
          },
        ]
      : [],
    ingresses: live.ingress
      ? [
          {
            name: live.ingress.name,
            className: null,
            rules: live.ingress.rules.map((rule) => {
              const [service, port] = rule.backend.split(':');
              return { host: rule.host, path: rule.path, service: service || null, port: port || null };
            }),
            addresses: live.ingress.addresses,
          },
        ]
      : [],
  };
}

// The DTOs for one app from the watch hub's current objects. A resource whose feed has not listed yet
// is left out (the client keeps showing the server-rendered data until it arrives).
import type { RawKubeObject, WatchResource } from '@/lib/kube/watch-hub';
import {
  findAppDeployment,
  selectOwned,
  selectPods,
  selectReplicaSets,
  summarizeEvents,
  summarizeHpas,
  summarizeIngresses,
  summarizePods,
  summarizeReplicaSets,
  summarizeRollout,
  summarizeServices,
  type LiveAppRef,
} from './app-objects';
import { buildAppLiveDetail, buildAppLiveSummary } from './app-live-detail';
import type { LiveDataByResource } from './types';

export function computeLiveData(
  app: LiveAppRef,
  detail: boolean,
  objectsOf: (resource: WatchResource) => RawKubeObject[] | null,
): Partial<LiveDataByResource> {
  const data: Partial<LiveDataByResource> = {};
  const deployments = objectsOf('deployments');
  const deployment = deployments ? findAppDeployment(deployments, app) : null;
  if (deployments) {
    data.summary = buildAppLiveSummary(deployment);
    data.rollout = summarizeRollout(deployment);
  }
  if (!detail) return data;

  const replicaSets = selectReplicaSets(objectsOf('replicasets') ?? [], app);
  const replicaSetNames = new Set(replicaSets.map((rs) => rs.metadata?.name ?? ''));
  if (objectsOf('replicasets')) data.replicaSets = summarizeReplicaSets(replicaSets);
  const podObjects = objectsOf('pods');
  const pods = selectPods(podObjects ?? [], app, replicaSetNames);
  if (podObjects) data.pods = summarizePods(pods);

  const services = selectOwned(objectsOf('services') ?? [], app);
  const endpoints = objectsOf('endpoints');
  if (objectsOf('services') && endpoints) data.services = summarizeServices(services, endpoints);
  const hpas = selectOwned(objectsOf('horizontalpodautoscalers') ?? [], app);
  if (objectsOf('horizontalpodautoscalers')) data.hpa = summarizeHpas(hpas);
  const ingressObjects = objectsOf('ingresses');
  if (ingressObjects) data.ingresses = summarizeIngresses(selectOwned(ingressObjects, app));

  const events = objectsOf('events');
  if (events) {
    const names = new Set<string>([app.name, ...replicaSetNames]);
    for (const object of [...pods, ...services, ...hpas]) if (object.metadata?.name) names.add(object.metadata.name);
    data.events = summarizeEvents(events, names);
  }
  const podsListed = podObjects !== null;
  if (deployments && podsListed && events && endpoints && objectsOf('replicasets') && objectsOf('services') && objectsOf('horizontalpodautoscalers') && ingressObjects) {
    data.detail = buildAppLiveDetail({
      deployment,
      replicaSetNames,
      pods,
      services,
      endpoints,
      hpas,
      ingresses: selectOwned(ingressObjects, app),
      events,
    });
  }
  return data;
}

// The pod row of `kubectl get pods` (printers.go printPod): READY, STATUS with init/waiting/terminated
// reasons, RESTARTS with "(5m ago)", and the wide IP/NODE/NOMINATED NODE/READINESS GATES cells.
import type { KObject } from '../types';
import { translateTimestampSince } from './duration';
import { asObject, asObjects, type JsonObject } from './json';

function isRestartableInit(c: JsonObject | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

function laterOf(a: string, b: unknown): string {
  if (typeof b !== 'string' || !b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function terminatedReason(t: JsonObject, prefix: string): string {
  if (typeof t.reason === 'string' && t.reason) return `${prefix}${t.reason}`;
  if (typeof t.signal === 'number' && t.signal !== 0) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${typeof t.exitCode === 'number' ? t.exitCode : 0}`;
}

function hasCondition(status: JsonObject, type: string): boolean {
  return asObjects(status.conditions).some((c) => c.type === type && c.status === 'True');
}

export function podRowCells(pod: KObject, now: Date): unknown[] {
  const spec = asObject(pod.spec) ?? {};
  const status = asObject(pod.status) ?? {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = asObjects(spec.containers).length;
  let readyContainers = 0;
  let lastRestart = '';
  let lastRestartableInitRestart = '';
  const phase = typeof status.phase === 'string' ? status.phase : '';
  let reason = typeof status.reason === 'string' && status.reason ? status.reason : phase;
  for (const c of asObjects(status.conditions)) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const initSpecs = new Map<string, JsonObject>();
  const initContainers = asObjects(spec.initContainers);
  for (const c of initContainers) {
    initSpecs.set(String(c.name ?? ''), c);
    if (isRestartableInit(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = asObjects(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const state = asObject(cs.state) ?? {};
    const lastTerminated = asObject(asObject(cs.lastState)?.terminated);
    const restartCount = typeof cs.restartCount === 'number' ? cs.restartCount : 0;
    restarts += restartCount;
    if (lastTerminated) lastRestart = laterOf(lastRestart, lastTerminated.finishedAt);
    const restartable = isRestartableInit(initSpecs.get(String(cs.name ?? '')));
    if (restartable) {
      restartableInitRestarts += restartCount;
      if (lastTerminated) lastRestartableInitRestart = laterOf(lastRestartableInitRestart, lastTerminated.finishedAt);
    }
    const terminated = asObject(state.terminated);
    const waiting = asObject(state.waiting);
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    if (terminated) reason = terminatedReason(terminated, 'Init:');
    else if (waiting && typeof waiting.reason === 'string' && waiting.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${i}/${initContainers.length}`;
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(status, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = asObjects(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      const state = asObject(cs.state) ?? {};
      restarts += typeof cs.restartCount === 'number' ? cs.restartCount : 0;
      const lastTerminated = asObject(asObject(cs.lastState)?.terminated);
      if (lastTerminated) lastRestart = laterOf(lastRestart, lastTerminated.finishedAt);
      const waiting = asObject(state.waiting);
      const terminated = asObject(state.terminated);
      if (waiting && typeof waiting.reason === 'string' && waiting.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedReason(terminated, '');
      else if (cs.ready === true && asObject(state.running)) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasCondition(status, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  const restartsCell = restarts !== 0 && lastRestart ? `${restarts} (${translateTimestampSince(lastRestart, now)} ago)` : String(restarts);

  const podIPs = asObjects(status.podIPs);
  const podIP = (typeof podIPs[0]?.ip === 'string' && podIPs[0].ip) || '<none>';
  const nodeName = (typeof spec.nodeName === 'string' && spec.nodeName) || '<none>';
  const nominated = (typeof status.nominatedNodeName === 'string' && status.nominatedNodeName) || '<none>';
  const gates = asObjects(spec.readinessGates);
  let readinessGates = '<none>';
  if (gates.length > 0) {
    const conditions = asObjects(status.conditions);
    const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
    readinessGates = `${trueCount}/${gates.length}`;
  }
  return [
    pod.metadata.name ?? '',
    `${readyContainers}/${totalContainers}`,
    reason,
    restartsCell,
    translateTimestampSince(pod.metadata.creationTimestamp, now),
    podIP,
    nodeName,
    nominated,
    readinessGates,
  ];
}

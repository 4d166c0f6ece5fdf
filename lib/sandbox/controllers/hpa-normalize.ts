// HPA normalization of a metric-derived recommendation (horizontal.go): stabilization windows, the legacy
// scale-up limit and the behavior policies. Pure, like hpa-math.ts; times are cluster seconds.
import { DOWNSCALE_STABILIZATION_SECONDS } from './hpa-math';
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

export interface ScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: ScalingPolicy[];
}

export interface Behavior {
  scaleUp?: ScalingRules;
  scaleDown?: ScalingRules;
}

export interface TimedRecommendation {
  recommendation: number;
  at: number;
}

export interface ScaleEvent {
  change: number;
  at: number;
}

/** What the controller remembers per HPA between syncs (upstream keeps the same maps in memory). */
export interface HpaMemory {
  recommendations: TimedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface ConditionSetting {
  status: 'True' | 'False';
  reason: string;
  message: string;
}

export interface NormalizeResult {
  desired: number;
  ableToScale: ConditionSetting;
  scalingLimited: ConditionSetting;
}

export function createHpaMemory(): HpaMemory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

/** recordInitialRecommendation: the first sync seeds the window with the current replica count. */
export function recordInitialRecommendation(memory: HpaMemory, currentReplicas: number, now: number): void {
  if (memory.recommendations.length === 0) memory.recommendations.push({ recommendation: currentReplicas, at: now });
}

function recordRecommendation(memory: HpaMemory, oldIndex: number, rec: TimedRecommendation) {
  if (oldIndex >= 0) memory.recommendations[oldIndex] = rec;
  else memory.recommendations.push(rec);
}

export function stabilizeRecommendation(memory: HpaMemory, prenormalized: number, now: number, windowSeconds = DOWNSCALE_STABILIZATION_SECONDS): number {
  let max = prenormalized;
  let oldIndex = -1;
  const cutoff = now - windowSeconds;
  memory.recommendations.forEach((rec, i) => {
    if (rec.at < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  recordRecommendation(memory, oldIndex, { recommendation: prenormalized, at: now });
  return max;
}

export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
}

export function convertDesiredReplicasWithRules(current: number, desired: number, minReplicas: number, maxReplicas: number): { desired: number; reason: string; message: string } {
  const scaleUpLimit = calculateScaleUpLimit(current);
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  if (maxReplicas > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = maxReplicas;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < minReplicas) {
    return { desired: minReplicas, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  }
  if (desired > maximumAllowed) return { desired: maximumAllowed, reason, message };
  return { desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

const READY_FOR_NEW_SCALE: ConditionSetting = { status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };

/** normalizeDesiredReplicas: the path for HPAs without spec.behavior. */
export function normalizeDesiredReplicas(memory: HpaMemory, args: { current: number; prenormalized: number; minReplicas: number; maxReplicas: number; now: number }): NormalizeResult {
  const stabilized = stabilizeRecommendation(memory, args.prenormalized, args.now);
  const ableToScale: ConditionSetting = stabilized !== args.prenormalized
    ? { status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
    : READY_FOR_NEW_SCALE;
  const r = convertDesiredReplicasWithRules(args.current, stabilized, args.minReplicas, args.maxReplicas);
  return {
    desired: r.desired,
    ableToScale,
    scalingLimited: { status: r.desired === stabilized ? 'False' : 'True', reason: r.reason, message: r.message },
  };
}

export function getReplicasChangePerPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds;
  let sum = 0;
  for (const e of events) if (e.at > cutoff) sum += e.change;
  return sum;
}

export function calculateScaleUpLimitWithScalingRules(current: number, upEvents: ScaleEvent[], downEvents: ScaleEvent[], rules: ScalingRules, now: number): number {
  const select = rules.selectPolicy ?? 'Max';
  if (select === 'Disabled') return current;
  let result = select === 'Min' ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - getReplicasChangePerPeriod(p.periodSeconds, upEvents, now) + getReplicasChangePerPeriod(p.periodSeconds, downEvents, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = select === 'Min' ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

export function calculateScaleDownLimitWithBehaviors(current: number, upEvents: ScaleEvent[], downEvents: ScaleEvent[], rules: ScalingRules, now: number): number {
  const select = rules.selectPolicy ?? 'Max';
  if (select === 'Disabled') return current;
  let result = select === 'Min' ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - getReplicasChangePerPeriod(p.periodSeconds, upEvents, now) + getReplicasChangePerPeriod(p.periodSeconds, downEvents, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = select === 'Min' ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** The API defaults of autoscaling/v2 (GenerateHPAScaleUpRules / GenerateHPAScaleDownRules). */
export function defaultScaleUpRules(r: ScalingRules | undefined): ScalingRules {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? 0,
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies?.length ? r.policies : [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

export function defaultScaleDownRules(r: ScalingRules | undefined): ScalingRules {
  return {
    stabilizationWindowSeconds: r?.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_SECONDS,
    selectPolicy: r?.selectPolicy ?? 'Max',
    policies: r?.policies?.length ? r.policies : [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

export function stabilizeRecommendationWithBehaviors(memory: HpaMemory, args: { current: number; desired: number; up: ScalingRules; down: ScalingRules; now: number }): { recommendation: number; reason: string; message: string } {
  const upCutoff = args.now - (args.up.stabilizationWindowSeconds ?? 0);
  const downCutoff = args.now - (args.down.stabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_SECONDS);
  let upRec = args.desired;
  let downRec = args.desired;
  let oldIndex = -1;
  memory.recommendations.forEach((rec, i) => {
    if (rec.at > upCutoff) upRec = Math.min(rec.recommendation, upRec);
    if (rec.at > downCutoff) downRec = Math.max(rec.recommendation, downRec);
    if (rec.at < upCutoff && rec.at < downCutoff) oldIndex = i;
  });
  let recommendation = args.current;
  if (recommendation < upRec) recommendation = upRec;
  if (recommendation > downRec) recommendation = downRec;
  recordRecommendation(memory, oldIndex, { recommendation: args.desired, at: args.now });
  return args.desired >= args.current
    ? { recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

export function convertDesiredReplicasWithBehaviorRate(memory: HpaMemory, args: { current: number; desired: number; minReplicas: number; maxReplicas: number; up: ScalingRules; down: ScalingRules; now: number }): { desired: number; reason: string; message: string } {
  if (args.desired > args.current) {
    let limit = calculateScaleUpLimitWithScalingRules(args.current, memory.scaleUpEvents, memory.scaleDownEvents, args.up, args.now);
    if (limit < args.current) limit = args.current;
    let maximumAllowed = args.maxReplicas;
    let reason = 'TooManyReplicas';
    let message = 'the desired replica count is more than the maximum replica count';
    if (maximumAllowed > limit) {
      maximumAllowed = limit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (args.desired > maximumAllowed) return { desired: maximumAllowed, reason, message };
  } else if (args.desired < args.current) {
    let limit = calculateScaleDownLimitWithBehaviors(args.current, memory.scaleUpEvents, memory.scaleDownEvents, args.down, args.now);
    if (limit > args.current) limit = args.current;
    let minimumAllowed = args.minReplicas;
    let reason = 'TooFewReplicas';
    let message = 'the desired replica count is less than the minimum replica count';
    if (minimumAllowed < limit) {
      minimumAllowed = limit;
      reason = 'ScaleDownLimit';
      message = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (args.desired < minimumAllowed) return { desired: minimumAllowed, reason, message };
  }
  return { desired: args.desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** normalizeDesiredReplicasWithBehaviors: the path for HPAs with spec.behavior (unset fields defaulted). */
export function normalizeDesiredReplicasWithBehaviors(memory: HpaMemory, args: { current: number; prenormalized: number; minReplicas: number; maxReplicas: number; behavior: Behavior; now: number }): NormalizeResult {
  const up = defaultScaleUpRules(args.behavior.scaleUp);
  const down = defaultScaleDownRules(args.behavior.scaleDown);
  const s = stabilizeRecommendationWithBehaviors(memory, { current: args.current, desired: args.prenormalized, up, down, now: args.now });
  const ableToScale: ConditionSetting = s.recommendation !== args.prenormalized
    ? { status: 'True', reason: s.reason, message: s.message }
    : READY_FOR_NEW_SCALE;
  const r = convertDesiredReplicasWithBehaviorRate(memory, {
    current: args.current, desired: s.recommendation, minReplicas: args.minReplicas, maxReplicas: args.maxReplicas, up, down, now: args.now,
  });
  return {
    desired: r.desired,
    ableToScale,
    scalingLimited: { status: r.desired === s.recommendation ? 'False' : 'True', reason: r.reason, message: r.message },
  };
}

function longestPolicyPeriod(rules: ScalingRules): number {
  return Math.max(0, ...(rules.policies ?? []).map((p) => p.periodSeconds));
}

/** storeScaleEvent: remembered only for HPAs with behavior, pruned past the longest policy period. */
export function storeScaleEvent(memory: HpaMemory, behavior: Behavior | undefined, prev: number, next: number, now: number): void {
  if (!behavior) return;
  if (next > prev) {
    const keep = longestPolicyPeriod(defaultScaleUpRules(behavior.scaleUp));
    memory.scaleUpEvents = memory.scaleUpEvents.filter((e) => e.at > now - keep);
    memory.scaleUpEvents.push({ change: next - prev, at: now });
  } else if (next < prev) {
    const keep = longestPolicyPeriod(defaultScaleDownRules(behavior.scaleDown));
    memory.scaleDownEvents = memory.scaleDownEvents.filter((e) => e.at > now - keep);
    memory.scaleDownEvents.push({ change: prev - next, at: now });
  }
}

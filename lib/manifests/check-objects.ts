// Checks on objects that arrive as YAML, for the mistakes the form would have caught: the API server's
// dry run catches the rest, with its own messages.
import { parseImageRef } from './image-ref';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain } from './names';
import { maxReplicas, type AppRef, type StateKey } from './types';

export interface ObjectProblem {
  path: (string | number)[];
  message: string;
}

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isIntIn(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkDeployment(what: string, object: Record<string, unknown>): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  const spec = rec(object.spec);
  if (spec.replicas !== undefined && !isIntIn(spec.replicas, 0, maxReplicas)) {
    problems.push({ path: ['spec', 'replicas'], message: `${what}: spec.replicas must be a whole number between 0 and ${maxReplicas} (got ${JSON.stringify(spec.replicas)})` });
  }
  const template = rec(spec.template);
  const containers = list(rec(template.spec).containers);
  if (containers.length === 0) {
    problems.push({ path: ['spec'], message: `${what}: spec.template.spec.containers must list at least one container` });
  }
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const container = rec(c);
    const path = ['spec', 'template', 'spec', 'containers', i];
    const name = container.name;
    if (typeof name !== 'string' || name === '') {
      problems.push({ path, message: `${what}: containers[${i}].name is required` });
    } else {
      for (const m of checkDns1123Label(name)) problems.push({ path: [...path, 'name'], message: `${what}: container name "${name}" ${m}` });
      if (seen.has(name)) problems.push({ path: [...path, 'name'], message: `${what}: container name "${name}" is used more than once` });
      seen.add(name);
    }
    if (typeof container.image !== 'string' || container.image === '') {
      problems.push({ path, message: `${what}: containers[${i}].image is required` });
    } else {
      const parsed = parseImageRef(container.image);
      if (!parsed.ok) problems.push({ path: [...path, 'image'], message: `${what}: ${parsed.reason}` });
    }
  });
  const matchLabels = rec(rec(spec.selector).matchLabels);
  const templateLabels = rec(rec(template.metadata).labels);
  if (Object.keys(matchLabels).length === 0) {
    problems.push({ path: ['spec'], message: `${what}: spec.selector.matchLabels is required` });
  } else if (Object.entries(matchLabels).some(([k, v]) => templateLabels[k] !== v)) {
    problems.push({ path: ['spec', 'selector'], message: `${what}: spec.selector does not match the pod template's labels` });
  }
  return problems;
}

function checkService(what: string, object: Record<string, unknown>): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  list(rec(object.spec).ports).forEach((p, i) => {
    const port = rec(p);
    const path = ['spec', 'ports', i];
    if (!isIntIn(port.port, 1, 65535)) problems.push({ path: [...path, 'port'], message: `${what}: spec.ports[${i}].port must be between 1 and 65535` });
    if (port.nodePort !== undefined && !isIntIn(port.nodePort, 30000, 32767)) {
      problems.push({ path: [...path, 'nodePort'], message: `${what}: node port ${JSON.stringify(port.nodePort)} is not in the valid range. The range of valid ports is 30000-32767` });
    }
  });
  return problems;
}

function checkHpa(what: string, object: Record<string, unknown>, ref: AppRef): ObjectProblem[] {
  const problems: ObjectProblem[] = [];
  const spec = rec(object.spec);
  const target = rec(spec.scaleTargetRef);
  if (target.kind !== 'Deployment' || target.name !== ref.name) {
    problems.push({ path: ['spec', 'scaleTargetRef'], message: `${what}: scaleTargetRef must be the app's Deployment "${ref.name}"` });
  }
  const min = spec.minReplicas ?? 1;
  if (!isIntIn(min, 1, maxReplicas)) problems.push({ path: ['spec', 'minReplicas'], message: `${what}: minReplicas must be between 1 and ${maxReplicas}` });
  if (!isIntIn(spec.maxReplicas, 1, maxReplicas)) {
    problems.push({ path: ['spec', 'maxReplicas'], message: `${what}: maxReplicas must be between 1 and ${maxReplicas}` });
  } else if (typeof min === 'number' && (spec.maxReplicas as number) < min) {
    problems.push({ path: ['spec', 'maxReplicas'], message: `${what}: maxReplicas (${String(spec.maxReplicas)}) must be greater than or equal to minReplicas (${min})` });
  }
  return problems;
}

/** Problems with the content of one object of the YAML; `path` points into that object. */
export function checkObjectContent(key: StateKey, object: Record<string, unknown>, ref: AppRef): ObjectProblem[] {
  const name = String(rec(object.metadata).name ?? '');
  const what = `${String(object.kind)} "${name}"`;
  const nameCheck = key === 'service' ? checkDns1035Label : checkDns1123Subdomain;
  const problems: ObjectProblem[] = nameCheck(name).map((m) => ({ path: ['metadata', 'name'], message: `${what}: metadata.name ${m}` }));
  if (key === 'deployment') problems.push(...checkDeployment(what, object));
  if (key === 'service') problems.push(...checkService(what, object));
  if (key === 'hpa') problems.push(...checkHpa(what, object, ref));
  return problems;
}

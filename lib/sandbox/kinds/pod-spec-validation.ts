// PodSpec / PodTemplateSpec validation with pkg/apis/core/validation's field paths and messages,
// covering what users actually get wrong: containers, images, ports, policies, resources, volumes.
import type { StatusCause } from './types';
import { duplicate, invalid, notFound, notSupported, required } from './field-errors';
import { asArray, asObject, asObjects, asStringMap, isObject } from './json';
import { isDns1123Label, isDns1123Subdomain, isValidPortName, regexError, validateAnnotations, validateLabels } from './names';
import { canonicalQuantity, parseQuantity } from './quantity';

/** IsEnvVarName (the strict rule; RelaxedEnvironmentVariableValidation is off in 1.31). */
export function isEnvVarName(name: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", '[-._a-zA-Z][-._a-zA-Z0-9]*', 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export function isValidPortNum(port: unknown): boolean {
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
}

export function validateNonNegative(value: unknown, field: string): StatusCause[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

function validateEnum(value: unknown, field: string, supported: string[], requiredValue = true): StatusCause[] {
  if (value === undefined || value === null || value === '') return requiredValue ? [required(field, '')] : [];
  return supported.includes(String(value)) ? [] : [notSupported(field, value, supported)];
}

function validatePorts(ports: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  asObjects(ports).forEach((p, i) => {
    const idx = `${path}[${i}]`;
    const name = typeof p.name === 'string' ? p.name : '';
    if (name) {
      for (const msg of isValidPortName(name)) causes.push(invalid(`${idx}.name`, name, msg));
      if (names.has(name)) causes.push(duplicate(`${idx}.name`, name));
      names.add(name);
    }
    if (p.containerPort === undefined || p.containerPort === 0) causes.push(required(`${idx}.containerPort`, ''));
    else if (!isValidPortNum(p.containerPort)) causes.push(invalid(`${idx}.containerPort`, p.containerPort, inclusiveRangeError(1, 65535)));
    if (p.hostPort !== undefined && p.hostPort !== 0 && !isValidPortNum(p.hostPort)) {
      causes.push(invalid(`${idx}.hostPort`, p.hostPort, inclusiveRangeError(1, 65535)));
    }
    causes.push(...validateEnum(p.protocol, `${idx}.protocol`, ['SCTP', 'TCP', 'UDP']));
  });
  return causes;
}

function validateResources(resources: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const res = asObject(resources);
  if (!res) return causes;
  const limits = asObject(res.limits) ?? {};
  const requests = asObject(res.requests) ?? {};
  for (const [which, values] of [['limits', limits], ['requests', requests]] as const) {
    for (const [k, v] of Object.entries(values)) {
      const q = parseQuantity(v);
      if (q === undefined) causes.push(invalid(`${path}.${which}[${k}]`, v, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
      else if (q < 0) causes.push(invalid(`${path}.${which}[${k}]`, v, 'must be greater than or equal to 0'));
    }
  }
  for (const [k, v] of Object.entries(requests)) {
    const lim = limits[k];
    const rq = parseQuantity(v);
    const lq = parseQuantity(lim);
    if (lim !== undefined && rq !== undefined && lq !== undefined && rq > lq) {
      causes.push(invalid(`${path}.requests[${k}]`, canonicalQuantity(v), `must be less than or equal to ${k} limit of ${canonicalQuantity(lim)}`));
    }
  }
  return causes;
}

function validateProbe(probe: unknown, path: string): StatusCause[] {
  const p = asObject(probe);
  if (!p) return [];
  const causes: StatusCause[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => isObject(p[h]));
  if (handlers.length === 0) causes.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: may not specify more than 1 handler type', field: `${path}.${handlers[1]}` });
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    causes.push(...validateNonNegative(p[f], `${path}.${f}`));
  }
  const httpGet = asObject(p.httpGet);
  if (httpGet) causes.push(...validatePortRef(httpGet.port, `${path}.httpGet.port`));
  const tcp = asObject(p.tcpSocket);
  if (tcp) causes.push(...validatePortRef(tcp.port, `${path}.tcpSocket.port`));
  return causes;
}

function validatePortRef(port: unknown, path: string): StatusCause[] {
  if (typeof port === 'number') return isValidPortNum(port) ? [] : [invalid(path, port, inclusiveRangeError(1, 65535))];
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  return [required(path, '')];
}

function validateContainers(list: unknown, path: string, volumes: Set<string>, allNames: Set<string>, requireOne: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const containers = asArray(list);
  if (requireOne && containers.length === 0) return [required(path, '')];
  containers.forEach((raw, i) => {
    const idx = `${path}[${i}]`;
    const c = isObject(raw) ? raw : {};
    const name = typeof c.name === 'string' ? c.name : '';
    if (!name) causes.push(required(`${idx}.name`, ''));
    else {
      for (const msg of isDns1123Label(name)) causes.push(invalid(`${idx}.name`, name, msg));
      if (allNames.has(name)) causes.push(duplicate(`${idx}.name`, name));
      allNames.add(name);
    }
    const image = typeof c.image === 'string' ? c.image : '';
    if (!image) causes.push(required(`${idx}.image`, ''));
    else if (image.trim() !== image) causes.push(invalid(`${idx}.image`, image, 'must not have leading or trailing whitespace'));
    causes.push(...validatePorts(c.ports, `${idx}.ports`));
    asObjects(c.env).forEach((e, j) => {
      const envName = typeof e.name === 'string' ? e.name : '';
      if (!envName) causes.push(required(`${idx}.env[${j}].name`, ''));
      else for (const msg of isEnvVarName(envName)) causes.push(invalid(`${idx}.env[${j}].name`, envName, msg));
    });
    asObjects(c.volumeMounts).forEach((m, j) => {
      const mPath = `${idx}.volumeMounts[${j}]`;
      const mName = typeof m.name === 'string' ? m.name : '';
      if (!mName) causes.push(required(`${mPath}.name`, ''));
      else if (!volumes.has(mName)) causes.push(notFound(`${mPath}.name`, mName));
      if (typeof m.mountPath !== 'string' || !m.mountPath) causes.push(required(`${mPath}.mountPath`, ''));
    });
    causes.push(...validateProbe(c.livenessProbe, `${idx}.livenessProbe`));
    causes.push(...validateProbe(c.readinessProbe, `${idx}.readinessProbe`));
    causes.push(...validateProbe(c.startupProbe, `${idx}.startupProbe`));
    causes.push(...validateResources(c.resources, `${idx}.resources`));
    causes.push(...validateEnum(c.imagePullPolicy, `${idx}.imagePullPolicy`, ['Always', 'IfNotPresent', 'Never']));
    causes.push(...validateEnum(c.terminationMessagePolicy, `${idx}.terminationMessagePolicy`, ['File', 'FallbackToLogsOnError']));
  });
  return causes;
}

function validateVolumes(list: unknown, path: string): { causes: StatusCause[]; names: Set<string> } {
  const causes: StatusCause[] = [];
  const names = new Set<string>();
  asObjects(list).forEach((v, i) => {
    const idx = `${path}[${i}]`;
    const name = typeof v.name === 'string' ? v.name : '';
    if (!name) causes.push(required(`${idx}.name`, ''));
    else {
      for (const msg of isDns1123Label(name)) causes.push(invalid(`${idx}.name`, name, msg));
      if (names.has(name)) causes.push(duplicate(`${idx}.name`, name));
      names.add(name);
    }
    const pvc = asObject(v.persistentVolumeClaim);
    if (pvc && (typeof pvc.claimName !== 'string' || !pvc.claimName)) causes.push(required(`${idx}.persistentVolumeClaim.claimName`, ''));
    const cm = asObject(v.configMap);
    if (cm && (typeof cm.name !== 'string' || !cm.name)) causes.push(required(`${idx}.configMap.name`, ''));
    const secret = asObject(v.secret);
    if (secret && (typeof secret.secretName !== 'string' || !secret.secretName)) causes.push(required(`${idx}.secret.secretName`, ''));
  });
  return { causes, names };
}

/** ValidatePodSpec at `path` (e.g. "spec" or "spec.template.spec"). */
export function validatePodSpec(spec: unknown, path: string, opts: { restartPolicies?: string[] } = {}): StatusCause[] {
  const s = asObject(spec) ?? {};
  const { causes, names: volumes } = validateVolumes(s.volumes, `${path}.volumes`);
  const allNames = new Set<string>();
  causes.push(...validateContainers(s.containers, `${path}.containers`, volumes, allNames, true));
  causes.push(...validateContainers(s.initContainers, `${path}.initContainers`, volumes, allNames, false));
  causes.push(...validateEnum(s.restartPolicy, `${path}.restartPolicy`, opts.restartPolicies ?? ['Always', 'OnFailure', 'Never']));
  causes.push(...validateEnum(s.dnsPolicy, `${path}.dnsPolicy`, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  causes.push(...validateNonNegative(s.terminationGracePeriodSeconds, `${path}.terminationGracePeriodSeconds`));
  causes.push(...validateNonNegative(s.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`));
  if (s.nodeSelector !== undefined) causes.push(...validateLabels(asStringMap(s.nodeSelector), `${path}.nodeSelector`));
  if (typeof s.serviceAccountName === 'string' && s.serviceAccountName) {
    for (const msg of isDns1123Subdomain(s.serviceAccountName)) causes.push(invalid(`${path}.serviceAccountName`, s.serviceAccountName, msg));
  }
  return causes;
}

/** ValidatePodTemplateSpec: template labels/annotations and its PodSpec. */
export function validatePodTemplate(template: unknown, path: string, opts: { restartPolicies?: string[] } = {}): StatusCause[] {
  const t = asObject(template);
  if (!t) return [required(path, '')];
  const meta = asObject(t.metadata) ?? {};
  return [
    ...validateLabels(asStringMap(meta.labels), `${path}.metadata.labels`),
    ...validateAnnotations(asStringMap(meta.annotations), `${path}.metadata.annotations`),
    ...validatePodSpec(t.spec, `${path}.spec`, opts),
  ];
}

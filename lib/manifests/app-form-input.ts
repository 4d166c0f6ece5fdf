// The "new app / deploy" form: everything the Deployment (and its ConfigMap and PVC) can be built from.
import { z } from 'zod';
import {
  absolutePath,
  appName,
  checkedString,
  dnsLabel,
  imageField,
  intOrPercentField,
  isZeroIntOrPercent,
  optionalDnsSubdomain,
  optionalIntField,
  optionalPortField,
  optionalQuantityField,
  optionalText,
  portField,
  quantityField,
  replicasField,
  dnsSubdomain,
} from './field-schemas';
import { checkConfigMapKey, checkEnvVarName } from './names';
import { parseQuantity } from './quantity';

/** The form's empty trailing row (no name, no value) is not an entry. */
function dropBlankRows(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.filter((row) => {
    if (typeof row !== 'object' || row === null) return true;
    return Object.values(row as Record<string, unknown>).some((v) => v !== undefined && v !== null && String(v).trim() !== '');
  });
}

const envVar = z.object({
  name: checkedString('Environment variable name', checkEnvVarName),
  value: z.string({ error: 'Environment variable value must be text' }).default(''),
});

const configEntry = z.object({
  key: checkedString('ConfigMap key', checkConfigMapKey),
  value: z.string({ error: 'ConfigMap value must be text' }).default(''),
});

/** Env from a ConfigMap: one Berth creates as `<app>-config`, or one that already exists in the namespace. */
const envFrom = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('create'), data: z.preprocess(dropBlankRows, z.array(configEntry).min(1, { error: 'Add at least one key to the ConfigMap' })) }),
    z.object({ mode: z.literal('existing'), name: dnsSubdomain('ConfigMap name') }),
  ],
  { error: "Environment from ConfigMap must be either { mode: 'create', data } or { mode: 'existing', name }" },
);

const resourcePair = z.object({
  cpu: optionalQuantityField('CPU', 'cpu'),
  memory: optionalQuantityField('Memory', 'memory'),
});

const resources = z
  .object({ requests: resourcePair.default({}), limits: resourcePair.default({}) })
  .superRefine((value, ctx) => {
    for (const resource of ['cpu', 'memory'] as const) {
      const request = value.requests[resource];
      const limit = value.limits[resource];
      if (request === undefined || limit === undefined) continue;
      const r = parseQuantity(request);
      const l = parseQuantity(limit);
      if (r !== undefined && l !== undefined && r > l) {
        const label = resource === 'cpu' ? 'CPU' : 'Memory';
        ctx.addIssue({ code: 'custom', path: ['requests', resource], message: `${label} request ${request} must be less than or equal to the ${label} limit of ${limit}` });
      }
    }
  });

const probeTiming = {
  initialDelaySeconds: optionalIntField('Initial delay', 0, 3600),
  periodSeconds: optionalIntField('Period', 1, 3600),
  timeoutSeconds: optionalIntField('Timeout', 1, 3600),
  failureThreshold: optionalIntField('Failure threshold', 1, 100),
};

const probe = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('http'), path: absolutePath('Probe path'), port: portField('Probe port'), ...probeTiming }),
    z.object({ type: z.literal('tcp'), port: portField('Probe port'), ...probeTiming }),
  ],
  { error: "Probe type must be 'http' or 'tcp'" },
);

const rollingUpdate = z
  .object({ maxSurge: intOrPercentField('maxSurge'), maxUnavailable: intOrPercentField('maxUnavailable') })
  .superRefine((value, ctx) => {
    if (isZeroIntOrPercent(value.maxSurge) && isZeroIntOrPercent(value.maxUnavailable)) {
      ctx.addIssue({ code: 'custom', path: ['maxUnavailable'], message: 'maxUnavailable may not be 0 when `maxSurge` is 0' });
    }
  });

const sidecar = z.object({
  name: dnsLabel('Sidecar name'),
  image: imageField('Sidecar image'),
  port: optionalPortField('Sidecar port'),
});

const accessModes = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'] as const;

const volume = z.object({
  claimName: optionalDnsSubdomain('Claim name'),
  size: quantityField('Volume size', 'storage'),
  accessMode: z.enum(accessModes, { error: `Access mode must be one of ${accessModes.join(', ')}` }).default('ReadWriteOnce'),
  storageClassName: optionalDnsSubdomain('Storage class'),
  mountPath: absolutePath('Mount path'),
});

export const appFormInput = z
  .object({
    name: appName,
    image: imageField(),
    replicas: replicasField.default(1),
    containerPort: optionalPortField('Container port'),
    env: z.preprocess(dropBlankRows, z.array(envVar).default([])),
    envFrom: envFrom.optional(),
    resources: resources.optional(),
    livenessProbe: probe.optional(),
    readinessProbe: probe.optional(),
    rollingUpdate: rollingUpdate.optional(),
    sidecars: z.array(sidecar).default([]),
    volume: volume.optional(),
    changeCause: optionalText('Change cause', 1024),
  })
  .superRefine((form, ctx) => {
    const seenEnv = new Map<string, number>();
    form.env.forEach((entry, i) => {
      if (seenEnv.has(entry.name)) ctx.addIssue({ code: 'custom', path: ['env', i, 'name'], message: `Environment variable "${entry.name}" is defined more than once` });
      seenEnv.set(entry.name, i);
    });
    if (form.envFrom?.mode === 'create') {
      const seenKeys = new Set<string>();
      form.envFrom.data.forEach((entry, i) => {
        if (seenKeys.has(entry.key)) ctx.addIssue({ code: 'custom', path: ['envFrom', 'data', i, 'key'], message: `ConfigMap key "${entry.key}" is defined more than once` });
        seenKeys.add(entry.key);
      });
    }
    const containerNames = new Set([form.name]);
    form.sidecars.forEach((sc, i) => {
      if (containerNames.has(sc.name)) ctx.addIssue({ code: 'custom', path: ['sidecars', i, 'name'], message: `Sidecar name "${sc.name}" is already used by another container` });
      containerNames.add(sc.name);
    });
    const ports = new Set(form.containerPort === undefined ? [] : [form.containerPort]);
    form.sidecars.forEach((sc, i) => {
      if (sc.port === undefined) return;
      if (ports.has(sc.port)) ctx.addIssue({ code: 'custom', path: ['sidecars', i, 'port'], message: `Sidecar port ${sc.port} is already used by another container in the pod` });
      ports.add(sc.port);
    });
  });

/** What a form (or an API client) sends: numbers may arrive as strings, optional lists may be missing. */
export type AppFormInput = z.input<typeof appFormInput>;
/** The validated form, with defaults filled in. */
export type AppForm = z.output<typeof appFormInput>;
export type ProbeForm = z.output<typeof probe>;
export type ResourcesForm = z.output<typeof resources>;

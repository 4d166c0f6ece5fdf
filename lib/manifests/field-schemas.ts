// Reusable zod fields. Every message names its field, so it still reads well when shown alone
// (a toast, the ManifestError message) and not only next to the input it belongs to.
import { z } from 'zod';
import { parseImageRef } from './image-ref';
import { checkDns1035Label, checkDns1123Label, checkDns1123Subdomain, checkPortName } from './names';
import { checkQuantity, type QuantityResource } from './quantity';

/** Form posts carry numbers as strings; an empty field means "not set". */
function toNumberish(value: unknown): unknown {
  if (value === '' || value === null) return undefined;
  if (typeof value === 'string' && /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(value)) return Number(value);
  return value;
}

function toTrimmed(value: unknown): unknown {
  if (value === null) return undefined;
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function intField(label: string, min: number, max: number, range?: (value: number) => string) {
  const outOfRange = (input: unknown) => (range && typeof input === 'number' ? range(input) : `${label} must be between ${min} and ${max}`);
  return z.preprocess(
    toNumberish,
    z
      .number({ error: (iss) => (iss.input === undefined ? `${label} is required` : `${label} must be a number`) })
      .int({ error: `${label} must be a whole number` })
      .min(min, { error: (iss) => outOfRange(iss.input) })
      .max(max, { error: (iss) => outOfRange(iss.input) }),
  );
}

export function optionalIntField(label: string, min: number, max: number, range?: (value: number) => string) {
  return z.preprocess(toNumberish, intField(label, min, max, range).optional());
}

/** A string field checked by one of the `check*` functions of names.ts. */
export function checkedString(label: string, check: (value: string) => string[]) {
  return z.preprocess(
    toTrimmed,
    z.string({ error: (iss) => (iss.input === undefined ? `${label} is required` : `${label} must be text`) }).superRefine((value, ctx) => {
      for (const message of check(value)) {
        ctx.addIssue({ code: 'custom', message: message.startsWith('must') ? `${label} ${message}` : `${label} "${value}" is invalid: ${message}` });
      }
    }),
  );
}

export function optionalCheckedString(label: string, check: (value: string) => string[]) {
  return z.preprocess(toTrimmed, checkedString(label, check).optional());
}

export const dnsLabel = (label: string) => checkedString(label, checkDns1123Label);
export const dnsSubdomain = (label: string) => checkedString(label, checkDns1123Subdomain);
export const optionalDnsSubdomain = (label: string) => optionalCheckedString(label, checkDns1123Subdomain);

/** Pod names are `<app>-<pod-template-hash ≤ 10>-<5 random>`; past 46 the API server truncates the generateName base (58). */
export const maxAppNameLength = 46;

/**
 * App names become the Deployment, Service and HPA names and the `app.kubernetes.io/name` label value, so
 * they must satisfy the strictest of those: a Service name (DNS-1035 label). They are also kept short
 * enough that ReplicaSet (`<app>-<hash>`) and pod names (`<app>-<hash>-<suffix>`) keep their full form:
 * the API server cuts a pod's generateName to 58 characters, which would otherwise eat the hash.
 */
export const appName = checkedString('App name', (value) => {
  const errs = checkDns1035Label(value).filter((m) => !m.startsWith('must be no more than'));
  if (value.length > maxAppNameLength) {
    errs.unshift(`must be no more than ${maxAppNameLength} characters, so that pod names (<app>-<pod-template-hash>-<suffix>) stay within 63 characters`);
  }
  return errs;
});

export const imageField = (label = 'Image') =>
  z.preprocess(
    toTrimmed,
    z.string({ error: `${label} is required` }).superRefine((value, ctx) => {
      const parsed = parseImageRef(value);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
    }),
  );

export const replicasField = intField('Replicas', 0, 1000, (n) =>
  n < 0 ? `Replicas must be greater than or equal to 0 (got ${n})` : `Replicas must be at most 1000 (got ${n})`,
);

export const portField = (label: string) => intField(label, 1, 65535);
export const optionalPortField = (label: string) => optionalIntField(label, 1, 65535);

/** A port given by number or by the name of a container port (IANA_SVC_NAME). */
export const portOrName = (label: string) =>
  z.preprocess(
    toNumberish,
    z.union([portField(label), checkedString(`${label} name`, checkPortName)], {
      error: `${label} must be a port number or a port name`,
    }),
  );

export const quantityField = (label: string, resource: QuantityResource) =>
  z.preprocess(
    toTrimmed,
    z.string({ error: `${label} must be a quantity such as ${resource === 'cpu' ? '250m' : '256Mi'}` }).superRefine((value, ctx) => {
      const problem = checkQuantity(value, resource);
      if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
    }),
  );

export const optionalQuantityField = (label: string, resource: QuantityResource) =>
  z.preprocess(toTrimmed, quantityField(label, resource).optional());

/** IntOrString for maxSurge/maxUnavailable, with ValidatePositiveIntOrPercent's rules. */
export const intOrPercentField = (label: string) =>
  z.preprocess(
    (value: unknown) => {
      const v = toTrimmed(value);
      return typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v;
    },
    z
      .union([z.number(), z.string()], { error: `${label} must be an integer or percentage (e.g '5%')` })
      .superRefine((value, ctx) => {
        if (typeof value === 'number') {
          if (!Number.isInteger(value)) ctx.addIssue({ code: 'custom', message: `${label} must be an integer or percentage (e.g '5%')` });
          else if (value < 0) ctx.addIssue({ code: 'custom', message: `${label} must be greater than or equal to 0` });
        } else if (!/^[0-9]+%$/.test(value)) {
          ctx.addIssue({ code: 'custom', message: `${label} must be an integer or percentage (e.g '5%')` });
        } else if (Number(value.slice(0, -1)) > 100) {
          ctx.addIssue({ code: 'custom', message: `${label} must not be greater than 100%` });
        }
      })
      .optional(),
  );

export const absolutePath = (label: string) =>
  z.preprocess(
    toTrimmed,
    z.string({ error: `${label} is required` }).refine((value) => value.startsWith('/'), { error: `${label} must be an absolute path (starting with '/')` }),
  );

export const optionalText = (label: string, max: number) =>
  z.preprocess(toTrimmed, z.string({ error: `${label} must be text` }).max(max, { error: `${label} must be at most ${max} characters` }).optional());

/** Whether an IntOrString means zero ("0", 0, "0%"). */
export function isZeroIntOrPercent(value: number | string | undefined): boolean {
  if (value === undefined) return false;
  return typeof value === 'number' ? value === 0 : Number(value.replace('%', '')) === 0;
}

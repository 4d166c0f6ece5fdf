// ConfigMaps and Secrets: key validation (IsConfigMapKey), immutability, Secret type defaults and
// required keys, stringData folding into data (v1 conversion), printers.
import { Buffer } from 'node:buffer';
import type { KObject } from '../types';
import type { StatusCause } from './types';
import { defineResource } from './base';
import { ageColumn, column, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { forbidden, immutableMessage, invalid, required, tooLong } from './field-errors';
import { asObject, deepEqual, isObject } from './json';
import { maxLenError, regexError } from './names';

export function isConfigMapKey(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  if (key === '.') errs.push("must not be '.'");
  else if (key === '..') errs.push("must not be '..'");
  else if (key.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function validateKeys(data: unknown, field: string): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of Object.keys(asObject(data) ?? {})) {
    for (const msg of isConfigMapKey(key)) causes.push(invalid(`${field}[${key}]`, key, msg));
  }
  return causes;
}

function validateImmutable(obj: KObject, old: KObject | undefined, fields: string[]): StatusCause[] {
  if (!old || old.immutable !== true) return [];
  const causes: StatusCause[] = [];
  if (obj.immutable !== true) causes.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!deepEqual(obj[f] ?? {}, old[f] ?? {})) causes.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return causes;
}

const maxDataSize = 1024 * 1024;

function dataSize(...maps: unknown[]): number {
  let size = 0;
  for (const m of maps) for (const [k, v] of Object.entries(asObject(m) ?? {})) size += k.length + String(v ?? '').length;
  return size;
}

function countKeys(...maps: unknown[]): number {
  return maps.reduce<number>((n, m) => n + Object.keys(asObject(m) ?? {}).length, 0);
}

export const configMaps = defineResource({
  group: '',
  version: 'v1',
  plural: 'configmaps',
  singular: 'configmap',
  kind: 'ConfigMap',
  namespaced: true,
  shortNames: ['cm'],
  validate(obj, old) {
    const causes = [...validateKeys(obj.data, 'data'), ...validateKeys(obj.binaryData, 'binaryData')];
    const data = asObject(obj.data) ?? {};
    for (const key of Object.keys(asObject(obj.binaryData) ?? {})) {
      if (key in data) causes.push(invalid('binaryData', key, 'duplicate of key present in data'));
    }
    if (dataSize(obj.data, obj.binaryData) > maxDataSize) causes.push(tooLong('[]', maxDataSize));
    causes.push(...validateImmutable(obj, old, ['data', 'binaryData']));
    return causes;
  },
  columns: [nameColumn, column('Data', 'string', 'Data contains the configuration data.'), ageColumn],
  row: (obj, now) => [countKeys(obj.data, obj.binaryData), translateTimestampSince(obj.metadata.creationTimestamp, now)],
});

const requiredSecretKeys: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

function defaultSecret(obj: KObject): void {
  if (typeof obj.type !== 'string' || !obj.type) obj.type = 'Opaque';
  // stringData is write-only: the v1 conversion merges it into data (base64) and drops it.
  if (isObject(obj.stringData)) {
    const data = isObject(obj.data) ? obj.data : {};
    for (const [k, v] of Object.entries(obj.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    obj.data = data;
    delete obj.stringData;
  }
}

function validateSecret(obj: KObject, old?: KObject): StatusCause[] {
  const causes = validateKeys(obj.data, 'data');
  const data = asObject(obj.data) ?? {};
  const type = String(obj.type ?? '');
  for (const key of requiredSecretKeys[type] ?? []) if (!(key in data)) causes.push(required(`data[${key}]`, ''));
  if (type === 'kubernetes.io/basic-auth' && !('username' in data) && !('password' in data)) {
    causes.push(required('data[username]', ''), required('data[password]', ''));
  }
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
    causes.push(required('metadata.annotations[kubernetes.io/service-account.name]', ''));
  }
  // Secret data is base64 in JSON; the limit applies to the decoded bytes.
  if (Object.values(data).reduce<number>((n, v) => n + Buffer.from(String(v ?? ''), 'base64').length, 0) > maxDataSize) causes.push(tooLong('data', maxDataSize));
  if (old && String(old.type ?? '') !== type) causes.push(invalid('type', type, immutableMessage));
  causes.push(...validateImmutable(obj, old, ['data']));
  return causes;
}

export const secrets = defineResource({
  group: '',
  version: 'v1',
  plural: 'secrets',
  singular: 'secret',
  kind: 'Secret',
  namespaced: true,
  defaults: defaultSecret,
  validate: validateSecret,
  fieldLabels: (obj) => ({ type: typeof obj.type === 'string' ? obj.type : '' }),
  columns: [
    nameColumn,
    column('Type', 'string', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'string', 'Data contains the secret data.'),
    ageColumn,
  ],
  row: (obj, now) => [String(obj.type ?? ''), countKeys(obj.data), translateTimestampSince(obj.metadata.creationTimestamp, now)],
});

// Endpoints and EndpointSlices (written by the sandbox's controllers, readable by clients): port
// defaults, the basic validation, and the formatEndpoints / EndpointSlice printers.
import type { StatusCause } from './types';
import { defineResource } from './base';
import { ageColumn, column, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { invalid, notSupported, required } from './field-errors';
import { asObjects, setDefaultString } from './json';
import { inclusiveRangeError, isValidPortNum } from './pod-spec-validation';
import { isIPv4 } from './service-allocation';

/** formatEndpoints: "ip:port" for up to three, then " + N more...", or "<none>". */
export function formatEndpoints(subsets: unknown): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of asObjects(subsets)) {
    const addresses = asObjects(ss.addresses);
    const ports = asObjects(ss.ports);
    if (ports.length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(String(a.ip ?? ''));
      }
      continue;
    }
    for (const p of ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        const ip = String(a.ip ?? '');
        list.push(`${ip.includes(':') ? `[${ip}]` : ip}:${String(p.port)}`);
      }
    }
  }
  if (asObjects(subsets).length === 0) return '<none>';
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret || '<unset>';
}

export function formatSlicePorts(ports: unknown): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of asObjects(ports)) {
    if (list.length < 3) list.push(typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*');
    else more = true;
    count++;
  }
  return listWithMore(list, more, count, 3);
}

export function formatSliceEndpoints(endpoints: unknown): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of asObjects(endpoints)) {
    for (const addr of Array.isArray(e.addresses) ? e.addresses : []) {
      if (list.length < 3) list.push(String(addr));
      else more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, 3);
}

function validatePortList(ports: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  asObjects(ports).forEach((p, i) => {
    if (p.port !== undefined && p.port !== null && !isValidPortNum(p.port)) causes.push(invalid(`${path}[${i}].port`, p.port, inclusiveRangeError(1, 65535)));
    if (p.protocol !== undefined && !['SCTP', 'TCP', 'UDP'].includes(String(p.protocol))) causes.push(notSupported(`${path}[${i}].protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return causes;
}

export const endpoints = defineResource({
  group: '',
  version: 'v1',
  plural: 'endpoints',
  singular: 'endpoints',
  kind: 'Endpoints',
  namespaced: true,
  shortNames: ['ep'],
  defaults(obj) {
    for (const ss of asObjects(obj.subsets)) for (const p of asObjects(ss.ports)) setDefaultString(p, 'protocol', 'TCP');
  },
  validate(obj) {
    const causes: StatusCause[] = [];
    asObjects(obj.subsets).forEach((ss, i) => {
      for (const key of ['addresses', 'notReadyAddresses']) {
        asObjects(ss[key]).forEach((a, j) => {
          const ip = typeof a.ip === 'string' ? a.ip : '';
          if (!ip) causes.push(required(`subsets[${i}].${key}[${j}].ip`, ''));
          else if (!isIPv4(ip) && !ip.includes(':')) causes.push(invalid(`subsets[${i}].${key}[${j}].ip`, ip, 'must be a valid IP address'));
        });
      }
      causes.push(...validatePortList(ss.ports, `subsets[${i}].ports`));
    });
    return causes;
  },
  columns: [nameColumn, column('Endpoints', 'string', 'The set of all endpoints is the union of all subsets.'), ageColumn],
  row: (obj, now) => [formatEndpoints(obj.subsets), translateTimestampSince(obj.metadata.creationTimestamp, now)],
});

export const endpointSlices = defineResource({
  group: 'discovery.k8s.io',
  version: 'v1',
  plural: 'endpointslices',
  singular: 'endpointslice',
  kind: 'EndpointSlice',
  namespaced: true,
  defaults(obj) {
    for (const p of asObjects(obj.ports)) setDefaultString(p, 'protocol', 'TCP');
  },
  validate(obj, old) {
    const causes: StatusCause[] = [];
    const types = ['FQDN', 'IPv4', 'IPv6'];
    if (!obj.addressType) causes.push(required('addressType', ''));
    else if (!types.includes(String(obj.addressType))) causes.push(notSupported('addressType', obj.addressType, types));
    if (old && old.addressType !== obj.addressType) causes.push(invalid('addressType', obj.addressType, 'field is immutable'));
    asObjects(obj.endpoints).forEach((e, i) => {
      if (!Array.isArray(e.addresses) || e.addresses.length === 0) causes.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
    });
    causes.push(...validatePortList(obj.ports, 'ports'));
    return causes;
  },
  columns: [
    nameColumn,
    column('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'),
    column('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'),
    column('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'),
    ageColumn,
  ],
  row: (obj, now) => [String(obj.addressType ?? ''), formatSlicePorts(obj.ports), formatSliceEndpoints(obj.endpoints), translateTimestampSince(obj.metadata.creationTimestamp, now)],
});

// core/v1 Event: field labels (the event registry's selectable fields) and the printEvent row.
import type { KObject } from '../types';
import { defineResource } from './base';
import { column, wide } from './columns';
import { translateTimestampSince } from './duration';
import { invalid } from './field-errors';
import { asNumber, asObject } from './json';

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function eventRow(obj: KObject, now: Date): unknown[] {
  const involved = asObject(obj.involvedObject) ?? {};
  const series = asObject(obj.series);
  let first = translateTimestampSince(obj.firstTimestamp, now);
  if (!str(obj.firstTimestamp)) first = translateTimestampSince(obj.eventTime, now);
  let last = str(obj.lastTimestamp) ? translateTimestampSince(obj.lastTimestamp, now) : first;
  let count = asNumber(obj.count) ?? 0;
  if (series) {
    last = translateTimestampSince(series.lastObservedTime, now);
    count = asNumber(series.count) ?? 0;
  } else if (count === 0) {
    count = 1;
  }
  const kind = str(involved.kind).toLowerCase();
  const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
  const source = asObject(obj.source) ?? {};
  const component = str(source.component) || str(obj.reportingComponent);
  const instance = str(source.host) || str(obj.reportingInstance);
  return [
    last, str(obj.type), str(obj.reason), target, str(involved.fieldPath),
    instance ? `${component}, ${instance}` : component,
    str(obj.message).trim(), first, count, obj.metadata.name ?? '',
  ];
}

export const events = defineResource({
  group: '',
  version: 'v1',
  plural: 'events',
  singular: 'event',
  kind: 'Event',
  namespaced: true,
  shortNames: ['ev'],
  validate(obj) {
    // legacyValidateEvent: the involved object's namespace must be the event's (or empty for
    // cluster-scoped objects, whose events live in "default").
    const involvedNs = str(asObject(obj.involvedObject)?.namespace);
    const ns = obj.metadata.namespace ?? '';
    const ok = involvedNs ? involvedNs === ns : ns === '' || ns === 'default';
    return ok ? [] : [invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace')];
  },
  fieldLabels(obj) {
    const involved = asObject(obj.involvedObject) ?? {};
    return {
      'involvedObject.kind': str(involved.kind),
      'involvedObject.namespace': str(involved.namespace),
      'involvedObject.name': str(involved.name),
      'involvedObject.uid': str(involved.uid),
      'involvedObject.apiVersion': str(involved.apiVersion),
      'involvedObject.resourceVersion': str(involved.resourceVersion),
      'involvedObject.fieldPath': str(involved.fieldPath),
      reason: str(obj.reason),
      reportingComponent: str(obj.reportingComponent),
      source: str(asObject(obj.source)?.component),
      type: str(obj.type),
    };
  },
  columns: [
    column('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    column('Object', 'string', 'The object that this event is about.'),
    wide('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.'),
    wide('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.'),
    column('Message', 'string', 'A human-readable description of the status of this operation.'),
    wide('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)'),
    wide('Count', 'string', 'The number of times this event has occurred.'),
    { ...wide('Name', 'string', 'Name must be unique within a namespace.'), format: 'name' },
  ],
  fullRow: eventRow,
});

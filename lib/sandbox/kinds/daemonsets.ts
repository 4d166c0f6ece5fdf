// apps/v1 DaemonSet: defaults, validation, generation rule and printer.
import { defineResource, specChanged } from './base';
import { ageColumn, column, nameColumn, wide } from './columns';
import { translateTimestampSince } from './duration';
import { notSupported } from './field-errors';
import { asObject, ensureObject, setDefault, setDefaultString } from './json';
import { defaultPodTemplate } from './pod-spec-defaults';
import { validateNonNegative } from './pod-spec-validation';
import { formatLabels, formatLabelSelector, int, layoutContainerCells, templateContainers } from './printing';
import { containersColumnDoc, imagesColumnDoc, specOf, validateAppsSelectorAndTemplate, validateSelectorImmutable } from './workload-validation';

export const daemonSets = defineResource({
  group: 'apps',
  version: 'v1',
  plural: 'daemonsets',
  singular: 'daemonset',
  kind: 'DaemonSet',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  subresources: ['status'],
  defaults(obj) {
    const spec = specOf(obj);
    const strategy = ensureObject(spec, 'updateStrategy');
    setDefaultString(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = ensureObject(strategy, 'rollingUpdate');
      setDefault(ru, 'maxUnavailable', 1);
      setDefault(ru, 'maxSurge', 0);
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultPodTemplate(ensureObject(spec, 'template'));
  },
  validate(obj, old) {
    const spec = asObject(obj.spec) ?? {};
    const causes = [
      ...validateAppsSelectorAndTemplate(spec, 'daemonset'),
      ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
      ...validateSelectorImmutable(obj, old),
    ];
    const type = asObject(spec.updateStrategy)?.type;
    if (type !== 'OnDelete' && type !== 'RollingUpdate') causes.push(notSupported('spec.updateStrategy.type', type ?? '', ['OnDelete', 'RollingUpdate']));
    return causes;
  },
  bumpsGeneration: specChanged,
  columns: [
    nameColumn,
    column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).'),
    column('Current', 'integer', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    column('Ready', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.'),
    column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
    column('Available', 'integer', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)'),
    column('Node Selector', 'string', "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node."),
    ageColumn,
    wide('Containers', 'string', containersColumnDoc),
    wide('Images', 'string', imagesColumnDoc),
    wide('Selector', 'string', 'A label query over pods that are managed by the daemon set. Must match in order to be controlled.'),
  ],
  row(obj, now) {
    const spec = asObject(obj.spec) ?? {};
    const status = asObject(obj.status) ?? {};
    const [names, images] = layoutContainerCells(templateContainers(obj));
    const nodeSelector = asObject(asObject(spec.template)?.spec)?.nodeSelector;
    return [
      int(status.desiredNumberScheduled), int(status.currentNumberScheduled), int(status.numberReady),
      int(status.updatedNumberScheduled), int(status.numberAvailable), formatLabels(nodeSelector),
      translateTimestampSince(obj.metadata.creationTimestamp, now), names, images, formatLabelSelector(spec.selector),
    ];
  },
});

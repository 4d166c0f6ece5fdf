// The known-field trees of the most used built-in kinds (k8s.io/api v1.31), enough to tell unknown
// fields from known ones for fieldValidation. `true` = any value (no further checking).
export type FieldSchema = true | { [field: string]: FieldSchema } | [FieldSchema];

const anyValue = true as const;

function fields(names: string, extra: Record<string, FieldSchema> = {}): { [field: string]: FieldSchema } {
  const out: { [field: string]: FieldSchema } = {};
  for (const n of names.split(/\s+/).filter(Boolean)) out[n] = anyValue;
  return { ...out, ...extra };
}

const ownerReference = fields('apiVersion kind name uid controller blockOwnerDeletion');
const objectMeta = fields('name generateName namespace selfLink uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels annotations finalizers managedFields', {
  ownerReferences: [ownerReference],
});
const labelSelector = fields('matchLabels', { matchExpressions: [fields('key operator values')] });
const containerPort = fields('name hostPort containerPort protocol hostIP');
const envVar = fields('name value valueFrom');
const resources = fields('limits requests claims');
const probe = fields('exec httpGet tcpSocket grpc initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds');
const volumeMount = fields('name readOnly recursiveReadOnly mountPath subPath mountPropagation subPathExpr');
const container = fields('name image command args workingDir envFrom resizePolicy restartPolicy volumeDevices lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin stdinOnce tty', {
  ports: [containerPort],
  env: [envVar],
  resources,
  volumeMounts: [volumeMount],
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
});
const podSpec = fields('volumes ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims resources', {
  containers: [container],
  initContainers: [container],
});
const podTemplate = { metadata: objectMeta, spec: podSpec };
const top = (extra: Record<string, FieldSchema>) => ({ apiVersion: anyValue, kind: anyValue, metadata: objectMeta, ...extra });

const deploymentSpec = fields('replicas minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds', {
  selector: labelSelector,
  template: podTemplate,
  strategy: fields('type', { rollingUpdate: fields('maxUnavailable maxSurge') }),
});
const replicaSetSpec = fields('replicas minReadySeconds', { selector: labelSelector, template: podTemplate });
const servicePort = fields('name protocol appProtocol port targetPort nodePort');
const serviceSpec = fields('selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution', {
  ports: [servicePort],
});

const daemonSetSpec = fields('minReadySeconds revisionHistoryLimit', {
  selector: labelSelector,
  template: podTemplate,
  updateStrategy: fields('type', { rollingUpdate: fields('maxUnavailable maxSurge') }),
});
const rcSpec = fields('replicas minReadySeconds selector', { template: podTemplate });
const ingressBackend = fields('resource', { service: fields('name', { port: fields('name number') }) });
const ingressSpec = fields('ingressClassName', {
  defaultBackend: ingressBackend,
  tls: [fields('hosts secretName')],
  rules: [fields('host', { http: fields('', { paths: [fields('path pathType', { backend: ingressBackend })] }) })],
});
const pvcSpec = fields('accessModes resources volumeName storageClassName volumeMode dataSource dataSourceRef volumeAttributesClassName', { selector: labelSelector });

const schemas: Record<string, FieldSchema> = {
  '/ReplicationController': top({ spec: rcSpec, status: anyValue }),
  '/PersistentVolumeClaim': top({ spec: pvcSpec, status: anyValue }),
  'apps/DaemonSet': top({ spec: daemonSetSpec, status: anyValue }),
  'networking.k8s.io/Ingress': top({ spec: ingressSpec, status: anyValue }),
  '/Pod': top({ spec: podSpec, status: anyValue }),
  '/Service': top({ spec: serviceSpec, status: anyValue }),
  '/ConfigMap': top({ data: anyValue, binaryData: anyValue, immutable: anyValue }),
  '/Secret': top({ data: anyValue, stringData: anyValue, type: anyValue, immutable: anyValue }),
  '/Namespace': top({ spec: fields('finalizers'), status: anyValue }),
  'apps/Deployment': top({ spec: deploymentSpec, status: anyValue }),
  'apps/ReplicaSet': top({ spec: replicaSetSpec, status: anyValue }),
};

export function schemaFor(group: string, kind: string): FieldSchema | undefined {
  return schemas[`${group}/${kind}`];
}

// The editor's form as the inputs hold it (strings), and its translation to and from lib/manifests'
// form input. Empty optional inputs are left out, so the server's rules see exactly what was filled in.
import type { AppForm, AppFormInput } from '@/lib/manifests';

export interface ProbeModel {
  type: 'none' | 'http' | 'tcp';
  path: string;
  port: string;
  initialDelaySeconds: string;
  periodSeconds: string;
}

export interface FormModel {
  image: string;
  replicas: string;
  containerPort: string;
  env: { name: string; value: string }[];
  envFromMode: 'none' | 'create' | 'existing';
  envFromName: string;
  envFromData: { key: string; value: string }[];
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  livenessProbe: ProbeModel;
  readinessProbe: ProbeModel;
  maxSurge: string;
  maxUnavailable: string;
  sidecars: { name: string; image: string; port: string }[];
  volumeEnabled: boolean;
  claimName: string;
  size: string;
  accessMode: string;
  storageClassName: string;
  mountPath: string;
}

const noProbe: ProbeModel = { type: 'none', path: '/', port: '', initialDelaySeconds: '', periodSeconds: '' };

export const emptyFormModel: FormModel = {
  image: '',
  replicas: '1',
  containerPort: '',
  env: [],
  envFromMode: 'none',
  envFromName: '',
  envFromData: [],
  cpuRequest: '',
  cpuLimit: '',
  memoryRequest: '',
  memoryLimit: '',
  livenessProbe: noProbe,
  readinessProbe: noProbe,
  maxSurge: '',
  maxUnavailable: '',
  sidecars: [],
  volumeEnabled: false,
  claimName: '',
  size: '1Gi',
  accessMode: 'ReadWriteOnce',
  storageClassName: '',
  mountPath: '/data',
};

const text = (value: string | number | undefined | null): string => (value === undefined || value === null ? '' : String(value));
const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim());

function probeModel(probe: AppForm['livenessProbe']): ProbeModel {
  if (!probe) return noProbe;
  return {
    type: probe.type,
    path: probe.type === 'http' ? probe.path : '/',
    port: text(probe.port),
    initialDelaySeconds: text(probe.initialDelaySeconds),
    periodSeconds: text(probe.periodSeconds),
  };
}

export function modelFromForm(form: AppForm): FormModel {
  return {
    image: form.image,
    replicas: text(form.replicas),
    containerPort: text(form.containerPort),
    env: form.env.map((e) => ({ name: e.name, value: e.value })),
    envFromMode: form.envFrom?.mode ?? 'none',
    envFromName: form.envFrom?.mode === 'existing' ? form.envFrom.name : '',
    envFromData: form.envFrom?.mode === 'create' ? form.envFrom.data.map((d) => ({ key: d.key, value: d.value })) : [],
    cpuRequest: text(form.resources?.requests.cpu),
    cpuLimit: text(form.resources?.limits.cpu),
    memoryRequest: text(form.resources?.requests.memory),
    memoryLimit: text(form.resources?.limits.memory),
    livenessProbe: probeModel(form.livenessProbe),
    readinessProbe: probeModel(form.readinessProbe),
    maxSurge: text(form.rollingUpdate?.maxSurge),
    maxUnavailable: text(form.rollingUpdate?.maxUnavailable),
    sidecars: form.sidecars.map((s) => ({ name: s.name, image: s.image, port: text(s.port) })),
    volumeEnabled: form.volume !== undefined,
    claimName: text(form.volume?.claimName),
    size: form.volume?.size ?? '1Gi',
    accessMode: form.volume?.accessMode ?? 'ReadWriteOnce',
    storageClassName: text(form.volume?.storageClassName),
    mountPath: form.volume?.mountPath ?? '/data',
  };
}

function probeInput(probe: ProbeModel): AppFormInput['livenessProbe'] {
  if (probe.type === 'none') return undefined;
  const timing = { initialDelaySeconds: optional(probe.initialDelaySeconds), periodSeconds: optional(probe.periodSeconds) };
  return probe.type === 'http' ? { type: 'http', path: probe.path, port: probe.port, ...timing } : { type: 'tcp', port: probe.port, ...timing };
}

export function modelToInput(name: string, model: FormModel): AppFormInput {
  const requests = { cpu: optional(model.cpuRequest), memory: optional(model.memoryRequest) };
  const limits = { cpu: optional(model.cpuLimit), memory: optional(model.memoryLimit) };
  const hasResources = [requests.cpu, requests.memory, limits.cpu, limits.memory].some((v) => v !== undefined);
  const hasStrategy = optional(model.maxSurge) !== undefined || optional(model.maxUnavailable) !== undefined;
  return {
    name,
    image: model.image.trim(),
    replicas: model.replicas.trim(),
    containerPort: optional(model.containerPort),
    env: model.env,
    envFrom:
      model.envFromMode === 'create'
        ? { mode: 'create', data: model.envFromData }
        : model.envFromMode === 'existing'
          ? { mode: 'existing', name: model.envFromName.trim() }
          : undefined,
    resources: hasResources ? { requests, limits } : undefined,
    livenessProbe: probeInput(model.livenessProbe),
    readinessProbe: probeInput(model.readinessProbe),
    rollingUpdate: hasStrategy ? { maxSurge: optional(model.maxSurge) ?? '25%', maxUnavailable: optional(model.maxUnavailable) ?? '25%' } : undefined,
    sidecars: model.sidecars.map((s) => ({ name: s.name.trim(), image: s.image.trim(), port: optional(s.port) })),
    volume: model.volumeEnabled
      ? {
          claimName: optional(model.claimName),
          size: model.size.trim(),
          accessMode: model.accessMode as NonNullable<AppForm['volume']>['accessMode'],
          storageClassName: optional(model.storageClassName),
          mountPath: model.mountPath.trim(),
        }
      : undefined,
  };
}

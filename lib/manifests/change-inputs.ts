// Inputs of the later changes: expose (Service), ingress, autoscale, scale, set image.
import { z } from 'zod';
import {
  absolutePath,
  imageField,
  intField,
  optionalCheckedString,
  optionalDnsSubdomain,
  optionalIntField,
  optionalText,
  portField,
  portOrName,
  replicasField,
} from './field-schemas';
import { checkDns1123Label, checkIngressHost, checkPortName } from './names';
import { maxReplicas } from './types';

const protocols = ['TCP', 'UDP', 'SCTP'] as const;
const serviceTypes = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;

const servicePort = z.object({
  name: optionalCheckedString('Port name', checkPortName),
  port: portField('Port'),
  targetPort: z.preprocess((v) => (v === '' || v === null ? undefined : v), portOrName('Target port').optional()),
  protocol: z.enum(protocols, { error: `Protocol must be one of ${protocols.join(', ')}` }).default('TCP'),
  // ValidateNodePort's range check, worded as the API server words it.
  nodePort: optionalIntField('Node port', 30000, 32767, (n) => `Node port ${n} is not in the valid range. The range of valid ports is 30000-32767`),
});

export const exposeInput = z
  .object({
    type: z.enum(serviceTypes, { error: `Service type must be one of ${serviceTypes.join(', ')}` }).default('ClusterIP'),
    ports: z.array(servicePort, { error: 'Ports must be a list' }).min(1, { error: 'A Service needs at least one port' }),
  })
  .superRefine((input, ctx) => {
    const names = new Set<string>();
    const portKeys = new Set<string>();
    const nodePorts = new Set<number>();
    input.ports.forEach((p, i) => {
      if (input.ports.length > 1 && p.name === undefined) {
        ctx.addIssue({ code: 'custom', path: ['ports', i, 'name'], message: 'Port name is required when the Service has more than one port' });
      }
      if (p.name !== undefined) {
        if (names.has(p.name)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'name'], message: `Port name "${p.name}" is used more than once` });
        names.add(p.name);
      }
      const key = `${p.port}/${p.protocol}`;
      if (portKeys.has(key)) ctx.addIssue({ code: 'custom', path: ['ports', i, 'port'], message: `Port ${p.port}/${p.protocol} is listed more than once` });
      portKeys.add(key);
      if (p.nodePort !== undefined) {
        if (input.type === 'ClusterIP') {
          ctx.addIssue({ code: 'custom', path: ['ports', i, 'nodePort'], message: 'Node port may only be set when the Service type is NodePort or LoadBalancer' });
        } else if (nodePorts.has(p.nodePort)) {
          ctx.addIssue({ code: 'custom', path: ['ports', i, 'nodePort'], message: `Node port ${p.nodePort} is used by more than one port` });
        }
        nodePorts.add(p.nodePort);
      }
    });
  });

export type ExposeInput = z.input<typeof exposeInput>;
export type ExposeForm = z.output<typeof exposeInput>;

const pathTypes = ['Prefix', 'Exact', 'ImplementationSpecific'] as const;

export const ingressInput = z.object({
  host: optionalCheckedString('Host', checkIngressHost),
  path: z.preprocess((v) => (v === '' || v === null ? undefined : v), absolutePath('Path').optional()),
  pathType: z.enum(pathTypes, { error: `Path type must be one of ${pathTypes.join(', ')}` }).default('Prefix'),
  servicePort: portOrName('Service port'),
  tlsSecretName: optionalDnsSubdomain('TLS secret name'),
  ingressClassName: optionalDnsSubdomain('Ingress class'),
});

export type IngressInput = z.input<typeof ingressInput>;
export type IngressForm = z.output<typeof ingressInput>;

export const autoscaleInput = z
  .object({
    minReplicas: intField('Minimum replicas', 1, maxReplicas, (n) =>
      n < 1 ? `Minimum replicas must be at least 1 (got ${n})` : `Minimum replicas must be at most ${maxReplicas} (got ${n})`,
    ).default(1),
    maxReplicas: intField('Maximum replicas', 1, maxReplicas, (n) =>
      n < 1 ? `Maximum replicas must be at least 1 (got ${n})` : `Maximum replicas must be at most ${maxReplicas} (got ${n})`,
    ),
    cpuUtilization: intField('Target CPU utilization', 1, 1000, (n) => `Target CPU utilization must be between 1 and 1000 percent (got ${n})`).default(80),
  })
  .superRefine((input, ctx) => {
    if (input.minReplicas > input.maxReplicas) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxReplicas'],
        message: `Maximum replicas (${input.maxReplicas}) must be greater than or equal to minimum replicas (${input.minReplicas})`,
      });
    }
  });

export type AutoscaleInput = z.input<typeof autoscaleInput>;
export type AutoscaleForm = z.output<typeof autoscaleInput>;

export const setImageInput = z.object({
  container: optionalCheckedString('Container name', checkDns1123Label),
  image: imageField(),
});
export type SetImageInput = z.input<typeof setImageInput>;

export const scaleInput = z.object({ replicas: replicasField });
export type ScaleInput = z.input<typeof scaleInput>;

export const changeCauseInput = optionalText('Change cause', 1024);

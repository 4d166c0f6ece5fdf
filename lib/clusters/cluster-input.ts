// Input rules shared by the cluster registration operations.
import { z } from 'zod';
import { namespaceInput, optionalField } from '@/lib/access/validate';

export const clusterNameInput = z
  .string({ error: 'Enter a cluster name.' })
  .trim()
  .min(2, 'Cluster name must be at least 2 characters.')
  .max(40, 'Cluster name must be at most 40 characters.')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "Cluster name may use lower-case letters, digits and '-', starting and ending with a letter or digit.");

export const kubeconfigTextInput = z
  .string({ error: 'Paste or upload a kubeconfig.' })
  .min(1, 'Paste or upload a kubeconfig.')
  .max(256 * 1024, 'The kubeconfig is larger than 256 KB.');

export const contextNameInput = optionalField(z.string().trim().max(253, 'Context name is too long.'));

export const defaultNamespaceInput = optionalField(namespaceInput);

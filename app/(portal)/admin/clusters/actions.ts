'use server';
// Cluster registration server actions: thin and public (STYLE.md). Each operation checks that the
// caller is a platform admin and audits; none returns credentials.
import { defineAction } from '@/lib/action';
import { deleteCluster, deleteClusterInput } from '@/lib/clusters/delete-cluster';
import { previewKubeconfig, previewKubeconfigInput } from '@/lib/clusters/preview-kubeconfig';
import { registerInClusterCluster, registerInClusterClusterInput } from '@/lib/clusters/register-in-cluster-cluster';
import { registerKubeconfigCluster, registerKubeconfigClusterInput } from '@/lib/clusters/register-kubeconfig-cluster';
import { testClusterConnection, testClusterConnectionInput } from '@/lib/clusters/test-cluster-connection';
import { updateClusterCredentials, updateClusterCredentialsInput } from '@/lib/clusters/update-cluster-credentials';

const clusterPaths = { revalidate: ['/admin', '/audit'] };

export const previewKubeconfigAction = defineAction(previewKubeconfigInput, previewKubeconfig);
export const registerKubeconfigClusterAction = defineAction(registerKubeconfigClusterInput, registerKubeconfigCluster, clusterPaths);
export const registerInClusterClusterAction = defineAction(registerInClusterClusterInput, (actor, input) => registerInClusterCluster(actor, input), clusterPaths);
export const updateClusterCredentialsAction = defineAction(updateClusterCredentialsInput, (actor, input) => updateClusterCredentials(actor, input), clusterPaths);
export const deleteClusterAction = defineAction(deleteClusterInput, deleteCluster, clusterPaths);
export const testClusterConnectionAction = defineAction(testClusterConnectionInput, testClusterConnection, { revalidate: ['/admin'] });

'use client';

import { useRouter } from 'next/navigation';
import {
  autoscaleAppAction,
  deleteAppAction,
  exposeAppAction,
  restartAppAction,
  scaleAppAction,
  setAppImageAction,
  undoAppAction,
} from '@/app/(portal)/apps/actions';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import type { FieldErrors } from '@/lib/errors';
import { ChangeDialog } from './change-dialog';
import type { AppPermissions } from './permissions';

export interface ActionTarget {
  id: string;
  name: string;
  image: string | null;
  replicas: number | null;
  resourceVersion: string | null;
  hasService: boolean;
  serviceType: string | null;
  servicePort: number | null;
  hpa: { minReplicas: number; maxReplicas: number; cpu: number | null } | null;
}

const pick = (errors: FieldErrors, ...keys: string[]) => keys.flatMap((key) => errors[key] ?? []);
const orUndefined = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

function ChangeCauseField({ errors }: { errors: FieldErrors }) {
  return (
    <Field label="Change cause" hint="Optional; shown in the revision list and in kubectl rollout history." errors={pick(errors, 'changeCause')}>
      <Input name="changeCause" autoComplete="off" />
    </Field>
  );
}

/** The app's action buttons, each only for roles that may use it (the server checks again). */
export function AppActions({ app, permissions }: { app: ActionTarget; permissions: AppPermissions }) {
  const router = useRouter();
  const buttons = [];
  if (permissions.canScale) {
    buttons.push(
      <ChangeDialog
        key="scale"
        triggerLabel="Scale"
        title="Scale app"
        description={app.hpa ? 'An autoscaler owns the replica count: remove it (Autoscale) before scaling by hand.' : 'Set the number of replicas through the /scale subresource, as kubectl scale does.'}
        confirmLabel="Scale"
        fields={(errors) => (
          <>
            <Field label="Replicas" errors={pick(errors, 'replicas')}>
              <Input name="replicas" type="number" min={0} max={1000} inputMode="numeric" defaultValue={app.replicas ?? 1} required />
            </Field>
            <ChangeCauseField errors={errors} />
          </>
        )}
        run={(values, { preview }) => scaleAppAction({ appId: app.id, replicas: values.replicas, changeCause: orUndefined(values.changeCause), preview })}
        successMessage="Scaling started."
      />,
    );
  }
  if (permissions.canAutoscale) {
    buttons.push(
      <ChangeDialog
        key="autoscale"
        triggerLabel="Autoscale"
        title="Autoscale app"
        description="A HorizontalPodAutoscaler keeps average CPU use near the target by changing the replica count between the bounds."
        confirmLabel="Apply autoscaler"
        canForce={permissions.canForce}
        fields={(errors) => (
          <>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field label="Minimum replicas" errors={pick(errors, 'minReplicas')}>
                <Input name="minReplicas" type="number" min={1} inputMode="numeric" defaultValue={app.hpa?.minReplicas ?? 1} />
              </Field>
              <Field label="Maximum replicas" errors={pick(errors, 'maxReplicas')}>
                <Input name="maxReplicas" type="number" min={1} inputMode="numeric" defaultValue={app.hpa?.maxReplicas ?? ''} />
              </Field>
              <Field label="Target CPU (%)" errors={pick(errors, 'cpuUtilization')}>
                <Input name="cpuUtilization" type="number" min={1} max={1000} inputMode="numeric" defaultValue={app.hpa?.cpu ?? 80} />
              </Field>
            </div>
            {app.hpa ? (
              <label className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name="remove" value="true" className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600" />
                Remove the autoscaler (pins the replica count at the minimum)
              </label>
            ) : null}
          </>
        )}
        run={(values, { preview, force }) =>
          autoscaleAppAction(
            values.remove === 'true'
              ? { appId: app.id, remove: true, preview, force }
              : { appId: app.id, minReplicas: values.minReplicas, maxReplicas: values.maxReplicas, cpuUtilization: values.cpuUtilization, preview, force },
          )
        }
        successMessage="Autoscaler updated."
      />,
    );
  }
  if (permissions.canDeploy) {
    buttons.push(
      <ChangeDialog
        key="set-image"
        triggerLabel="Set image"
        title="Set image"
        description="Changes the app container's image and starts a rolling update, as kubectl set image does."
        confirmLabel="Set image"
        canForce={permissions.canForce}
        fields={(errors) => (
          <>
            <Field label="Image" hint="For example nginx:1.27 or registry.example.com/team/app@sha256:…" errors={pick(errors, 'image')}>
              <Input name="image" autoComplete="off" spellCheck={false} defaultValue={app.image ?? ''} required className="font-mono" />
            </Field>
            <ChangeCauseField errors={errors} />
          </>
        )}
        run={(values, { preview, force }) => setAppImageAction({ appId: app.id, image: values.image, changeCause: orUndefined(values.changeCause), preview, force })}
        successMessage="New image applied; the rollout is starting."
      />,
    );
  }
  if (permissions.canExpose) {
    buttons.push(
      <ChangeDialog
        key="expose"
        triggerLabel="Expose"
        title="Expose app"
        description="Creates or changes the app's Service and, with a host, an Ingress in front of it."
        confirmLabel="Expose"
        canForce={permissions.canForce}
        fields={(errors) => (
          <>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Service type" errors={pick(errors, 'service.type', 'type', 'service')}>
                <Select name="type" defaultValue={app.serviceType ?? 'ClusterIP'}>
                  <option value="ClusterIP">ClusterIP (inside the cluster)</option>
                  <option value="NodePort">NodePort (a port on every node)</option>
                  <option value="LoadBalancer">LoadBalancer</option>
                </Select>
              </Field>
              <Field label="Port" errors={pick(errors, 'service.ports.0.port', 'ports.0.port')}>
                <Input name="port" type="number" min={1} max={65535} inputMode="numeric" defaultValue={app.servicePort ?? 80} />
              </Field>
              <Field label="Target port" hint="The container port; empty means the same as Port." errors={pick(errors, 'service.ports.0.targetPort', 'ports.0.targetPort')}>
                <Input name="targetPort" autoComplete="off" />
              </Field>
              <Field label="Node port" hint="Optional, 30000–32767; empty lets the cluster choose." errors={pick(errors, 'service.ports.0.nodePort', 'ports.0.nodePort')}>
                <Input name="nodePort" type="number" min={30000} max={32767} inputMode="numeric" />
              </Field>
            </div>
            <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-slate-200">
              <legend className="px-1 text-sm font-medium text-slate-800">Ingress (optional)</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Host" hint="Leave empty to keep the Ingress as it is." errors={pick(errors, 'ingress.host', 'host', 'ingress')}>
                  <Input name="host" autoComplete="off" placeholder="app.example.com" />
                </Field>
                <Field label="Path" errors={pick(errors, 'ingress.path', 'path')}>
                  <Input name="path" autoComplete="off" placeholder="/" />
                </Field>
              </div>
            </fieldset>
          </>
        )}
        run={(values, { preview, force }) =>
          exposeAppAction({
            appId: app.id,
            service: {
              type: values.type,
              ports: [{ port: values.port, targetPort: orUndefined(values.targetPort), nodePort: orUndefined(values.nodePort) }],
            },
            ingress: orUndefined(values.host) ? { host: orUndefined(values.host), path: orUndefined(values.path), servicePort: values.port } : undefined,
            preview,
            force,
          })
        }
        successMessage="Exposure updated."
      />,
    );
  }
  if (permissions.canDeploy) {
    buttons.push(
      <ChangeDialog
        key="restart"
        triggerLabel="Restart"
        title="Restart app"
        description="Replaces every pod with a rolling update, as kubectl rollout restart does. Nothing else changes."
        confirmLabel="Restart"
        run={(_values, { preview }) => restartAppAction({ appId: app.id, preview })}
        successMessage="Restart started."
      />,
      <ChangeDialog
        key="undo"
        triggerLabel="Undo"
        title="Undo last rollout"
        description="Goes back to the Deployment's previous pod template, as kubectl rollout undo does. Review what it restores first."
        confirmLabel="Undo"
        destructive
        run={(_values, { preview }) => undoAppAction({ appId: app.id, toRevision: 0, preview })}
        successMessage="Undo applied; the rollout is starting."
      />,
    );
  }
  if (permissions.canManage) {
    buttons.push(
      <ChangeDialog
        key="delete"
        triggerLabel="Delete"
        triggerVariant="danger-subtle"
        title="Delete app"
        description="Deletes every object of the app from the cluster, and the app from Berth. Its audit history stays."
        confirmLabel="Delete app"
        destructive
        confirmText={app.name}
        run={(_values, { preview }) => deleteAppAction({ appId: app.id, preview })}
        successMessage={`App ${app.name} deleted.`}
        onApplied={() => router.push('/apps')}
      />,
    );
  }
  if (buttons.length === 0) return null;
  return (
    <div role="group" aria-label="App actions" className="flex flex-wrap gap-2">
      {buttons}
    </div>
  );
}

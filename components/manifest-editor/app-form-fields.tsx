'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input, Select } from '@/components/ui/input';
import type { FieldErrors } from '@/lib/errors';
import type { FormModel, ProbeModel } from './form-model';

type Update = (change: Partial<FormModel>) => void;

/** The server names fields by their path in the form (`env.0.name`); the create action may prefix `form.`. */
export function errorsAt(errors: FieldErrors, path: string): string[] | undefined {
  const found = [...(errors[path] ?? []), ...(errors[`form.${path}`] ?? [])];
  return found.length ? found : undefined;
}

function hasErrorsUnder(errors: FieldErrors, ...prefixes: string[]): boolean {
  return Object.keys(errors).some((key) => prefixes.some((p) => key.startsWith(p) || key.startsWith(`form.${p}`)));
}

function Section({ title, description, open, children }: { title: string; description?: string; open: boolean; children: ReactNode }) {
  return (
    <details open={open} className="group rounded-lg bg-white ring-1 ring-slate-200">
      <summary className="flex cursor-pointer list-none items-center justify-between gap-2 rounded-lg px-4 py-3 text-sm font-semibold text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
        <span>
          {title}
          {description ? <span className="ml-2 font-normal text-slate-500">{description}</span> : null}
        </span>
        <span aria-hidden="true" className="text-slate-400 transition-transform group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="space-y-4 border-t border-slate-100 px-4 py-4">{children}</div>
    </details>
  );
}

function replaceAt<T>(list: T[], index: number, change: Partial<T>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...change } : item));
}

function ProbeFields({ label, probe, onChange, errors, path }: { label: string; probe: ProbeModel; onChange: (p: ProbeModel) => void; errors: FieldErrors; path: string }) {
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <div className="grid gap-3 sm:grid-cols-5">
        <Field label={`${label} type`} errors={errorsAt(errors, path)}>
          <Select value={probe.type} onChange={(e) => onChange({ ...probe, type: e.target.value as ProbeModel['type'] })}>
            <option value="none">None</option>
            <option value="http">HTTP GET</option>
            <option value="tcp">TCP socket</option>
          </Select>
        </Field>
        {probe.type !== 'none' ? (
          <>
            {probe.type === 'http' ? (
              <Field label={`${label} path`} errors={errorsAt(errors, `${path}.path`)}>
                <Input value={probe.path} onChange={(e) => onChange({ ...probe, path: e.target.value })} />
              </Field>
            ) : null}
            <Field label={`${label} port`} errors={errorsAt(errors, `${path}.port`)}>
              <Input inputMode="numeric" value={probe.port} onChange={(e) => onChange({ ...probe, port: e.target.value })} />
            </Field>
            <Field label="Initial delay (s)" errors={errorsAt(errors, `${path}.initialDelaySeconds`)}>
              <Input inputMode="numeric" value={probe.initialDelaySeconds} onChange={(e) => onChange({ ...probe, initialDelaySeconds: e.target.value })} />
            </Field>
            <Field label="Period (s)" errors={errorsAt(errors, `${path}.periodSeconds`)}>
              <Input inputMode="numeric" value={probe.periodSeconds} onChange={(e) => onChange({ ...probe, periodSeconds: e.target.value })} />
            </Field>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}

export function AppFormFields({ model, update, errors, replicasLocked }: { model: FormModel; update: Update; errors: FieldErrors; replicasLocked?: boolean }) {
  return (
    <div className="space-y-4">
      <Section title="Container" open>
        <div className="grid gap-4 sm:grid-cols-[1fr_8rem_10rem]">
          <Field label="Image" hint="For example nginx:1.27" errors={errorsAt(errors, 'image')}>
            <Input value={model.image} onChange={(e) => update({ image: e.target.value })} autoComplete="off" spellCheck={false} className="font-mono" />
          </Field>
          <Field label="Replicas" hint={replicasLocked ? 'Set by the autoscaler.' : undefined} errors={errorsAt(errors, 'replicas')}>
            <Input type="number" min={0} max={1000} inputMode="numeric" value={model.replicas} disabled={replicasLocked} onChange={(e) => update({ replicas: e.target.value })} />
          </Field>
          <Field label="Container port" hint="Optional" errors={errorsAt(errors, 'containerPort')}>
            <Input type="number" min={1} max={65535} inputMode="numeric" value={model.containerPort} onChange={(e) => update({ containerPort: e.target.value })} />
          </Field>
        </div>
      </Section>

      <Section title="Environment" description={model.env.length ? `${model.env.length} ${model.env.length === 1 ? 'variable' : 'variables'}` : undefined} open={model.env.length > 0 || hasErrorsUnder(errors, 'env.')}>
        {model.env.map((entry, i) => (
          <div key={i} className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]">
            <Field label={`Variable ${i + 1} name`} errors={errorsAt(errors, `env.${i}.name`)}>
              <Input value={entry.name} autoComplete="off" className="font-mono" onChange={(e) => update({ env: replaceAt(model.env, i, { name: e.target.value }) })} />
            </Field>
            <Field label={`Variable ${i + 1} value`} errors={errorsAt(errors, `env.${i}.value`)}>
              <Input value={entry.value} autoComplete="off" className="font-mono" onChange={(e) => update({ env: replaceAt(model.env, i, { value: e.target.value }) })} />
            </Field>
            <Button variant="ghost" className="sm:mt-6" aria-label={`Remove variable ${i + 1}`} onClick={() => update({ env: model.env.filter((_, j) => j !== i) })}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => update({ env: [...model.env, { name: '', value: '' }] })}>
          Add variable
        </Button>
      </Section>

      <Section title="Config from a ConfigMap" open={model.envFromMode !== 'none' || hasErrorsUnder(errors, 'envFrom')}>
        <Field label="Environment from a ConfigMap" errors={errorsAt(errors, 'envFrom')}>
          <Select value={model.envFromMode} onChange={(e) => update({ envFromMode: e.target.value as FormModel['envFromMode'], envFromData: model.envFromData.length ? model.envFromData : [{ key: '', value: '' }] })}>
            <option value="none">None</option>
            <option value="create">Create a ConfigMap for this app</option>
            <option value="existing">Use an existing ConfigMap</option>
          </Select>
        </Field>
        {model.envFromMode === 'existing' ? (
          <Field label="ConfigMap name" errors={errorsAt(errors, 'envFrom.name')}>
            <Input value={model.envFromName} autoComplete="off" onChange={(e) => update({ envFromName: e.target.value })} />
          </Field>
        ) : null}
        {model.envFromMode === 'create' ? (
          <>
            {model.envFromData.map((entry, i) => (
              <div key={i} className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]">
                <Field label={`Key ${i + 1}`} errors={errorsAt(errors, `envFrom.data.${i}.key`)}>
                  <Input value={entry.key} autoComplete="off" className="font-mono" onChange={(e) => update({ envFromData: replaceAt(model.envFromData, i, { key: e.target.value }) })} />
                </Field>
                <Field label={`Value ${i + 1}`} errors={errorsAt(errors, `envFrom.data.${i}.value`)}>
                  <Input value={entry.value} autoComplete="off" className="font-mono" onChange={(e) => update({ envFromData: replaceAt(model.envFromData, i, { value: e.target.value }) })} />
                </Field>
                <Button variant="ghost" className="sm:mt-6" aria-label={`Remove key ${i + 1}`} onClick={() => update({ envFromData: model.envFromData.filter((_, j) => j !== i) })}>
                  Remove
                </Button>
              </div>
            ))}
            <Button variant="secondary" size="sm" onClick={() => update({ envFromData: [...model.envFromData, { key: '', value: '' }] })}>
              Add key
            </Button>
          </>
        ) : null}
      </Section>

      <Section title="CPU and memory" open={[model.cpuRequest, model.cpuLimit, model.memoryRequest, model.memoryLimit].some(Boolean) || hasErrorsUnder(errors, 'resources')}>
        <div className="grid gap-4 sm:grid-cols-4">
          <Field label="CPU request" hint="e.g. 100m" errors={errorsAt(errors, 'resources.requests.cpu')}>
            <Input value={model.cpuRequest} autoComplete="off" onChange={(e) => update({ cpuRequest: e.target.value })} />
          </Field>
          <Field label="CPU limit" errors={errorsAt(errors, 'resources.limits.cpu')}>
            <Input value={model.cpuLimit} autoComplete="off" onChange={(e) => update({ cpuLimit: e.target.value })} />
          </Field>
          <Field label="Memory request" hint="e.g. 128Mi" errors={errorsAt(errors, 'resources.requests.memory')}>
            <Input value={model.memoryRequest} autoComplete="off" onChange={(e) => update({ memoryRequest: e.target.value })} />
          </Field>
          <Field label="Memory limit" errors={errorsAt(errors, 'resources.limits.memory')}>
            <Input value={model.memoryLimit} autoComplete="off" onChange={(e) => update({ memoryLimit: e.target.value })} />
          </Field>
        </div>
      </Section>

      <Section title="Probes" open={model.livenessProbe.type !== 'none' || model.readinessProbe.type !== 'none' || hasErrorsUnder(errors, 'livenessProbe', 'readinessProbe')}>
        <ProbeFields label="Readiness probe" probe={model.readinessProbe} onChange={(readinessProbe) => update({ readinessProbe })} errors={errors} path="readinessProbe" />
        <ProbeFields label="Liveness probe" probe={model.livenessProbe} onChange={(livenessProbe) => update({ livenessProbe })} errors={errors} path="livenessProbe" />
      </Section>

      <Section title="Rolling update" open={Boolean(model.maxSurge || model.maxUnavailable) || hasErrorsUnder(errors, 'rollingUpdate')}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Max surge" hint="Extra pods during a rollout: a number or a percentage (default 25%)." errors={errorsAt(errors, 'rollingUpdate.maxSurge')}>
            <Input value={model.maxSurge} placeholder="25%" autoComplete="off" onChange={(e) => update({ maxSurge: e.target.value })} />
          </Field>
          <Field label="Max unavailable" hint="Pods that may be down during a rollout (default 25%)." errors={errorsAt(errors, 'rollingUpdate.maxUnavailable')}>
            <Input value={model.maxUnavailable} placeholder="25%" autoComplete="off" onChange={(e) => update({ maxUnavailable: e.target.value })} />
          </Field>
        </div>
      </Section>

      <Section title="Sidecars" description={model.sidecars.length ? `${model.sidecars.length}` : undefined} open={model.sidecars.length > 0 || hasErrorsUnder(errors, 'sidecars')}>
        {model.sidecars.map((sidecar, i) => (
          <div key={i} className="grid items-start gap-3 sm:grid-cols-[10rem_1fr_8rem_auto]">
            <Field label={`Sidecar ${i + 1} name`} errors={errorsAt(errors, `sidecars.${i}.name`)}>
              <Input value={sidecar.name} autoComplete="off" onChange={(e) => update({ sidecars: replaceAt(model.sidecars, i, { name: e.target.value }) })} />
            </Field>
            <Field label={`Sidecar ${i + 1} image`} errors={errorsAt(errors, `sidecars.${i}.image`)}>
              <Input value={sidecar.image} autoComplete="off" className="font-mono" onChange={(e) => update({ sidecars: replaceAt(model.sidecars, i, { image: e.target.value }) })} />
            </Field>
            <Field label={`Sidecar ${i + 1} port`} errors={errorsAt(errors, `sidecars.${i}.port`)}>
              <Input inputMode="numeric" value={sidecar.port} onChange={(e) => update({ sidecars: replaceAt(model.sidecars, i, { port: e.target.value }) })} />
            </Field>
            <Button variant="ghost" className="sm:mt-6" aria-label={`Remove sidecar ${i + 1}`} onClick={() => update({ sidecars: model.sidecars.filter((_, j) => j !== i) })}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="secondary" size="sm" onClick={() => update({ sidecars: [...model.sidecars, { name: '', image: '', port: '' }] })}>
          Add sidecar
        </Button>
      </Section>

      <Section title="Volume claim" open={model.volumeEnabled || hasErrorsUnder(errors, 'volume')}>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={model.volumeEnabled}
            onChange={(e) => update({ volumeEnabled: e.target.checked })}
            className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
          />
          Attach a persistent volume
        </label>
        {model.volumeEnabled ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label="Volume size" hint="e.g. 1Gi" errors={errorsAt(errors, 'volume.size')}>
              <Input value={model.size} autoComplete="off" onChange={(e) => update({ size: e.target.value })} />
            </Field>
            <Field label="Mount path" errors={errorsAt(errors, 'volume.mountPath')}>
              <Input value={model.mountPath} autoComplete="off" className="font-mono" onChange={(e) => update({ mountPath: e.target.value })} />
            </Field>
            <Field label="Access mode" errors={errorsAt(errors, 'volume.accessMode')}>
              <Select value={model.accessMode} onChange={(e) => update({ accessMode: e.target.value })}>
                {['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'].map((mode) => (
                  <option key={mode}>{mode}</option>
                ))}
              </Select>
            </Field>
            <Field label="Claim name" hint="Optional; default <app>-data" errors={errorsAt(errors, 'volume.claimName')}>
              <Input value={model.claimName} autoComplete="off" onChange={(e) => update({ claimName: e.target.value })} />
            </Field>
            <Field label="Storage class" hint="Optional; the cluster default otherwise" errors={errorsAt(errors, 'volume.storageClassName')}>
              <Input value={model.storageClassName} autoComplete="off" onChange={(e) => update({ storageClassName: e.target.value })} />
            </Field>
          </div>
        ) : null}
      </Section>
    </div>
  );
}

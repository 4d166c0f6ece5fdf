// The Services, autoscaling and storage part of the seed tutorial through the real kubectl binary
// (the installed dispatcher picks the version matching the server), asserting what a real cluster prints.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';

let sandbox: Sandbox;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectl(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: path.join(dir, 'kubeconfig'), HOME: dir }, encoding: 'utf8', timeout: 45_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

/** Polls a kubectl command until its stdout satisfies `accept` (no fixed sleeps). */
async function eventually(args: string[], accept: (out: string) => boolean, what: string, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const r = await kubectl(...args);
    last = r.stdout + r.stderr;
    if (r.code === 0 && accept(r.stdout)) return r.stdout;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last output:\n${last}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

function manifest(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const lines = (out: string) => out.trimEnd().split('\n');

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-kubectl-net-'));
  sandbox = await startSandbox({ port: 0, speed: 60, kubeconfigPath: path.join(dir, 'kubeconfig') });
});
afterAll(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const readyPodIPs = (selector: string) =>
  sandbox.api
    .list('core/pods', { namespace: 'default', labelSelector: selector })
    .filter((p) => (p.status as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
    .map((p) => String((p.status as { podIP?: string }).podIP));

describe('kubectl walkthrough: services, autoscaling, storage', () => {
  it('exposes a ReplicationController as a NodePort Service whose endpoints are the ready pods', async () => {
    const rc = manifest('rc.yaml', `apiVersion: v1
kind: ReplicationController
metadata:
  name: myapp-rc
spec:
  replicas: 2
  selector:
    app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports:
        - containerPort: 80
`);
    expect(await ok('create', '-f', rc)).toBe('replicationcontroller/myapp-rc created\n');
    expect(await ok('expose', 'rc', 'myapp-rc', '--type=NodePort')).toBe('service/myapp-rc exposed\n');

    const svc = lines(await ok('get', 'svc', 'myapp-rc'));
    expect(svc[0]).toMatch(/^NAME {7}TYPE {7}CLUSTER-IP +EXTERNAL-IP {3}PORT\(S\) {8}AGE$/);
    expect(svc[1]).toMatch(/^myapp-rc {3}NodePort {3}10\.\d+\.\d+\.\d+ +<none> {8}80:3\d{4}\/TCP {3}\d+s$/);
    expect(svc[1].indexOf('<none>')).toBe(svc[0].indexOf('EXTERNAL-IP'));

    const ips = await waitFor('two ready pods', () => {
      const found = readyPodIPs('app=myapp');
      return found.length === 2 ? found : undefined;
    });
    const want = ips.map((ip) => `${ip}:80`);
    const ep = await eventually(['get', 'endpoints', 'myapp-rc'], (out) => want.every((w) => out.includes(w)), 'endpoints with both pods');
    expect(lines(ep)[0]).toMatch(/^NAME {7}ENDPOINTS +AGE$/);
    const row = lines(ep)[1].split(/\s+/);
    expect(row[0]).toBe('myapp-rc');
    expect(row[1].split(',').sort()).toEqual([...want].sort());

    const slices = lines(await ok('get', 'endpointslices', '-l', 'kubernetes.io/service-name=myapp-rc'));
    expect(slices[0]).toMatch(/^NAME +ADDRESSTYPE {3}PORTS {3}ENDPOINTS +AGE$/);
    expect(slices[1]).toMatch(/^myapp-rc-[a-z0-9]{5} {3}IPv4 +80 +\S+ +\d+s$/);
    expect(slices).toHaveLength(2);
  });

  it('gives a LoadBalancer Service an external IP and an Ingress the ingress controller address', async () => {
    expect(await ok('expose', 'rc', 'myapp-rc', '--name=myapp-lb', '--type=LoadBalancer', '--port=8080', '--target-port=80')).toBe('service/myapp-lb exposed\n');
    const pending = lines(await ok('get', 'svc', 'myapp-lb'));
    expect(pending[1]).toMatch(/^myapp-lb {3}LoadBalancer {3}10\.\d+\.\d+\.\d+ +(<pending>|172\.18\.255\.201) +8080:3\d{4}\/TCP {3}\d+s$/);
    const lb = lines(await eventually(['get', 'svc', 'myapp-lb'], (out) => out.includes('172.18.255.201'), 'external IP'));
    expect(lb[0]).toMatch(/^NAME {7}TYPE {11}CLUSTER-IP +EXTERNAL-IP {6}PORT\(S\) {10}AGE$/);
    expect(lb[1]).toMatch(/^myapp-lb {3}LoadBalancer {3}10\.\d+\.\d+\.\d+ +172\.18\.255\.201 {3}8080:3\d{4}\/TCP {3}\d+s$/);

    expect(await ok('create', 'ingress', 'myapp', '--rule=myapp.example.com/*=myapp-rc:80')).toBe('ingress.networking.k8s.io/myapp created\n');
    const ing = lines(await eventually(['get', 'ingress', 'myapp'], (out) => out.includes('172.18.255.200'), 'ingress address'));
    expect(ing[0]).toMatch(/^NAME {4}CLASS {4}HOSTS {15}ADDRESS {10}PORTS {3}AGE$/);
    expect(ing[1]).toMatch(/^myapp {3}<none> {3}myapp\.example\.com {3}172\.18\.255\.200 {3}80 {6}\d+s$/);
  });

  it('autoscales a Deployment under synthetic CPU load and back down after the stabilization window', async () => {
    const deploy = manifest('deploy.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mydeploy
spec:
  replicas: 1
  selector:
    matchLabels:
      app: mydeploy
  template:
    metadata:
      labels:
        app: mydeploy
    spec:
      containers:
      - name: app
        image: nginx:1.25
        resources:
          requests:
            cpu: 100m
`);
    expect(await ok('apply', '-f', deploy)).toBe('deployment.apps/mydeploy created\n');
    expect(await ok('autoscale', 'deployment', 'mydeploy', '--min=1', '--max=3', '--cpu-percent=50')).toBe('horizontalpodautoscaler.autoscaling/mydeploy autoscaled\n');

    const idle = await eventually(['get', 'hpa', 'mydeploy'], (out) => /cpu: 0%\/50%/.test(out), 'idle metrics');
    expect(lines(idle)[0]).toMatch(/^NAME {7}REFERENCE {13}TARGETS {7}MINPODS {3}MAXPODS {3}REPLICAS {3}AGE$/);
    expect(lines(idle)[1]).toMatch(/^mydeploy {3}Deployment\/mydeploy {3}cpu: 0%\/50% {3}1 {9}3 {9}1 {10}\d+s$/);

    expect(await ok('annotate', 'deployment', 'mydeploy', 'sandbox.berth.dev/cpu-utilization=80')).toBe('deployment.apps/mydeploy annotated\n');
    await eventually(['get', 'deployment', 'mydeploy', '-o', 'jsonpath={.spec.replicas}'], (out) => out === '3', 'scale-up to 3');
    const loaded = await eventually(['get', 'hpa', 'mydeploy'], (out) => / 3 +\d+s\n$/.test(out), 'hpa reports 3 replicas');
    expect(lines(loaded)[1]).toMatch(/^mydeploy {3}Deployment\/mydeploy {3}cpu: 80%\/50% {3}1 {9}3 {9}3 {10}\d+s$/);
    const described = await ok('describe', 'hpa', 'mydeploy');
    expect(described).toMatch(/Normal +SuccessfulRescale +.*horizontal-pod-autoscaler +New size: 2; reason: cpu resource utilization \(percentage of request\) above target/);
    expect(described).toMatch(/New size: 3; reason: cpu resource utilization \(percentage of request\) above target/);
    expect(described).toMatch(/ScalingLimited +True +TooManyReplicas +the desired replica count is more than the maximum replica count/);

    expect(await ok('annotate', 'deployment', 'mydeploy', 'sandbox.berth.dev/cpu-utilization-')).toBe('deployment.apps/mydeploy annotated\n');
    const removed = Date.now();
    await eventually(['get', 'deployment', 'mydeploy', '-o', 'jsonpath={.spec.replicas}'], (out) => out === '1', 'scale-down to 1', 60_000);
    // The default 300 s downscale stabilization window is 5 s of wall time at speed 60.
    expect(Date.now() - removed).toBeGreaterThanOrEqual(4_000);
    expect(await ok('describe', 'hpa', 'mydeploy')).toMatch(/New size: 1; reason: All metrics below target/);
  }, 120_000);

  it('binds the tutorial PersistentVolume and claim; a claim nothing can satisfy stays Pending', async () => {
    const pv = manifest('pv.yaml', `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv
spec:
  accessModes:
  - ReadWriteOnce
  storageClassName: ssd
  capacity:
    storage: 10Gi
  hostPath:
    path: "/mnt/mydata"
`);
    const pvc = manifest('pvc.yaml', `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: pvc
spec:
  accessModes:
  - ReadWriteOnce
  storageClassName: ssd
  resources:
    requests:
      storage: 10Gi
`);
    const lonely = manifest('lonely.yaml', `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: lonely
spec:
  accessModes:
  - ReadWriteMany
  storageClassName: ""
  resources:
    requests:
      storage: 1Gi
`);
    expect(await ok('apply', '-f', pv)).toBe('persistentvolume/pv created\n');
    expect(await ok('apply', '-f', pvc)).toBe('persistentvolumeclaim/pvc created\n');
    expect(await ok('apply', '-f', lonely)).toBe('persistentvolumeclaim/lonely created\n');

    await eventually(['get', 'pvc', 'pvc', '-o', 'jsonpath={.status.phase} {.spec.volumeName} {.status.capacity.storage}'], (out) => out === 'Bound pv 10Gi', 'pvc Bound to pv');
    expect(await ok('get', 'pv', 'pv', '-o', 'jsonpath={.status.phase} {.spec.claimRef.namespace}/{.spec.claimRef.name}')).toBe('Bound default/pvc');
    expect(await ok('get', 'pvc', 'lonely', '-o', 'jsonpath={.status.phase}')).toBe('Pending');
    const both = await ok('get', 'pv,pvc');
    const [pvPart, pvcPart] = both.trimEnd().split('\n\n');
    expect(lines(pvPart)[0]).toMatch(/^NAME +CAPACITY {3}ACCESS MODES {3}RECLAIM POLICY {3}STATUS {3}CLAIM +STORAGECLASS {3}VOLUMEATTRIBUTESCLASS {3}REASON {3}AGE$/);
    expect(lines(pvPart)[1]).toMatch(/^persistentvolume\/pv {3}10Gi {7}RWO {12}Retain {11}Bound {4}default\/pvc {3}ssd {12}<unset> {17}\S* +\d+s$/);
    expect(lines(pvcPart)[0]).toMatch(/^NAME +STATUS {4}VOLUME {3}CAPACITY {3}ACCESS MODES {3}STORAGECLASS {3}VOLUMEATTRIBUTESCLASS {3}AGE$/);
    expect(pvcPart).toMatch(/^persistentvolumeclaim\/pvc {6}Bound {5}pv {7}10Gi {7}RWO {12}ssd {12}<unset> {17}\d+s$/m);
    expect(pvcPart).toMatch(/^persistentvolumeclaim\/lonely {3}Pending {4}\s+<unset> {17}\d+s$/m);

    const described = await eventually(['describe', 'pvc', 'lonely'], (out) => out.includes('FailedBinding'), 'FailedBinding event');
    expect(described).toMatch(/Status: +Pending/);
    expect(described).toMatch(/Normal +FailedBinding +.*persistentvolume-controller +no persistent volumes available for this claim and no storage class is set/);
  });

  it('provisions a volume through the default StorageClass for a claim that names no class', async () => {
    const sc = lines(await ok('get', 'storageclass'));
    expect(sc[0]).toMatch(/^NAME +PROVISIONER +RECLAIMPOLICY {3}VOLUMEBINDINGMODE {3}ALLOWVOLUMEEXPANSION {3}AGE$/);
    expect(sc[1]).toMatch(/^standard \(default\) {3}sandbox\.berth\.dev\/hostpath {3}Delete {10}Immediate {11}false {18}\d+s$/);
    const claim = manifest('data.yaml', `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes:
  - ReadWriteOnce
  resources:
    requests:
      storage: 2Gi
`);
    expect(await ok('apply', '-f', claim)).toBe('persistentvolumeclaim/data created\n');
    const uid = await ok('get', 'pvc', 'data', '-o', 'jsonpath={.metadata.uid}');
    await eventually(['get', 'pvc', 'data', '-o', 'jsonpath={.status.phase} {.spec.volumeName} {.spec.storageClassName}'], (out) => out === `Bound pvc-${uid} standard`, 'provisioned and bound');
    const pv = lines(await ok('get', 'pv', `pvc-${uid}`));
    expect(pv[1]).toMatch(new RegExp(`^pvc-${uid} {3}2Gi {8}RWO {12}Delete {11}Bound {4}default/data {3}standard {7}<unset> +\\d+s$`));
    expect(await ok('describe', 'pvc', 'data')).toMatch(new RegExp(`Normal {2}ProvisioningSucceeded .*Successfully provisioned volume pvc-${uid}`));
    expect(await ok('delete', 'pvc', 'data')).toBe('persistentvolumeclaim "data" deleted\n');
    await eventually(['get', 'pv', '-o', 'name'], (out) => !out.includes(uid), 'provisioned volume deleted with its claim');
  });

  it('deletes cascade: pods of deleted workloads go, endpoints follow their service, a Retain volume is Released', async () => {
    expect(await ok('delete', 'deployment', 'mydeploy')).toBe('deployment.apps "mydeploy" deleted\n');
    expect(await ok('delete', 'hpa', 'mydeploy')).toBe('horizontalpodautoscaler.autoscaling "mydeploy" deleted\n');
    expect(await ok('delete', 'rc', 'myapp-rc')).toBe('replicationcontroller "myapp-rc" deleted\n');
    await eventually(['get', 'pods', '-l', 'app in (mydeploy,myapp)', '-o', 'name'], (out) => out === '', 'workload pods gone');

    expect(await ok('delete', 'ingress', 'myapp')).toBe('ingress.networking.k8s.io "myapp" deleted\n');
    expect(await ok('delete', 'svc', 'myapp-lb')).toBe('service "myapp-lb" deleted\n');
    expect(await ok('delete', 'svc', 'myapp-rc')).toBe('service "myapp-rc" deleted\n');
    const gone = await waitFor('endpoints removed', async () => {
      const r = await kubectl('get', 'endpoints', 'myapp-rc');
      return r.code !== 0 ? r : undefined;
    });
    expect(gone.stderr).toMatch(/Error from server \(NotFound\): endpoints "myapp-rc" not found/);
    await eventually(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=myapp-rc', '-o', 'name'], (out) => out === '', 'slices removed');

    expect(await ok('delete', 'pvc', 'pvc')).toBe('persistentvolumeclaim "pvc" deleted\n');
    await eventually(['get', 'pv', 'pv', '-o', 'jsonpath={.status.phase}'], (out) => out === 'Released', 'pv Released');
    expect(lines(await ok('get', 'pv', 'pv'))[1]).toMatch(/^pv {5}10Gi {7}RWO {12}Retain {11}Released {3}default\/pvc {3}ssd /);
  });
});

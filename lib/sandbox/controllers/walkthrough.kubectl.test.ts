// The kubectl walkthrough of the seed tutorial against the sandbox, through the real kubectl binary
// (the installed dispatcher picks the version matching the server), asserting what a real cluster prints.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../index';
import { isRolledOut, waitFor } from './test-support';

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
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function ok(...args: string[]): Promise<string> {
  const r = await kubectl(...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

function manifest(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const ROLLOUT_LINE = /^(Waiting for deployment "mydeploy" rollout to finish: (\d+ out of \d+ new replicas have been updated|\d+ old replicas are pending termination|\d+ of \d+ updated replicas are available)\.\.\.|Waiting for deployment spec update to be observed\.\.\.)$/;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-kubectl-'));
  sandbox = await startSandbox({ port: 0, speed: 20, kubeconfigPath: path.join(dir, 'kubeconfig') });
});
afterAll(async () => {
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const podPhase = (name: string) => (sandbox.api.get('core/pods', 'default', name)?.status as { phase?: string } | undefined)?.phase;

describe('kubectl walkthrough', () => {
  it('creates a bare pod, lists and describes it', async () => {
    const file = manifest(
      'pod.yaml',
      `apiVersion: v1
kind: Pod
metadata:
  name: myapp
  labels:
    zones: prod
    version: v1
spec:
  containers:
  - name: app-container
    image: punitporwal07/myapp:0.1
    ports:
    -  containerPort: 8000
`,
    );
    expect(await ok('create', '-f', file)).toBe('pod/myapp created\n');
    await waitFor('myapp running', () => podPhase('myapp') === 'Running');
    const get = await ok('get', 'pods');
    expect(get.split('\n')[0]).toBe('NAME    READY   STATUS    RESTARTS   AGE');
    expect(get).toMatch(/^myapp {3}1\/1 {5}Running {3}0 {10}\d+s\n$/m);

    const describe = await ok('describe', 'pods');
    expect(describe).toMatch(/^Name: {13}myapp$/m);
    expect(describe).toMatch(/^Node: {13}sandbox-node-\d\/172\.18\.0\.\d$/m);
    expect(describe).toMatch(/^Status: {11}Running$/m);
    expect(describe).toMatch(/^IP: {15}10\.244\.\d+\.\d+$/m);
    expect(describe).toMatch(/^ {4}Image: {10}punitporwal07\/myapp:0\.1$/m);
    expect(describe).toMatch(/^ {4}State: {10}Running$/m);
    expect(describe).toMatch(/^ {4}Ready: {10}True$/m);
    expect(describe).toMatch(/^ {2}Ready {23}True $/m);
    expect(describe).toMatch(/^ {2}Normal {2}Scheduled {2}\d+s +default-scheduler {2}Successfully assigned default\/myapp to sandbox-node-\d$/m);
    expect(describe).toMatch(/^ {2}Normal {2}Started {4}\d+s +kubelet {12}Started container app-container$/m);

    const events = await ok('get', 'events');
    expect(events).toMatch(/Scheduled\s+pod\/myapp\s+Successfully assigned default\/myapp to sandbox-node-\d/);
    expect(events).toMatch(/Pulling\s+pod\/myapp\s+Pulling image "punitporwal07\/myapp:0\.1"/);
    expect(events).toMatch(/Started\s+pod\/myapp\s+Started container app-container/);
  });

  it('runs a ReplicationController', async () => {
    const file = manifest(
      'rc.yaml',
      `apiVersion: v1
kind: ReplicationController
metadata:
  name: myapp-rc
spec:
  replicas: 3
  selector:
    app: myapp
  template:
    metadata:
      labels:
        app: myapp
    spec:
      containers:
      - name: myapp
        image: punitporwal07/myapp:0.1
        ports:
        - containerPort: 8000
`,
    );
    expect(await ok('create', '-f', file)).toBe('replicationcontroller/myapp-rc created\n');
    await waitFor('rc ready', () => (sandbox.api.get('core/replicationcontrollers', 'default', 'myapp-rc')?.status as { readyReplicas?: number } | undefined)?.readyReplicas === 3);
    const rc = await ok('get', 'rc', 'myapp-rc');
    expect(rc).toMatch(/^NAME {7}DESIRED {3}CURRENT {3}READY {3}AGE\nmyapp-rc {3}3 {9}3 {9}3 {7}\d+s\n$/);
    const pods = await ok('get', 'pods', '-l', 'app=myapp', '-o', 'name');
    expect(pods.trim().split('\n')).toHaveLength(3);
    for (const p of pods.trim().split('\n')) expect(p).toMatch(/^pod\/myapp-rc-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(await ok('scale', 'rc', 'myapp-rc', '--replicas=2')).toBe('replicationcontroller/myapp-rc scaled\n');
    await waitFor('rc scaled down', () => (sandbox.api.get('core/replicationcontrollers', 'default', 'myapp-rc')?.status as { replicas?: number } | undefined)?.replicas === 2);
    expect(await ok('describe', 'rc', 'myapp-rc')).toMatch(/^ {2}Normal {2}SuccessfulDelete {2}\S+ +replication-controller {2}Deleted pod: myapp-rc-[bcdfghjklmnpqrstvwxz2456789]{5}$/m);
    // `kubectl expose rc myapp-rc --type=NodePort` belongs to the Services controller's own walkthrough (helper C2).
  });

  it('applies a Deployment with a rolling-update strategy and probes, scales it and rolls out a new image', async () => {
    const file = manifest(
      'deploy.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: mydeploy
spec:
  replicas: 3
  progressDeadlineSeconds: 30
  selector:
    matchLabels:
      app: mydeploy
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 25%
      maxSurge: 1
  template:
    metadata:
      labels:
        app: mydeploy
    spec:
      containers:
      - name: mydeploy
        image: nginx:1.25
        ports:
        - containerPort: 80
        livenessProbe:
          httpGet:
            path: /
            port: 80
          initialDelaySeconds: 10
        readinessProbe:
          httpGet:
            path: /
            port: 80
          initialDelaySeconds: 5
`,
    );
    expect(await ok('apply', '-f', file)).toBe('deployment.apps/mydeploy created\n');
    let status = (await ok('rollout', 'status', 'deployment/mydeploy')).trimEnd().split('\n');
    expect(status.at(-1)).toBe('deployment "mydeploy" successfully rolled out');
    for (const line of status.slice(0, -1)) expect(line).toMatch(ROLLOUT_LINE);

    expect(await ok('scale', 'deployment/mydeploy', '--replicas=5')).toBe('deployment.apps/mydeploy scaled\n');
    await ok('rollout', 'status', 'deployment/mydeploy');
    const rsName = (await ok('get', 'rs', '-l', 'app=mydeploy', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
    expect(rsName).toMatch(/^mydeploy-[4-9bcdf]{6,10}$/);
    const table = await ok('get', 'deployment,rs');
    expect(table).toMatch(/^deployment\.apps\/mydeploy {3}5\/5 {5}5 {12}5 {11}\d+s$/m);
    expect(table).toMatch(new RegExp(`^replicaset\\.apps/${rsName} +5 +5 +5 +\\d+s$`, 'm'));

    expect(await ok('set', 'image', 'deployment/mydeploy', 'mydeploy=nginx:1.26')).toBe('deployment.apps/mydeploy image updated\n');
    await ok('annotate', 'deployment/mydeploy', 'kubernetes.io/change-cause=kubectl set image deployment/mydeploy mydeploy=nginx:1.26');
    status = (await ok('rollout', 'status', 'deployment/mydeploy')).trimEnd().split('\n');
    expect(status.at(-1)).toBe('deployment "mydeploy" successfully rolled out');
    for (const line of status.slice(0, -1)) expect(line).toMatch(ROLLOUT_LINE);
    const described = await ok('describe', 'deployment', 'mydeploy');
    expect(described).toMatch(/^RollingUpdateStrategy: {2}25% max unavailable, 1 max surge$/m);
    expect(described).toMatch(/^Replicas: {15}5 desired \| 5 updated \| 5 total \| 5 available \| 0 unavailable$/m);
    expect(described).toMatch(/^ {2}Progressing {4}True {4}NewReplicaSetAvailable$/m);
    expect(described).toMatch(new RegExp(`^ {2}Normal {2}ScalingReplicaSet {2}\\S+ +deployment-controller {2}Scaled up replica set ${rsName} from 0 to 3$`, 'm'));
    expect(described).toMatch(new RegExp(`^ {2}Normal {2}ScalingReplicaSet {2}\\S+ +deployment-controller {2}Scaled up replica set ${rsName} from 3 to 5$`, 'm'));
  });

  it('fails `rollout status` on an image that cannot be pulled and shows the history', async () => {
    await ok('set', 'image', 'deployment/mydeploy', 'mydeploy=nginx:broken');
    const r = await kubectl('rollout', 'status', 'deployment/mydeploy');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: deployment "mydeploy" exceeded its progress deadline\n');
    for (const line of r.stdout.trimEnd().split('\n').filter(Boolean)) expect(line).toMatch(ROLLOUT_LINE);
    const pods = await ok('get', 'pods', '-l', 'app=mydeploy');
    expect(pods).toMatch(/^mydeploy-[4-9bcdf]+-[a-z0-9]{5} {3}0\/1 {5}(ErrImagePull|ImagePullBackOff) +0 +\d+s$/m);
    const brokenPod = (await ok('get', 'pods', '-l', 'app=mydeploy', '-o', 'jsonpath={.items[?(@.spec.containers[0].image=="nginx:broken")].metadata.name}')).trim().split(' ')[0];
    const describeBroken = await ok('describe', 'pod', brokenPod);
    expect(describeBroken).toMatch(/^ {4}State: {10}Waiting\n {6}Reason: {7}(ErrImagePull|ImagePullBackOff)$/m);
    expect(describeBroken).toMatch(/^ {2}Warning {2}Failed +.+? kubelet +Failed to pull image "nginx:broken": rpc error: code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:broken"/m);
    expect(describeBroken).toMatch(/^ {2}Warning {2}Failed +.+? kubelet +Error: ErrImagePull$/m);

    const history = await ok('rollout', 'history', 'deployment/mydeploy');
    expect(history).toBe(
      'deployment.apps/mydeploy \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/mydeploy mydeploy=nginx:1.26\n3         kubectl set image deployment/mydeploy mydeploy=nginx:1.26\n\n',
    );
  });

  it('undoes the broken rollout, then goes back to revision 1', async () => {
    const undo = await kubectl('rollout', 'undo', 'deployment/mydeploy');
    expect(undo.code).toBe(0);
    expect(undo.stdout).toBe('deployment.apps/mydeploy rolled back\n');
    expect((await ok('rollout', 'status', 'deployment/mydeploy')).trimEnd().split('\n').at(-1)).toBe('deployment "mydeploy" successfully rolled out');
    expect(await ok('rollout', 'history', 'deployment/mydeploy')).toBe(
      'deployment.apps/mydeploy \nREVISION  CHANGE-CAUSE\n1         <none>\n3         kubectl set image deployment/mydeploy mydeploy=nginx:1.26\n4         kubectl set image deployment/mydeploy mydeploy=nginx:1.26\n\n',
    );
    expect(await ok('get', 'deployment', 'mydeploy', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.26');

    expect(await ok('rollout', 'undo', 'deployment/mydeploy', '--to-revision=1')).toBe('deployment.apps/mydeploy rolled back\n');
    expect((await ok('rollout', 'status', 'deployment/mydeploy')).trimEnd().split('\n').at(-1)).toBe('deployment "mydeploy" successfully rolled out');
    expect(await ok('get', 'deployment', 'mydeploy', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.25');
    const history = await ok('rollout', 'history', 'deployment/mydeploy');
    expect(history).toMatch(/\n3 +kubectl set image .*\n4 +kubectl set image .*\n5 +<none>\n\n$/);
    const missing = await kubectl('rollout', 'undo', 'deployment/mydeploy', '--to-revision=1');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: unable to find specified revision 1 in history\n');
  });

  it('shows a crash-looping pod with growing restarts', async () => {
    manifest('crash.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: crasher\nspec:\n  containers:\n  - name: app\n    image: busybox:crashloop\n');
    await ok('create', '-f', path.join(dir, 'crash.yaml'));
    await waitFor('two restarts', () => {
      const cs = (sandbox.api.get('core/pods', 'default', 'crasher')?.status as { containerStatuses?: Array<{ restartCount: number; state: { waiting?: { reason: string } } }> } | undefined)?.containerStatuses?.[0];
      return !!cs && cs.restartCount >= 2 && cs.state.waiting?.reason === 'CrashLoopBackOff';
    });
    const get = await ok('get', 'pod', 'crasher');
    expect(get).toMatch(/^crasher {3}0\/1 {5}CrashLoopBackOff {3}[2-9] \(\d+s ago\) +\d+s$/m);
    const describeCrash = await ok('describe', 'pod', 'crasher');
    expect(describeCrash).toMatch(/^ {4}State: {10}Waiting\n {6}Reason: {7}CrashLoopBackOff$/m);
    expect(describeCrash).toMatch(/^ {4}Last State: {5}Terminated\n {6}Reason: {7}Error\n {6}Exit Code: {4}1$/m);
    expect(describeCrash).toMatch(/^ {2}Warning {2}BackOff +.+? kubelet +Back-off restarting failed container app in pod crasher_default\([0-9a-f-]+\)$/m);

    expect(await ok('run', 'once', '--image=busybox:crashloop', '--restart=Never')).toBe('pod/once created\n');
    await waitFor('failed pod', () => podPhase('once') === 'Failed');
    expect(await ok('get', 'pod', 'once')).toMatch(/^once {3}0\/1 {5}Error {4}0 {10}\d+s$/m);
  });

  it('runs a DaemonSet on every node and rolls it to a new image', async () => {
    const file = manifest(
      'ds.yaml',
      `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: fluentd:v1
`,
    );
    expect(await ok('apply', '-f', file)).toBe('daemonset.apps/agent created\n');
    expect((await ok('rollout', 'status', 'daemonset/agent')).trimEnd().split('\n').at(-1)).toBe('daemon set "agent" successfully rolled out');
    expect(await ok('get', 'ds', 'agent')).toMatch(/^NAME {4}DESIRED {3}CURRENT {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}NODE SELECTOR {3}AGE\nagent {3}3 {9}3 {9}3 {7}3 {12}3 {11}<none> {10}\d+s\n$/);
    expect(await ok('set', 'image', 'daemonset/agent', 'agent=fluentd:v2')).toBe('daemonset.apps/agent image updated\n');
    const status = (await ok('rollout', 'status', 'daemonset/agent')).trimEnd().split('\n');
    expect(status.at(-1)).toBe('daemon set "agent" successfully rolled out');
    for (const line of status.slice(0, -1)) expect(line).toMatch(/^Waiting for daemon set "agent" rollout to finish: (\d+ out of 3 new pods have been updated|\d+ of 3 updated pods are available)\.\.\.$/);
    await waitFor('replaced daemon pods gone', () => sandbox.api.list('core/pods', { namespace: 'default', labelSelector: 'app=agent' }).length === 3);
    const nodes = (await ok('get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={range .items[*]}{.spec.nodeName} {.spec.containers[0].image}{"\\n"}{end}')).trim().split('\n').sort();
    expect(nodes).toEqual(['sandbox-node-1 fluentd:v2', 'sandbox-node-2 fluentd:v2', 'sandbox-node-3 fluentd:v2']);
  });

  it('deletes a Deployment with its ReplicaSets and pods, and a pod gracefully', async () => {
    expect(await ok('delete', 'deployment', 'mydeploy')).toBe('deployment.apps "mydeploy" deleted\n');
    await waitFor('cascade', () => sandbox.api.list('core/pods', { namespace: 'default', labelSelector: 'app=mydeploy' }).length === 0);
    const left = await kubectl('get', 'rs', '-l', 'app=mydeploy');
    expect(left.stderr).toBe('No resources found in default namespace.\n');
    expect(isRolledOut(sandbox.api, 'mydeploy')).toBe(false);
    // kubectl waits until the kubelet has finished the graceful deletion.
    expect(await ok('delete', 'pod', 'myapp')).toBe('pod "myapp" deleted\n');
    expect(sandbox.api.get('core/pods', 'default', 'myapp')).toBeUndefined();
  });
});

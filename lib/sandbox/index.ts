// Starts a sandbox cluster: the API server over HTTP(S) on `host:port`, its controllers, optional
// persistence and fault injection. Used by the CLI (`npm run sandbox`) and in-process by tests.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { createSandboxApi, type SandboxCore } from './api';
import { createClock } from './clock';
import { startControllers } from './controllers';
import { createFaults, type Faults } from './faults';
import { createRequestHandler } from './http/server';
import { buildKubeconfig, writeKubeconfig } from './kubeconfig';
import { loadSnapshot, startPersistence, type Persistence } from './persistence';
import type { SandboxApi } from './types';
import { createWatchRegistry } from './watch';
import { generateSelfSignedCert } from './tls-cert';

export interface StartSandboxOptions {
  port?: number;
  host?: string;
  /** Directory for persisted state; without it the cluster lives in memory only. */
  dataDir?: string;
  /** Cluster-time speed-up for controllers (see clock.ts). */
  speed?: number;
  /** Bearer token clients must send; random when omitted. */
  token?: string;
  /** Where to write the kubeconfig (optional). */
  kubeconfigPath?: string;
  /**
   * HTTPS (default true) with a generated self-signed certificate unless cert/key files are given.
   * kubectl (client-go) sends bearer tokens only over TLS, so plain HTTP (`tls: false`) works for
   * clients that send the token anyway (client-node, curl) but not for kubectl.
   */
  tls?: boolean;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** Start without controllers (API machinery only). */
  controllers?: boolean;
  /** Watch history kept for resuming (events); older resourceVersions get 410 Expired. */
  logCapacity?: number;
  /** Interval of BOOKMARK events on watches that allow them (default 60 s, as real servers). */
  bookmarkIntervalMs?: number;
}

export interface Sandbox {
  url: string;
  token: string;
  kubeconfig: string;
  kubeconfigPath?: string;
  /** PEM of the serving certificate (HTTPS), for clients that verify it. */
  caPem?: string;
  api: SandboxApi;
  /** The API server internals (store, registry), for tests and the benchmark. */
  core: SandboxCore;
  faults: Faults;
  close(): Promise<void>;
}

export async function startSandbox(opts: StartSandboxOptions = {}): Promise<Sandbox> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const clock = createClock(opts.speed ?? 1);
  const snapshot = opts.dataDir ? await loadSnapshot(opts.dataDir) : undefined;
  const core = createSandboxApi({ clock, empty: !!snapshot, logCapacity: opts.logCapacity });
  if (snapshot) core.load(snapshot.objects, snapshot.rv);
  const persistence: Persistence | undefined = opts.dataDir ? startPersistence(core, opts.dataDir) : undefined;

  const watches = createWatchRegistry();
  let caPem: string | undefined;
  let server: Server;
  const sockets = new Set<Socket>();
  let port = opts.port ?? 0;
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  const { faults, state } = createFaults({ stopListening, startListening: () => listen(port), dropWatches: (mode) => watches.dropAll(mode) });
  const handler = createRequestHandler({ core, token, faults: state, watches, bookmarkIntervalMs: opts.bookmarkIntervalMs });
  if (opts.tlsCertFile && opts.tlsKeyFile) {
    caPem = await readFile(opts.tlsCertFile, 'utf8');
    const key = await readFile(opts.tlsKeyFile, 'utf8');
    server = createHttpsServer({ cert: caPem, key }, (req, res) => void handler(req, res));
  } else if (opts.tls !== false) {
    const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(host);
    const generated = generateSelfSignedCert({
      dnsNames: ['localhost', ...(!isIp && host !== 'localhost' ? [host] : [])],
      ips: ['127.0.0.1', ...(isIp && host !== '127.0.0.1' && host !== '0.0.0.0' ? [host] : [])],
    });
    caPem = generated.certPem;
    server = createHttpsServer({ cert: generated.certPem, key: generated.keyPem }, (req, res) => void handler(req, res));
  } else {
    server = createHttpServer((req, res) => void handler(req, res));
  }
  server.keepAliveTimeout = 65_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await listen(port);
  const address = server.address();
  if (typeof address === 'object' && address) port = address.port;

  const scheme = caPem ? 'https' : 'http';
  const url = `${scheme}://${host}:${port}`;
  const kubeconfig = buildKubeconfig({ server: url, token, caPem });
  if (opts.kubeconfigPath) await writeKubeconfig(opts.kubeconfigPath, kubeconfig);
  const controllers = opts.controllers === false ? { stop() {} } : startControllers(core);

  let closed = false;
  return {
    url,
    token,
    kubeconfig,
    kubeconfigPath: opts.kubeconfigPath,
    caPem,
    api: core,
    core,
    faults,
    async close() {
      if (closed) return;
      closed = true;
      controllers.stop();
      clock.stopAll();
      watches.dropAll();
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      await persistence?.close();
    },
  };
}

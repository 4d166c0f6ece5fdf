// `npm run sandbox -- --port 6443 --kubeconfig .data/sandbox.kubeconfig [--data dir] [--speed N]
//  [--token T] [--host H] [--tls-cert f --tls-key f | --insecure-http]`
// Serves HTTPS with a generated self-signed certificate by default: kubectl sends bearer tokens only over TLS.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from './index';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '6443' },
      host: { type: 'string', default: '127.0.0.1' },
      kubeconfig: { type: 'string', default: '.data/sandbox.kubeconfig' },
      data: { type: 'string' },
      speed: { type: 'string', default: '1' },
      token: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number, got ${values.speed}`);
  if (!!values['tls-cert'] !== !!values['tls-key']) throw new Error('--tls-cert and --tls-key go together');
  const sandbox = await startSandbox({
    port,
    host: values.host,
    speed,
    token: values.token,
    dataDir: values.data ? resolve(values.data) : undefined,
    kubeconfigPath: resolve(values.kubeconfig as string),
    tlsCertFile: values['tls-cert'],
    tlsKeyFile: values['tls-key'],
    tls: !values['insecure-http'],
  });
  console.log(`Sandbox cluster listening on ${sandbox.url}`);
  console.log(`Kubeconfig written to ${sandbox.kubeconfigPath}`);
  console.log(`Try: KUBECONFIG=${sandbox.kubeconfigPath} kubectl get nodes`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down`);
    sandbox.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`sandbox: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

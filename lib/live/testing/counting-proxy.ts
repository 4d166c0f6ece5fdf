// Test support: a plain-HTTP reverse proxy in front of a sandbox that counts the watch requests open
// through it, so tests see upstream watches from the server's side, not only from the hub's counter.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingProxy {
  url: string;
  /** Watch requests currently open, by path (`/api/v1/namespaces/a/pods`). */
  openWatches(): Map<string, number>;
  openWatchCount(): number;
  /** Every watch request seen, path and query, in order. */
  watchRequests(): URL[];
  /** Cuts every watch connection open through the proxy (the client sees the stream drop). */
  dropWatches(): void;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const open = new Map<string, number>();
  const cutters = new Set<() => void>();
  const seen: URL[] = [];
  const change = (path: string, delta: number) => {
    const next = (open.get(path) ?? 0) + delta;
    if (next <= 0) open.delete(path);
    else open.set(path, next);
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', upstream);
    const isWatch = url.searchParams.get('watch') === 'true';
    if (isWatch) seen.push(url);
    let counted = false;
    const cut = () => res.destroy();
    if (isWatch) cutters.add(cut);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        if (isWatch && answer.statusCode === 200) {
          counted = true;
          change(url.pathname, 1);
        }
        answer.pipe(res);
        // An upstream connection cut mid-stream must reach the client as a cut, not as a stalled stream.
        answer.on('close', () => {
          if (!answer.complete) res.destroy();
        });
      },
    );
    const release = () => {
      cutters.delete(cut);
      if (counted) {
        counted = false;
        change(url.pathname, -1);
      }
      forward.destroy();
    };
    forward.on('error', () => {
      release();
      res.destroy();
    });
    res.on('close', release);
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    openWatches: () => new Map(open),
    watchRequests: () => [...seen],
    openWatchCount: () => [...open.values()].reduce((sum, n) => sum + n, 0),
    dropWatches() {
      for (const cut of [...cutters]) cut();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Raw HTTPS requests against a test sandbox (verifying its generated certificate), for assertions on
// exact status codes, headers and bodies.
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../index';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export function rawRequest(
  sb: Pick<Sandbox, 'url' | 'token' | 'caPem'>,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {},
): Promise<RawResponse> {
  const url = new URL(path, sb.url);
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const token = opts.token === undefined ? sb.token : opts.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (opts.body !== undefined) {
    payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const fn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = fn(url, { method, headers, ca: sb.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Opens a watch and collects its JSON lines until `until` says stop or the deadline passes. */
export function collectWatch(
  sb: Pick<Sandbox, 'url' | 'token' | 'caPem'>,
  path: string,
  until: (events: Array<{ type: string; object: Record<string, unknown> }>) => boolean,
  timeoutMs = 10_000,
  headers: Record<string, string> = {},
  opts: { stopOnHeaders?: boolean } = {},
): Promise<{ events: Array<{ type: string; object: Record<string, unknown> }>; ended: boolean; status: number; headersAt: number }> {
  const url = new URL(path, sb.url);
  const fn = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const events: Array<{ type: string; object: Record<string, unknown> }> = [];
    let buf = '';
    let headersAt = -1;
    let status = 0;
    let done = false;
    const finish = (ended: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve({ events, ended, status, headersAt });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const req = fn(url, { method: 'GET', headers: { Authorization: `Bearer ${sb.token}`, ...headers }, ca: sb.caPem }, (res) => {
      status = res.statusCode ?? 0;
      headersAt = Date.now() - started;
      if (opts.stopOnHeaders) {
        finish(false);
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) events.push(JSON.parse(line) as { type: string; object: Record<string, unknown> });
        }
        if (until(events)) finish(false);
      });
      res.on('end', () => finish(true));
      res.on('error', () => finish(true));
    });
    req.on('error', (err) => (done ? undefined : reject(err)));
    req.end();
  });
}

export async function waitFor<T>(fn: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

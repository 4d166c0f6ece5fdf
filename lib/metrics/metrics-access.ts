// Who may scrape /api/metrics. Metrics name clusters, counts and the process's shape, so they are off
// unless an operator sets BERTH_METRICS_TOKEN: then a scraper must send it as a bearer token.
// "Loopback only" was rejected: behind a reverse proxy or in a pod every request looks local.
import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'disabled' | 'unauthorized';

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Reads `Authorization: Bearer <token>` (scheme case-insensitive, as RFC 7235 says). */
export function readBearerToken(authorization: string | null): string | null {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}

export function decideMetricsAccess(configuredToken: string | undefined, authorization: string | null): MetricsAccess {
  if (!configuredToken) return 'disabled';
  const presented = readBearerToken(authorization);
  if (presented === null) return 'unauthorized';
  // Comparing digests keeps the comparison constant-time even when the lengths differ.
  return timingSafeEqual(digest(presented), digest(configuredToken)) ? 'allowed' : 'unauthorized';
}

/** The response for a refused scrape: 404 while disabled (like a route that does not exist), else 401. */
export function refuseMetricsRequest(access: Exclude<MetricsAccess, 'allowed'>): Response {
  const headers = { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8' };
  if (access === 'disabled') return new Response('Not Found\n', { status: 404, headers });
  return new Response('Unauthorized\n', { status: 401, headers: { ...headers, 'www-authenticate': 'Bearer realm="berth-metrics"' } });
}

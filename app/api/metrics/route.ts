import { respondToMetricsScrape } from '@/lib/metrics/metrics-response';

// Prometheus metrics; off (404) unless BERTH_METRICS_TOKEN is set, then bearer-token only (README).
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return respondToMetricsScrape(request.headers.get('authorization'));
}

import { getEnv } from '@/lib/env';
import { collectMetrics, defaultMetricsSources, type MetricsSources } from './collect-metrics';
import { decideMetricsAccess, refuseMetricsRequest } from './metrics-access';
import { prometheusContentType, renderPrometheusText } from './prometheus-text';

/** The whole /api/metrics answer: the access rule first, then the scrape. */
export async function respondToMetricsScrape(
  authorization: string | null,
  options: { token?: string; sources?: MetricsSources } = {},
): Promise<Response> {
  const access = decideMetricsAccess('token' in options ? options.token : getEnv().BERTH_METRICS_TOKEN, authorization);
  if (access !== 'allowed') return refuseMetricsRequest(access);
  const text = renderPrometheusText(await collectMetrics(options.sources ?? defaultMetricsSources));
  return new Response(text, { headers: { 'content-type': prometheusContentType, 'cache-control': 'no-store' } });
}

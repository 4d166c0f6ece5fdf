// Prometheus text exposition format 0.0.4, the format every Prometheus server scrapes without
// negotiation. Written by hand rather than with prom-client: Berth exposes a few gauges computed at
// scrape time and needs no registry, buckets or push gateway.

export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'gauge' | 'counter';

export interface MetricSample {
  labels?: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: MetricSample[];
}

const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function formatLabels(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  for (const [name] of entries) {
    if (!labelNamePattern.test(name) || name.startsWith('__')) throw new Error(`Invalid Prometheus label name: ${name}`);
  }
  return `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** Renders metric families; a family without samples still gets its HELP and TYPE lines. */
export function renderPrometheusText(families: MetricFamily[]): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const family of families) {
    if (!metricNamePattern.test(family.name)) throw new Error(`Invalid Prometheus metric name: ${family.name}`);
    // A repeated family name makes Prometheus reject the whole scrape.
    if (seen.has(family.name)) throw new Error(`Duplicate Prometheus metric family: ${family.name}`);
    seen.add(family.name);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) lines.push(`${family.name}${formatLabels(sample.labels)} ${formatSampleValue(sample.value)}`);
  }
  // The format requires the last line to end with a line feed.
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

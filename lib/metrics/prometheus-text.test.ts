import { describe, expect, it } from 'vitest';
import { formatSampleValue, renderPrometheusText } from './prometheus-text';

describe('renderPrometheusText', () => {
  it('writes HELP, TYPE and samples with labels, ending in a line feed', () => {
    const text = renderPrometheusText([
      { name: 'berth_live_streams_open', help: 'Open streams.', type: 'gauge', samples: [{ value: 3 }] },
      {
        name: 'berth_clusters',
        help: 'Clusters by status.',
        type: 'gauge',
        samples: [
          { labels: { status: 'reachable' }, value: 2 },
          { labels: { status: 'unknown' }, value: 0 },
        ],
      },
    ]);
    expect(text).toBe(
      [
        '# HELP berth_live_streams_open Open streams.',
        '# TYPE berth_live_streams_open gauge',
        'berth_live_streams_open 3',
        '# HELP berth_clusters Clusters by status.',
        '# TYPE berth_clusters gauge',
        'berth_clusters{status="reachable"} 2',
        'berth_clusters{status="unknown"} 0',
        '',
      ].join('\n'),
    );
  });

  it('escapes backslashes, quotes and line feeds in label values and backslashes and line feeds in HELP', () => {
    const text = renderPrometheusText([
      { name: 'x_total', help: 'a\\b\nc "quoted"', type: 'counter', samples: [{ labels: { path: 'C:\\dir\n"x"' }, value: 1 }] },
    ]);
    expect(text.split('\n')).toEqual(['# HELP x_total a\\\\b\\nc "quoted"', '# TYPE x_total counter', 'x_total{path="C:\\\\dir\\n\\"x\\""} 1', '']);
  });

  it('keeps HELP and TYPE for a family without samples', () => {
    expect(renderPrometheusText([{ name: 'empty', help: 'Nothing yet.', type: 'gauge', samples: [] }])).toBe('# HELP empty Nothing yet.\n# TYPE empty gauge\n');
  });

  it('refuses invalid or repeated names instead of producing a scrape Prometheus rejects', () => {
    expect(() => renderPrometheusText([{ name: 'bad-name', help: '', type: 'gauge', samples: [] }])).toThrow(/metric name/);
    expect(() => renderPrometheusText([{ name: 'ok', help: '', type: 'gauge', samples: [{ labels: { 'bad-label': 'x' }, value: 1 }] }])).toThrow(/label name/);
    expect(() => renderPrometheusText([{ name: 'ok', help: '', type: 'gauge', samples: [{ labels: { __name__: 'x' }, value: 1 }] }])).toThrow(/label name/);
    const family = { name: 'twice', help: '', type: 'gauge' as const, samples: [] };
    expect(() => renderPrometheusText([family, family])).toThrow(/Duplicate/);
  });

  it('renders special float values the way the format spells them', () => {
    expect(formatSampleValue(Number.NaN)).toBe('NaN');
    expect(formatSampleValue(Infinity)).toBe('+Inf');
    expect(formatSampleValue(-Infinity)).toBe('-Inf');
    expect(formatSampleValue(0.25)).toBe('0.25');
    expect(formatSampleValue(123456789)).toBe('123456789');
  });

  it('renders nothing for no families', () => {
    expect(renderPrometheusText([])).toBe('');
  });
});

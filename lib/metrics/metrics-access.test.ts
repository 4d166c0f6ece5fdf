import { describe, expect, it } from 'vitest';
import { decideMetricsAccess, readBearerToken, refuseMetricsRequest } from './metrics-access';

const token = 'metrics-token-0123456789abcdef';

describe('decideMetricsAccess', () => {
  it('is disabled without a configured token, whatever the request sends', () => {
    expect(decideMetricsAccess(undefined, null)).toBe('disabled');
    expect(decideMetricsAccess(undefined, `Bearer ${token}`)).toBe('disabled');
    expect(decideMetricsAccess('', 'Bearer ')).toBe('disabled');
  });

  it('allows only the configured bearer token', () => {
    expect(decideMetricsAccess(token, `Bearer ${token}`)).toBe('allowed');
    expect(decideMetricsAccess(token, `bearer ${token}`)).toBe('allowed');
    expect(decideMetricsAccess(token, null)).toBe('unauthorized');
    expect(decideMetricsAccess(token, `Bearer ${token}x`)).toBe('unauthorized');
    expect(decideMetricsAccess(token, `Bearer ${token.slice(0, -1)}`)).toBe('unauthorized');
    expect(decideMetricsAccess(token, `Basic ${Buffer.from(`prometheus:${token}`).toString('base64')}`)).toBe('unauthorized');
    expect(decideMetricsAccess(token, token)).toBe('unauthorized');
  });
});

describe('readBearerToken', () => {
  it('reads one token after the scheme and nothing else', () => {
    expect(readBearerToken('Bearer abc')).toBe('abc');
    expect(readBearerToken('BEARER  abc ')).toBe('abc');
    expect(readBearerToken('Bearer abc def')).toBeNull();
    expect(readBearerToken('Bearer')).toBeNull();
    expect(readBearerToken(null)).toBeNull();
  });
});

describe('refuseMetricsRequest', () => {
  it('answers 404 while disabled and 401 with a Bearer challenge for a wrong token', async () => {
    const disabled = refuseMetricsRequest('disabled');
    expect(disabled.status).toBe(404);
    expect(disabled.headers.get('www-authenticate')).toBeNull();
    const refused = refuseMetricsRequest('unauthorized');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="berth-metrics"');
    expect(await refused.text()).not.toContain(token);
  });
});

describe('BERTH_METRICS_TOKEN in lib/env', () => {
  it('is optional, trimmed, and refused when too short to resist guessing', async () => {
    const { parseEnv } = await import('@/lib/env');
    expect(parseEnv({}).BERTH_METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ BERTH_METRICS_TOKEN: '  ' }).BERTH_METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ BERTH_METRICS_TOKEN: ` ${token} ` }).BERTH_METRICS_TOKEN).toBe(token);
    expect(() => parseEnv({ BERTH_METRICS_TOKEN: 'short' })).toThrow(/BERTH_METRICS_TOKEN must be at least 16 characters/);
  });
});

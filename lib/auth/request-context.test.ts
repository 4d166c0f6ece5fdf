import { describe, expect, it } from 'vitest';
import { readRequestContext } from './request-context';

describe('readRequestContext', () => {
  it('takes the client address from the first X-Forwarded-For hop', () => {
    const headers = new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1', 'user-agent': 'curl/8' });
    expect(readRequestContext(headers)).toEqual({ ip: '203.0.113.7', userAgent: 'curl/8' });
  });

  it('falls back to X-Real-IP, then to nothing', () => {
    expect(readRequestContext(new Headers({ 'x-real-ip': '198.51.100.2' })).ip).toBe('198.51.100.2');
    expect(readRequestContext(new Headers())).toEqual({ ip: null, userAgent: null });
  });

  it('clips a huge user agent', () => {
    expect(readRequestContext(new Headers({ 'user-agent': 'x'.repeat(5000) })).userAgent).toHaveLength(512);
  });
});

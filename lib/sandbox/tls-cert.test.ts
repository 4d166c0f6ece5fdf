import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateSelfSignedCert } from './tls-cert';

describe('generated serving certificate', () => {
  it('is valid DER every time (serial numbers are positive and minimally encoded)', () => {
    for (let i = 0; i < 300; i++) {
      const { certPem } = generateSelfSignedCert({ ips: ['127.0.0.1'] });
      const cert = new X509Certificate(certPem);
      expect(cert.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    }
  });
});

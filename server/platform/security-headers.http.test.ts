import { describe, expect, it } from 'vitest';
import { testApp } from '../test-support/harness.js';

/**
 * HSTS and upgrade-insecure-requests only when Homeward is served over HTTPS (told by
 * HOMEWARD_SECURE_COOKIES, or per request by a trusted proxy); framing refused one way in both
 * headers; browser features the web app never uses switched off.
 */
const plain = await testApp();
const secure = await testApp({ config: { secureCookies: true } });
const proxied = await testApp({ config: { trustProxy: true } });

type Headers = Record<string, string | string[] | number | undefined>;
const csp = (h: Headers) => String(h['content-security-policy'] ?? '');

const expectCommon = (h: Headers) => {
  expect(h['x-frame-options']).toBe('DENY');
  // Helmet's other headers, on every answer (set once per request from values computed at start).
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['cross-origin-resource-policy']).toBe('same-origin');
  expect(h['origin-agent-cluster']).toBe('?1');
  expect(h['x-dns-prefetch-control']).toBe('off');
  expect(h['cross-origin-embedder-policy']).toBeUndefined();
  expect(h['x-powered-by']).toBeUndefined();
  expect(csp(h)).toContain("default-src 'self'");
  expect(csp(h)).toContain("frame-ancestors 'none'");
  // The service worker and the manifest of the installable app, from Homeward only.
  expect(csp(h)).toContain("worker-src 'self'");
  expect(csp(h)).toContain("manifest-src 'self'");
  const policy = String(h['permissions-policy'] ?? '');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial', 'hid', 'midi']) {
    expect(policy, feature).toMatch(new RegExp(`(^|, )${feature}=\\(\\)(,|$)`));
  }
};
const expectHttpsOnly = (h: Headers, https: boolean) => {
  if (https) {
    expect(h['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    expect(csp(h)).toContain('upgrade-insecure-requests');
  } else {
    expect(h['strict-transport-security']).toBeUndefined();
    expect(csp(h)).not.toContain('upgrade-insecure-requests');
  }
};

describe('security headers', () => {
  it('over plain HTTP: no HSTS, no upgrade of requests, framing denied, features off', async () => {
    for (const url of ['/api/health', '/api/nothing-here', '/', '/api/docs/']) {
      const res = await plain.call(null, 'GET', url);
      expectCommon(res.headers);
      expectHttpsOnly(res.headers, false);
    }
    // Without a trusted proxy, a client cannot claim HTTPS.
    const claimed = await plain.call(null, 'GET', '/api/health', undefined, { 'x-forwarded-proto': 'https' });
    expectHttpsOnly(claimed.headers, false);
  });

  it('over HTTPS (secure cookies configured): HSTS and upgrade-insecure-requests', async () => {
    for (const url of ['/api/health', '/api/nothing-here', '/', '/api/docs/']) {
      const res = await secure.call(null, 'GET', url);
      expectCommon(res.headers);
      expectHttpsOnly(res.headers, true);
    }
  });

  it("behind a trusted proxy: per request, from the proxy's scheme", async () => {
    const https = await proxied.call(null, 'GET', '/api/health', undefined, { 'x-forwarded-proto': 'https' });
    expectCommon(https.headers);
    expectHttpsOnly(https.headers, true);
    const http = await proxied.call(null, 'GET', '/api/health', undefined, { 'x-forwarded-proto': 'http' });
    expectCommon(http.headers);
    expectHttpsOnly(http.headers, false);
  });
});

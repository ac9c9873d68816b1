import { describe, expect, it } from 'vitest';
import { testApp } from '../test-support/harness.js';

const t = await testApp();

describe('the HTTP platform', () => {
  it('answers health with the database status and security headers', async () => {
    const res = await t.call(null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'up' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('documents every route in OpenAPI 3.1', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const missing = t.app.routeCatalogue
      .filter((r) => r.url !== '/api/openapi.json')
      .filter((r) => !doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect((await t.call(null, 'GET', '/api/docs/')).statusCode).toBe(200);
  });

  it('answers unknown API routes, oversized and malformed bodies with coded errors', async () => {
    const unknown = await t.call(null, 'GET', '/api/nothing-here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const big = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: JSON.stringify({ email: 'a'.repeat(2_000_000), password: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BODY_INVALID');
  });
});

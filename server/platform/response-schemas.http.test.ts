import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instant } from '../../shared/schemas/common.js';
import { loadConfig } from './config.js';
import { AppError } from './errors.js';
import { NO_RESPONSE_SCHEMA, setupHttp } from './http-setup.js';
import { typed } from './http.js';
import { SessionCache } from './session.js';
import { testApp } from '../test-support/harness.js';

const t = await testApp();

/** A bare app with Homeward's HTTP set-up, for routes that exist only in these tests. */
async function bareApp() {
  const app = Fastify({ logger: false });
  await setupHttp(app, { db: t.db, readDb: t.db, clock: t.clock, cipher: t.cipher, config: loadConfig({}) }, new SessionCache());
  return app;
}

describe('response schemas', () => {
  it('describe the answer of every JSON route in the OpenAPI document', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json();
    const undocumented = t.app.routeCatalogue
      .filter((r) => !NO_RESPONSE_SCHEMA.has(`${r.method} ${r.url}`))
      .filter((r) => {
        const responses = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]?.responses ?? {};
        return !Object.entries(responses).some(([status, answer]) => /^2\d\d$/.test(status) && (status === '204' || (answer as { content?: Record<string, unknown> }).content?.['application/json']));
      })
      .map((r) => `${r.method} ${r.url}`);
    expect(undocumented).toEqual([]);
    // The exceptions are real routes (file downloads), not stale names.
    const known = new Set(t.app.routeCatalogue.map((r) => `${r.method} ${r.url}`));
    expect([...NO_RESPONSE_SCHEMA].filter((route) => !known.has(route))).toEqual([]);
  });

  it('describe the error answer of every route in the OpenAPI document', async () => {
    const doc = (await t.call(null, 'GET', '/api/openapi.json')).json();
    // The document does not describe itself (hidden).
    const undeclared = t.app.routeCatalogue.filter((r) => r.url !== '/api/openapi.json').filter((r) => {
      const responses = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]?.responses ?? {};
      return ['4XX', '5XX'].some((status) => {
        const schema = responses[status]?.content?.['application/json']?.schema;
        return !schema?.properties?.error?.required?.includes('code');
      });
    }).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('send an error whatever its details are, and keep a status a route declares itself', async () => {
    const app = await bareApp();
    const fail = (details: unknown) => async () => {
      throw new AppError('TEST_REFUSED', 409, 'Refused.', details as Record<string, unknown>);
    };
    typed(app).get('/api/test-object', { schema: { response: { 200: z.object({ id: z.string() }) } }, config: { auth: 'public' } }, fail({ stage: 'intake' }));
    typed(app).get('/api/test-list', { schema: { response: { 200: z.object({ id: z.string() }) } }, config: { auth: 'public' } }, fail(['a', 'b']));
    typed(app).get('/api/test-text', { schema: { response: { 200: z.object({ id: z.string() }) } }, config: { auth: 'public' } }, fail('plain text'));
    typed(app).get('/api/test-own', { schema: { response: { 200: z.object({ id: z.string() }), 409: z.object({ own: z.string() }) } }, config: { auth: 'public' } }, async (_req, reply) => reply.status(409).send({ own: 'answer' }));
    const answers = await Promise.all(['object', 'list', 'text', 'own'].map((name) => app.inject({ method: 'GET', url: `/api/test-${name}` })));
    expect(answers.map((r) => r.statusCode)).toEqual([409, 409, 409, 409]);
    expect(answers.map((r) => r.json())).toEqual([
      { error: { code: 'TEST_REFUSED', message: 'Refused.', details: { stage: 'intake' } } },
      { error: { code: 'TEST_REFUSED', message: 'Refused.', details: ['a', 'b'] } },
      { error: { code: 'TEST_REFUSED', message: 'Refused.', details: 'plain text' } },
      { own: 'answer' },
    ]);
    await app.close();
  });

  it('send only the fields they declare, with dates as ISO strings', async () => {
    const app = await bareApp();
    typed(app).get('/api/test-answer', {
      schema: { response: { 200: z.object({ id: z.string(), at: instant, nested: z.object({ kept: z.number() }) }) } },
      config: { auth: 'public' },
    }, async () => ({ id: 'a', at: new Date('2026-03-02T09:00:00Z'), nested: { kept: 1, secret: 'x' }, secret: 'not for the wire' }) as never);
    const res = await app.inject({ method: 'GET', url: '/api/test-answer' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"id":"a","at":"2026-03-02T09:00:00.000Z","nested":{"kept":1}}');
    await app.close();
  });

  it('turn an answer that does not fit its schema into a 500, never a partial answer', async () => {
    const app = await bareApp();
    typed(app).get('/api/test-answer', { schema: { response: { 200: z.object({ id: z.uuid() }) } }, config: { auth: 'public' } }, async () => ({ id: 'not-a-uuid' }));
    const res = await app.inject({ method: 'GET', url: '/api/test-answer' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('not-a-uuid');
    await app.close();
  });

  it('are required of every /api route at start-up', async () => {
    const app = await bareApp();
    expect(() => app.get('/api/test-undeclared', { config: { auth: 'public' } }, async () => ({ ok: true }))).toThrow(/declares no response schema/);
    await app.close();
  });
});

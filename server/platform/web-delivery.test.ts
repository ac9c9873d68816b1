import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWeb } from './http-setup.js';

// A built web app as Vite writes it: index.html, a fingerprinted script with its brotli and gzip
// variants next to it.
const script = 'export const homeward = "' + 'x'.repeat(4000) + '";\n';
const worker = 'const SHELL = ["/index.html"];\n' + '// '.repeat(600) + '\n';
const manifest = JSON.stringify({ name: 'Homeward', start_url: '/', icons: [], description: 'x'.repeat(2000) });
let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'homeward-web-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
  writeFileSync(path.join(dir, 'assets', 'index-AbC123.js'), script);
  writeFileSync(path.join(dir, 'assets', 'index-AbC123.js.br'), brotliCompressSync(script));
  writeFileSync(path.join(dir, 'assets', 'index-AbC123.js.gz'), gzipSync(script));
  writeFileSync(path.join(dir, 'sw.js'), worker);
  writeFileSync(path.join(dir, 'sw.js.br'), brotliCompressSync(worker));
  writeFileSync(path.join(dir, 'manifest.webmanifest'), manifest);
  writeFileSync(path.join(dir, 'manifest.webmanifest.br'), brotliCompressSync(manifest));
  app = Fastify();
  await serveWeb(app, dir);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the built web app', () => {
  it('sends the brotli variant to a browser that accepts it, gzip to one that accepts only gzip, the file otherwise', async () => {
    const br = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    const gz = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('caches fingerprinted assets for a year without revalidation, and revalidates the page every time', async () => {
    const asset = await app.inject({ url: '/assets/index-AbC123.js', headers: { 'accept-encoding': 'br' } });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const index = await app.inject({ url: '/' });
    expect(index.headers['cache-control']).toBe('no-cache');
    const clientRoute = await app.inject({ url: '/cases/some-case' });
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.headers['cache-control']).toBe('no-cache');
    expect(clientRoute.body).toContain('/assets/index-AbC123.js');
  });

  it('sends the service worker as JavaScript, revalidated every time, and the manifest with its own type, compressed or not', async () => {
    for (const encoding of ['br', 'identity']) {
      const sw = await app.inject({ url: '/sw.js', headers: { 'accept-encoding': encoding } });
      expect(sw.statusCode).toBe(200);
      expect(sw.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(sw.headers['cache-control']).toBe('no-cache');
      expect(sw.headers['service-worker-allowed']).toBe('/');
      const m = await app.inject({ url: '/manifest.webmanifest', headers: { 'accept-encoding': encoding } });
      expect(m.statusCode).toBe(200);
      expect(m.headers['content-type']).toMatch(/^application\/manifest\+json/);
      expect(m.headers['cache-control']).toBe('no-cache');
    }
  });
});

import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Permission } from '../../shared/access.js';
import { errorAnswer } from '../../shared/schemas/common.js';
import { AppError } from './errors.js';
import type { Deps } from './http.js';
import { httpDuration, httpRequests, routeLabel, statusClass } from './metrics.js';
import { resolveSession, SESSION_COOKIE, type SessionCache } from './session.js';
import { postgresRateLimitStore } from './rate-limit-store.js';
import { textRefused, unstorableText } from './text-input.js';
import { platformErrors } from './platform.errors.js';

export interface RouteEntry {
  method: string;
  url: string;
  permission?: Permission | Permission[] | 'signed-in';
  public: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its declared permission: the authorization test walks it. */
    routeCatalogue: RouteEntry[];
  }
}

/**
 * Routes that answer a file (its bytes, with its own content type) or the OpenAPI document
 * itself: the only /api routes without a response schema. Every other /api route declares the
 * shape of each success answer, and the serializer sends only what that shape declares.
 */
export const NO_RESPONSE_SCHEMA = new Set([
  'GET /api/openapi.json',
  'GET /api/cases/:id/attachments/:childId',
  'GET /api/coi/:id/attachments/:childId',
  'GET /api/cases/:id/travel/transits/:childId/request.pdf',
  'GET /api/cases/:id/travel/bookings/:childId/itinerary.pdf',
  'GET /api/travel/manifest.pdf',
  'GET /api/statistics/reports/:id/file',
  'GET /api/imports/runs/:id/report.csv',
  'GET /api/cases/exports/:id/file',
  'GET /api/access-requests/:id/download',
  'GET /api/statistics/figures/:figure/export',
  // Single sign-on answers the browser with redirects (302 and a Location), never JSON.
  'GET /api/auth/sso/start',
  'GET /api/auth/sso/callback',
]);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** While a role's required TOTP is not set up, only these routes answer. */
const ENROLMENT_ROUTES = new Set(['/api/auth/me', '/api/auth/logout', '/api/auth/totp/setup', '/api/auth/totp/enable']);

/**
 * Browser features Homeward never uses, off for its pages and anything they embed. The clipboard
 * stays writable (copy buttons, e.g. the TOTP secret); fullscreen stays for Homeward's own pages.
 */
const PERMISSIONS_POLICY = [
  'accelerometer', 'autoplay', 'browsing-topics', 'camera', 'clipboard-read', 'display-capture', 'encrypted-media', 'geolocation',
  'gyroscope', 'hid', 'idle-detection', 'magnetometer', 'microphone', 'midi', 'payment', 'picture-in-picture',
  'publickey-credentials-get', 'screen-wake-lock', 'serial', 'usb', 'xr-spatial-tracking',
].map((feature) => `${feature}=()`).concat('fullscreen=(self)').join(', ');

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Fields of a PostgreSQL error that name what failed and where, never the values involved. */
const PG_ERROR_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'] as const;

/**
 * What the log may say about a failure: its kind, codes and stack frames. Messages are left out
 * because they quote what users sent: PostgreSQL's message, detail and context (`Key (name)=(…)`,
 * `invalid input syntax for type uuid: "…"`) and JSON parse errors carry the values themselves.
 */
export function loggableError(err: unknown, depth = 0): Record<string, unknown> {
  if (!err || typeof err !== 'object') return { type: typeof err };
  const e = err as Record<string, unknown>;
  const out: Record<string, unknown> = { type: err.constructor?.name ?? 'Object' };
  if (typeof e.name === 'string') out.name = e.name;
  for (const field of PG_ERROR_FIELDS) if (typeof e[field] === 'string') out[field] = e[field];
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  if (e.cause && depth < 3) out.cause = loggableError(e.cause, depth + 1);
  return out;
}

/** Plugins, the error format, and the session/CSRF gate that every /api route passes. */
export async function setupHttp(app: FastifyInstance, deps: Deps, sessions: SessionCache) {
  // First of all: the request runs with this node's session cache (what `forgetSessions()` clears).
  app.addHook('onRequest', (_req, _reply, done) => sessions.serve(done));
  const catalogue: RouteEntry[] = [];
  app.decorate('routeCatalogue', catalogue);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const config = route.config as { auth?: string; permission?: unknown } | undefined;
    if (config?.auth !== 'public' && !config?.permission) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no permission: every route must (deny by default).`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && !route.schema?.response && !NO_RESPONSE_SCHEMA.has(`${String(method)} ${route.url}`)) {
        throw new Error(`Route ${String(method)} ${route.url} declares no response schema: every /api route that answers JSON must.`);
      }
      if (method !== 'HEAD') catalogue.push({ method: String(method), url: route.url, permission: config?.permission as RouteEntry['permission'], public: config?.auth === 'public' });
    }
    // Every route answers a refusal or a failure in the one error format: declared here once, for
    // the OpenAPI document and the serializer (a status a route declares itself keeps its schema).
    route.schema = { ...route.schema, response: { '4xx': errorAnswer, '5xx': errorAnswer, ...(route.schema?.response as object | undefined) } };
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);

  // The security headers are the same on every answer: computed once by helmet, set by one hook.
  const security = securityHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [name, value] of security.set) reply.raw.setHeader(name, value);
    for (const name of security.removed) reply.raw.removeHeader(name);
    done();
  });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    // Fastify reads the scheme from X-Forwarded-Proto only when the proxy is trusted.
    if (deps.config.secureCookies || req.protocol === 'https') {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
      const csp = reply.raw.getHeader('content-security-policy');
      if (typeof csp === 'string') reply.raw.setHeader('content-security-policy', `${csp};upgrade-insecure-requests`);
    }
  });
  await app.register(cookie);
  // Counted in PostgreSQL, so that every node behind the proxy counts the same attempts.
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(deps.db, (value) => deps.cipher.digest('rate-limit', value)) });
  await app.register(multipart, { limits: { fileSize: deps.config.attachmentMaxBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Homeward API', version: '0.1.0', description: 'Case management for assisted voluntary return and reintegration.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, metricsToken: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The docs pages get the same headers as every other page (helmet's CSP suits Swagger UI).
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({ path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: v.message }));
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: `The request is not valid: ${issues.map((i) => `${i.path || err.validationContext} ${i.message}`).join('; ')}`, details: { issues, in: err.validationContext } } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send({ error: { code: 'RATE_LIMITED', message: 'Too many requests. Wait a moment and try again.' } });
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: `The request or file is too large (files: ${Math.round(deps.config.attachmentMaxBytes / 1048576)} MiB at most).` } });
    }
    if (status >= 400 && status < 500) {
      const code = err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'UNSUPPORTED_MEDIA_TYPE' : err.code?.startsWith('FST_ERR_CTP') ? 'BODY_INVALID' : 'BAD_REQUEST';
      return reply.status(status).send({ error: { code, message: err.message } });
    }
    req.log.error({ error: loggableError(err), method: req.method, route: req.routeOptions.url }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on the server. The error was logged.' } });
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    // Health and metrics answer without reading a session: they must answer while the database is down.
    if (req.routeOptions.config?.session === false) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.actor = await resolveSession(deps.db, token, deps.clock, { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours }, req.ip, sessions);
    }
    const config = req.routeOptions.config;
    if (config?.auth === 'public' || req.is404) return;
    if (!req.actor) throw platformErrors.AUTH_REQUIRED(undefined, 'Sign in first (or again: the session ended).');
    if (!SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, req.actor.csrfToken)) {
        throw platformErrors.CSRF_TOKEN_INVALID();
      }
    }
    const permission = config?.permission;
    if (permission && permission !== 'signed-in') {
      const anyOf = Array.isArray(permission) ? permission : [permission];
      if (!anyOf.some((p) => req.actor!.grants.has(p))) {
        throw platformErrors.FORBIDDEN({ permission: anyOf.join(' or ') });
      }
    }
    if (req.actor.totpEnrolmentRequired && !ENROLMENT_ROUTES.has(req.routeOptions.url ?? '')) {
      throw platformErrors.AUTH_TOTP_ENROLMENT_REQUIRED();
    }
  });

  // After the gate, before each route's own validation: text the database cannot store is refused
  // the same way on every route, whatever its schema says.
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [['body', req.body], ['querystring', req.query], ['params', req.params]] as const) {
      const issues = unstorableText(value);
      if (issues.length) throw textRefused(where, issues);
    }
  });

  // Request count and latency per route template (the URL would carry ids: never a label).
  app.addHook('onResponse', async (req, reply) => {
    const route = routeLabel(req.routeOptions.url);
    httpRequests.inc({ method: req.method, route, status: statusClass(reply.statusCode) });
    httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.addHook('onSend', async (req, reply) => {
    // API answers are personal data: never cached by browsers or proxies unless a route says so.
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}

/** The built web app with a fallback to index.html for client-side routes. */
export async function serveWeb(app: FastifyInstance, webDist: string) {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: ['index.html'],
      // Brotli or gzip written at build time, when the browser accepts it.
      preCompressed: true,
      // Files under /assets/ carry a hash of their content in their name: cached for a year and
      // never revalidated. Everything else (index.html) is revalidated on every visit, so a new
      // release reaches the browser at once.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const relative = path.relative(webDist, filePath);
        const immutable = relative.startsWith(`assets${path.sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The service worker governs the whole app from the root (its type, like the manifest's
        // application/manifest+json, comes from the file's name: web-delivery.test.ts checks both).
        if (/^sw\.js(\.br|\.gz)?$/.test(relative)) res.setHeader('service-worker-allowed', '/');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such route.' } });
    }
    if (!hasWeb) return reply.status(404).type('text/plain').send('The web app is not built. Run `npm run build:web` (npm start does it).');
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** What helmet sets on an answer (`helmet(...)` builds its middleware, and parses the policy, once). */
const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // Mantine sets CSS variables through style attributes.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      // The service worker (/sw.js) and the web app manifest, from Homeward itself only.
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      // Added per request, only over HTTPS (in `setupHttp`).
      upgradeInsecureRequests: null,
    },
  },
  crossOriginEmbedderPolicy: false,
  // The same refusal as frame-ancestors 'none', for browsers that only know the older header.
  xFrameOptions: { action: 'deny' },
  // Only over HTTPS (in `setupHttp`): sent over plain HTTP on a closed network it would lock browsers
  // out of a server that has no certificate.
  strictTransportSecurity: false,
};

/**
 * The headers helmet sets and removes, read once by running its middleware on a stand-in answer:
 * `@fastify/helmet` built the middleware again for every request (a twentieth of the time of a
 * `GET /api/health`). Helmet's middleware only sets and removes headers.
 */
export function securityHeaders(): { set: [string, string][]; removed: string[] } {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const answer = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name.toLowerCase(), String(value));
      removed.delete(name.toLowerCase());
    },
    removeHeader(name: string) {
      set.delete(name.toLowerCase());
      removed.add(name.toLowerCase());
    },
  };
  let failure: unknown;
  helmet(HELMET_OPTIONS)({} as IncomingMessage, answer as unknown as ServerResponse, (err?: unknown) => (failure = err));
  if (failure) throw failure;
  return { set: [...set], removed: [...removed] };
}

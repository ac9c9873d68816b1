import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import { providerBody, providerPage, providerSearchBody, providerStatusBody, providerView, revealedPayment } from '../../../shared/schemas/providers.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { createProvider } from './create-provider.js';
import { getProvider } from './get-provider.js';
import { revealPaymentDetails } from './reveal-payment-details.js';
import { searchProviders } from './search-providers.js';
import { reinstateProvider, suspendProvider } from './provider-status.js';
import { updateProvider } from './update-provider.js';

export function providersRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['providers'];
  const read = { permission: ['case.read', 'provider.manage'] as ('case.read' | 'provider.manage')[] };
  const manage = { permission: 'provider.manage' as const };

  r.post('/api/providers/search', { schema: { tags, summary: 'The service provider registry of the reader’s office: search, filters, sorting and pages', body: providerSearchBody, response: { 200: providerPage } }, config: read },
    async (req) => searchProviders(req.body, ctxOf(req, deps)));

  r.post('/api/providers', { schema: { tags, summary: 'Register a service provider (Idempotency-Key accepted; payment details encrypted)', body: providerBody, response: { 201: providerView } }, config: manage }, async (req, reply) => {
    requirePermission(actorOf(req), 'provider.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await createProvider(req.body, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.get('/api/providers/:id', { schema: { tags, summary: 'One service provider (payment details masked, for its managers only)', params: idParams, response: { 200: providerView } }, config: read }, async (req, reply) =>
    withEtag(reply, await getProvider({ providerId: req.params.id }, ctxOf(req, deps))));

  r.put('/api/providers/:id', { schema: { tags, summary: 'Edit a service provider (If-Match)', params: idParams, body: providerBody, response: { 200: providerView } }, config: manage }, async (req, reply) => {
    requirePermission(actorOf(req), 'provider.manage');
    return withEtag(reply, await updateProvider({ providerId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), provider: req.body }, ctxOf(req, deps)));
  });

  r.post('/api/providers/:id/suspend', { schema: { tags, summary: 'Suspend a service provider with a reason (If-Match)', params: idParams, body: providerStatusBody, response: { 200: providerView } }, config: manage }, async (req, reply) => {
    requirePermission(actorOf(req), 'provider.manage');
    return withEtag(reply, await suspendProvider({ providerId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), reason: req.body.reason }, ctxOf(req, deps)));
  });

  r.post('/api/providers/:id/reinstate', { schema: { tags, summary: 'Reinstate a suspended service provider with a reason (If-Match)', params: idParams, body: providerStatusBody, response: { 200: providerView } }, config: manage }, async (req, reply) => {
    requirePermission(actorOf(req), 'provider.manage');
    return withEtag(reply, await reinstateProvider({ providerId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), reason: req.body.reason }, ctxOf(req, deps)));
  });

  r.post('/api/providers/:id/payment-details/reveal', { schema: { tags, summary: 'Show the full bank or mobile-money details of a service provider (audited)', params: idParams, response: { 200: revealedPayment } }, config: manage }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return revealPaymentDetails({ providerId: req.params.id }, ctxOf(req, deps));
  });
}

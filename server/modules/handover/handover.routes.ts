import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { caseChildParams, caseView } from '../../../shared/schemas/cases.js';
import { idParams, itemsOf } from '../../../shared/schemas/common.js';
import {
  admissionDateBody, arrivalBody, consentBody, declineHandoverBody, incomingSearchBody, receptionServiceBody, receptionServicePatch, sendHandoverBody,
  caseHandoverView, consentRecorded, expectedArrivalsView, handoverPackage, incomingPage, handoverView, originOfficeList, receptionServiceView,
} from '../../../shared/schemas/handover.js';
import { ctxOf, etagOf, expectedVersion, idempotent, withEtag, typed, type Deps } from '../../platform/http.js';
import { addReceptionService } from './add-reception-service.js';
import { confirmArrival } from './confirm-arrival.js';
import { handoverOverview } from './handover-overview.js';
import { originOffices } from './origin-offices.js';
import { setAdmissionDate } from './set-admission-date.js';
import { updateReceptionService } from './update-reception-service.js';
import { recordConsent } from './record-consent.js';
import { withdrawConsent } from './withdraw-consent.js';
import { readPackage } from './handover-package.js';
import { acceptHandover } from './accept-handover.js';
import { declineHandover } from './decline-handover.js';
import { listIncoming } from './list-incoming.js';
import { sendHandover } from './send-handover.js';
import { expectedArrivals, listOutgoing } from './handover-queues.js';

export function handoverRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['handover'];

  r.get('/api/cases/:id/handover', { schema: { tags, summary: 'Handovers, consents, arrival and reception services of a case', params: idParams, response: { 200: caseHandoverView } }, config: { permission: 'case.read' } },
    async (req) => handoverOverview({ caseId: req.params.id }, ctxOf(req, deps)));

  r.get('/api/cases/:id/handover/origin-offices', { schema: { tags, summary: 'Offices in the case’s country of return a handover can go to', params: idParams, response: { 200: originOfficeList } }, config: { permission: 'handover.send' } },
    async (req) => originOffices({ caseId: req.params.id }, ctxOf(req, deps)));

  r.post('/api/cases/:id/handovers', { schema: { tags, summary: 'Hand the case over to the origin office, with the returnee’s consent (Idempotency-Key accepted)', params: idParams, body: sendHandoverBody, response: { 201: handoverView } }, config: { permission: 'handover.send' } },
    async (req, reply) => {
      return idempotent(deps, req, reply, async (txDeps) => {
        const h = await sendHandover({ caseId: req.params.id, handover: req.body }, ctxOf(req, txDeps));
        reply.header('etag', etagOf(h.id, h.version));
        return { status: 201, body: h };
      });
    });

  r.post('/api/cases/:id/handover-consents', { schema: { tags, summary: 'Record the returnee’s consent to share, for a purpose', params: idParams, body: consentBody, response: { 201: consentRecorded } }, config: { permission: 'handover.send' } },
    async (req, reply) => {
      return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await recordConsent({ caseId: req.params.id, consent: req.body }, ctxOf(req, txDeps)) }));
    });

  r.post('/api/cases/:id/handover-consents/:childId/withdraw', { schema: { tags, summary: 'Withdraw a consent to share (effective at once)', params: caseChildParams, response: { 204: z.null() } }, config: { permission: 'handover.send' } },
    async (req, reply) => {
      await withdrawConsent({ caseId: req.params.id, consentId: req.params.childId }, ctxOf(req, deps));
      reply.status(204);
    });

  r.post('/api/handovers/incoming/search', { schema: { tags, summary: 'Handovers sent to my office, filtered, sorted and paged (those waiting for an answer first)', body: incomingSearchBody, response: { 200: incomingPage } }, config: { permission: 'handover.receive' } },
    async (req) => listIncoming(req.body, ctxOf(req, deps)));

  r.get('/api/handovers/outgoing', { schema: { tags, summary: 'Handovers my office sent that wait for the origin office’s answer', response: { 200: itemsOf(handoverView) } }, config: { permission: 'handover.send' } },
    async (req) => listOutgoing({}, ctxOf(req, deps)));

  r.get('/api/handovers/arrivals', { schema: { tags, summary: 'Returnees expected at my office in the next seven days', response: { 200: expectedArrivalsView } }, config: { permission: 'handover.receive' } },
    async (req) => expectedArrivals({}, ctxOf(req, deps)));

  r.get('/api/handovers/:id/package', { schema: { tags, summary: 'The handover package: what the origin office sees (audited)', params: idParams, response: { 200: handoverPackage } }, config: { permission: 'handover.receive' } },
    async (req, reply) => {
      const pkg = await readPackage({ handoverId: req.params.id }, ctxOf(req, deps));
      reply.header('etag', etagOf(pkg.handover.id, pkg.handover.version));
      return pkg;
    });

  r.post('/api/handovers/:id/accept', { schema: { tags, summary: 'Accept a handover (If-Match): the origin office then sees the case', params: idParams, body: z.strictObject({}).optional(), response: { 200: handoverView } }, config: { permission: 'handover.receive' } },
    async (req, reply) => withEtag(reply, await acceptHandover({ handoverId: req.params.id, expectedVersion: expectedVersion(req, req.params.id) }, ctxOf(req, deps))));

  r.post('/api/handovers/:id/decline', { schema: { tags, summary: 'Decline a handover with a reason (If-Match)', params: idParams, body: declineHandoverBody, response: { 200: handoverView } }, config: { permission: 'handover.receive' } },
    async (req, reply) => withEtag(reply, await declineHandover({ handoverId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), reason: req.body.reason }, ctxOf(req, deps))));

  r.post('/api/cases/:id/arrival', { schema: { tags, summary: 'Confirm the returnee’s arrival (If-Match: the case ETag); moves the case to arrived', params: idParams, body: arrivalBody, response: { 200: caseView } }, config: { permission: 'reception.manage' } },
    async (req, reply) => withEtag(reply, await confirmArrival({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), arrival: req.body }, ctxOf(req, deps))));

  r.post('/api/cases/:id/reception-services', { schema: { tags, summary: 'Record a reception service with its status and cost (Idempotency-Key accepted)', params: idParams, body: receptionServiceBody, response: { 201: receptionServiceView } }, config: { permission: 'reception.manage' } },
    async (req, reply) => {
      return idempotent(deps, req, reply, async (txDeps) => {
        const s = await addReceptionService({ caseId: req.params.id, service: req.body }, ctxOf(req, txDeps));
        reply.header('etag', etagOf(s.id, s.version));
        return { status: 201, body: s };
      });
    });

  r.patch('/api/cases/:id/reception-services/:childId', { schema: { tags, summary: 'Update a reception service (If-Match: the service ETag)', params: caseChildParams, body: receptionServicePatch, response: { 200: receptionServiceView } }, config: { permission: 'reception.manage' } },
    async (req, reply) => withEtag(reply, await updateReceptionService({ caseId: req.params.id, serviceId: req.params.childId, expectedVersion: expectedVersion(req, req.params.childId), patch: req.body }, ctxOf(req, deps))));

  r.put('/api/cases/:id/admission-date', { schema: { tags, summary: 'Record the date a person returned by a government was admitted (If-Match: the case ETag)', params: idParams, body: admissionDateBody, response: { 200: caseView } }, config: { permission: 'case.update' } },
    async (req, reply) => withEtag(reply, await setAdmissionDate({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), admissionDate: req.body.admissionDate }, ctxOf(req, deps))));
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { caseChildParams } from '../../../shared/schemas/cases.js';
import { idParams } from '../../../shared/schemas/common.js';
import {
  arrangementBody, bookingBody, bookingStatusBody, departureBody, escortBody, manifestQuery, movementsQuery, paymentBody,
  transitBody, transitStatusBody, travelDocumentBody, travelDocumentPatch, caseTravelView, createdRef, departureRecorded, movementsView, rebooked,
  revealedNumber, versionedRef,
} from '../../../shared/schemas/travel.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { addArrangement } from './add-arrangement.js';
import { addEscort } from './add-escort.js';
import { addTransit } from './add-transit.js';
import { changeBookingStatus } from './change-booking-status.js';
import { createBooking } from './create-booking.js';
import { rebook } from './rebook.js';
import { recordPayment } from './record-payment.js';
import { updateBookingDetails } from './update-booking-details.js';
import { updateTransit } from './update-transit.js';
import { confirmDeparture } from './departure.js';
import { listMovements, manifestPdf } from './movements.js';
import { addTravelDocument, revealTravelDocumentNumber, updateTravelDocument } from './travel-documents.js';
import { itineraryPdf, transitRequestPdf } from './travel-letters.js';
import { travelView } from './travel-view.js';

const sendPdf = (reply: FastifyReply, file: { pdf: Buffer; fileName: string }) =>
  reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.pdf);

export function travelRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['travel'];
  const manage = { permission: 'travel.manage' as const };

  r.get('/api/cases/:id/travel', { schema: { tags, summary: 'Travel of a case: documents (numbers masked), bookings with legs, transit, escorts, arrangements, payments, departures, flags', params: idParams, response: { 200: caseTravelView } }, config: { permission: 'case.read' } },
    async (req) => travelView(actorOf(req), req.params.id, deps));

  r.post('/api/cases/:id/travel/documents', { schema: { tags, summary: 'Add a travel document of a member (number encrypted at rest)', params: idParams, body: travelDocumentBody, response: { 201: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'travel.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: withEtag(reply, await addTravelDocument(actor, req.params.id, req.body, txDeps)) }));
  });
  r.patch('/api/cases/:id/travel/documents/:childId', { schema: { tags, summary: 'Update a travel document (If-Match: the document’s ETag)', params: caseChildParams, body: travelDocumentPatch, response: { 200: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'travel.manage');
    return withEtag(reply, await updateTravelDocument(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.childId), req.body, deps));
  });
  r.post('/api/cases/:id/travel/documents/:childId/reveal', { schema: { tags, summary: 'Show the full number of a travel document (audited)', params: caseChildParams, response: { 200: revealedNumber } }, config: manage }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return revealTravelDocumentNumber(actorOf(req), req.params.id, req.params.childId, deps);
  });

  r.post('/api/cases/:id/travel/bookings', { schema: { tags, summary: 'Book travel (approved case, a current decision for every traveller; moves the case to travel preparation)', params: idParams, body: bookingBody, response: { 201: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'travel.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: withEtag(reply, await createBooking(actor, req.params.id, req.body, txDeps)) }));
  });
  r.patch('/api/cases/:id/travel/bookings/:childId', { schema: { tags, summary: 'Change a booking’s reference or notes (If-Match)', params: caseChildParams, body: z.strictObject({ bookingReference: z.string().trim().max(40).optional(), notes: z.string().trim().max(2000).optional() }), response: { 200: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return withEtag(reply, await updateBookingDetails(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.childId), req.body, deps));
  });
  r.post('/api/cases/:id/travel/bookings/:childId/status', { schema: { tags, summary: 'Move a booking: booked, ticketed or cancelled (If-Match)', params: caseChildParams, body: bookingStatusBody, response: { 200: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return withEtag(reply, await changeBookingStatus(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.childId), req.body, deps));
  });
  r.post('/api/cases/:id/travel/bookings/:childId/rebook', { schema: { tags, summary: 'Rebook: a new booking replaces this one (If-Match: the old booking’s ETag)', params: caseChildParams, body: bookingBody, response: { 201: rebooked } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    const expected = expectedVersion(req, req.params.childId);
    reply.status(201);
    return withEtag(reply, await rebook(actor, req.params.id, req.params.childId, expected, req.body, deps));
  });
  r.post('/api/cases/:id/travel/bookings/:childId/transits', { schema: { tags, summary: 'Add a transit point with its assistance request', params: caseChildParams, body: transitBody, response: { 201: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addTransit(actor, req.params.id, req.params.childId, req.body, txDeps) }));
  });
  r.post('/api/cases/:id/travel/transits/:childId/status', { schema: { tags, summary: 'Update the transit assistance request (If-Match: the transit point’s ETag)', params: caseChildParams, body: transitStatusBody, response: { 200: versionedRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return withEtag(reply, await updateTransit(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.childId), req.body, deps));
  });
  r.get('/api/cases/:id/travel/transits/:childId/request.pdf', { schema: { tags, summary: 'Transit assistance request as a PDF (audited)', params: caseChildParams }, config: manage }, async (req, reply) =>
    sendPdf(reply, await transitRequestPdf(actorOf(req), req.params.id, req.params.childId, deps)));
  r.post('/api/cases/:id/travel/bookings/:childId/escorts', { schema: { tags, summary: 'Add an escort (operational or medical) on legs of a booking', params: caseChildParams, body: escortBody, response: { 201: createdRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addEscort(actor, req.params.id, req.params.childId, req.body, txDeps) }));
  });
  r.post('/api/cases/:id/travel/bookings/:childId/arrangements', { schema: { tags, summary: 'Add temporary accommodation or the transfer to the airport', params: caseChildParams, body: arrangementBody, response: { 201: createdRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addArrangement(actor, req.params.id, req.params.childId, req.body, txDeps) }));
  });
  r.post('/api/cases/:id/travel/bookings/:childId/payments', { schema: { tags, summary: 'Record pocket money or an installation grant handed over at departure', params: caseChildParams, body: paymentBody, response: { 201: createdRef } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'travel.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await recordPayment(actor, req.params.id, req.params.childId, req.body, txDeps) }));
  });
  r.post('/api/cases/:id/travel/bookings/:childId/departure', { schema: { tags, summary: 'Confirm departure or no-show per member (If-Match); all departed moves the case to departed', params: caseChildParams, body: departureBody, response: { 200: departureRecorded } }, config: manage }, async (req, reply) => {
    const actor = actorOf(req);
    return withEtag(reply, await confirmDeparture(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.childId), req.body, deps));
  });
  r.get('/api/cases/:id/travel/bookings/:childId/itinerary.pdf', { schema: { tags, summary: 'Itinerary letter of a booking as a PDF (audited)', params: caseChildParams }, config: { permission: 'case.read' } }, async (req, reply) =>
    sendPdf(reply, await itineraryPdf(actorOf(req), req.params.id, req.params.childId, deps)));

  r.get('/api/travel/movements', { schema: { tags, summary: 'Upcoming flights with the cases on them', querystring: movementsQuery, response: { 200: movementsView } }, config: manage },
    async (req) => listMovements(actorOf(req), req.query, deps));
  r.get('/api/travel/manifest.pdf', { schema: { tags, summary: 'Movement manifest of a flight as a PDF (audited)', querystring: manifestQuery }, config: manage }, async (req, reply) =>
    sendPdf(reply, await manifestPdf(actorOf(req), req.query, deps)));
}

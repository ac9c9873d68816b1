import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  appointmentsQuery, coiEditBody, coiEntryBody, coiSearchBody, coiSettingsBody, coiVersionParams, createSessionBody, updateSessionBody,
  appointmentList, coiAttachmentView, coiEntryView, coiSearchResult, coiSettingsView, coiVersionView, counsellorList, sessionView,
} from '../../../shared/schemas/counselling.js';
import { idParams, itemsOf, uuid } from '../../../shared/schemas/common.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, expectedVersion, idempotent, typed, uploadFingerprint, withEtag, type Deps, readUpload } from '../../platform/http.js';
import { addCoiAttachment } from './add-coi-attachment.js';
import { createCoiEntry } from './create-coi-entry.js';
import { downloadCoiAttachment } from './download-coi-attachment.js';
import { editCoiEntry } from './edit-coi-entry.js';
import { getCoiEntry } from './get-coi-entry.js';
import { getCoiVersion } from './get-coi-version.js';
import { readCoiSettings } from './read-coi-settings.js';
import { searchCoi } from './search-coi.js';
import { SETTINGS_ETAG_ID } from './coi.repo.js';
import { updateCoiSettings } from './update-coi-settings.js';
import { createSession } from './create-session.js';
import { listAppointments } from './list-appointments.js';
import { listCounsellors } from './list-counsellors.js';
import { listSessions } from './list-sessions.js';
import { updateSession } from './update-session.js';

const childParams = z.strictObject({ id: uuid, childId: uuid });
const COI_READ = ['case.read', 'counselling.write'] as const;

export function counsellingRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['counselling'];

  r.get('/api/cases/:id/counselling-sessions', { schema: { tags, summary: 'Counselling sessions of a case (notes only with case.note.sensitive; reading them is audited)', params: idParams, response: { 200: itemsOf(sessionView) } }, config: { permission: 'case.read' } },
    async (req) => listSessions(actorOf(req), req.params.id, deps));

  r.post('/api/cases/:id/counselling-sessions', { schema: { tags, summary: 'Record a held session or schedule an appointment (Idempotency-Key accepted)', params: idParams, body: createSessionBody, response: { 201: sessionView } }, config: { permission: 'counselling.write' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'counselling.write');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: withEtag(reply, await createSession(actor, req.params.id, req.body, txDeps)) }));
  });

  r.patch('/api/cases/:id/counselling-sessions/:childId', { schema: { tags, summary: 'Change a session, mark it held or cancel it with a reason (If-Match: the session’s ETag)', params: childParams, body: updateSessionBody, response: { 200: sessionView } }, config: { permission: 'counselling.write' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'counselling.write');
    return withEtag(reply, await updateSession(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.childId), req.body, deps));
  });

  r.get('/api/counselling/appointments', { schema: { tags, summary: 'Upcoming appointments: my own, or every counsellor’s for an office manager (filter by counsellor)', querystring: appointmentsQuery, response: { 200: appointmentList } }, config: { permission: 'counselling.write' } },
    async (req) => listAppointments(actorOf(req), req.query, deps));

  r.get('/api/counselling/counsellors', { schema: { tags, summary: 'Users of my office who may counsel', response: { 200: counsellorList } }, config: { permission: [...COI_READ] } },
    async (req) => listCounsellors(actorOf(req), deps));

  const coiTags = ['country-information'];
  r.post('/api/coi/search', { schema: { tags: coiTags, summary: 'Search the country-of-origin information library (country, topic, language, stale)', body: coiSearchBody, response: { 200: coiSearchResult } }, config: { permission: [...COI_READ] } },
    async (req) => searchCoi(actorOf(req), req.body, deps));

  r.get('/api/coi/settings', { schema: { tags: coiTags, summary: 'The age after which entries are flagged as stale', response: { 200: coiSettingsView } }, config: { permission: [...COI_READ] } },
    async (req, reply) => withEtag(reply, await readCoiSettings(actorOf(req), deps)));
  r.put('/api/coi/settings', { schema: { tags: coiTags, summary: 'Set the age after which entries are stale (If-Match)', body: coiSettingsBody, response: { 200: coiSettingsView } }, config: { permission: 'coi.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'coi.manage');
    return withEtag(reply, await updateCoiSettings(actor, expectedVersion(req, SETTINGS_ETAG_ID), req.body, deps));
  });

  r.post('/api/coi', { schema: { tags: coiTags, summary: 'Add an entry to the library (Idempotency-Key accepted)', body: coiEntryBody, response: { 201: coiEntryView } }, config: { permission: 'coi.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'coi.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: withEtag(reply, await createCoiEntry(actor, req.body, txDeps)) }));
  });

  r.get('/api/coi/:id', { schema: { tags: coiTags, summary: 'An entry: current version, versions, attachments, stale flag', params: idParams, response: { 200: coiEntryView } }, config: { permission: [...COI_READ] } },
    async (req, reply) => withEtag(reply, await getCoiEntry(actorOf(req), req.params.id, deps)));

  r.patch('/api/coi/:id', { schema: { tags: coiTags, summary: 'Edit an entry: adds a new version, older ones stay readable (If-Match)', params: idParams, body: coiEditBody, response: { 200: coiEntryView } }, config: { permission: 'coi.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'coi.manage');
    return withEtag(reply, await editCoiEntry(actor, req.params.id, expectedVersion(req, req.params.id), req.body, deps));
  });

  r.get('/api/coi/:id/versions/:version', { schema: { tags: coiTags, summary: 'One version of an entry', params: coiVersionParams, response: { 200: coiVersionView } }, config: { permission: [...COI_READ] } },
    async (req) => getCoiVersion(actorOf(req), req.params.id, req.params.version, deps));

  r.post('/api/coi/:id/attachments', {
    schema: { tags: coiTags, summary: 'Attach a file to an entry (multipart: field "file", optional field "description")', params: idParams, consumes: ['multipart/form-data'], response: { 201: coiAttachmentView } },
    config: { permission: 'coi.manage' },
  }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'coi.manage');
    const upload = await readUpload(req, deps.config.attachmentMaxBytes);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addCoiAttachment(actor, req.params.id, upload, txDeps) }), {
      fingerprintBody: uploadFingerprint(upload),
    });
  });

  r.get('/api/coi/:id/attachments/:childId', { schema: { tags: coiTags, summary: 'Download a file of an entry', params: childParams }, config: { permission: [...COI_READ] } }, async (req, reply) => {
    const file = await downloadCoiAttachment(actorOf(req), req.params.id, req.params.childId, deps);
    reply
      .header('content-type', file.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
      .header('cache-control', 'no-store');
    return reply.send(file.content);
  });
}

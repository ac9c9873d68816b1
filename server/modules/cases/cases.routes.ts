import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addMemberBody, attachmentView, caseHistoryView, caseSummaryPrintView, caseSearchResult, caseView, duplicateCandidates, noteView, registeredCase, savedFilterView,
  stageCountsView, caseChildParams, caseSearchBody, createCaseBody, duplicateCheckBody, noteBody, personPatch, savedFilterBody,
  transitionBody, updateCaseBody, caseloadView, reassignCasesBody, reassignedCases,
} from '../../../shared/schemas/cases.js';
import { caseExportBody, caseExportList, caseExportView } from '../../../shared/schemas/case-exports.js';
import { idParams, itemsOf, uuid } from '../../../shared/schemas/common.js';
import { createReadStream } from 'node:fs';
import { sendJob } from '../../platform/jobs.js';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../platform/spreadsheet.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, uploadFingerprint, withEtag, type Deps, readUpload } from '../../platform/http.js';
import { addAttachment } from './add-attachment.js';
import { addMember } from './add-member.js';
import { addNote } from './add-note.js';
import { caseHistory } from './case-history.js';
import { deleteSavedFilter } from './delete-saved-filter.js';
import { downloadAttachment } from './download-attachment.js';
import { listAttachments } from './list-attachments.js';
import { listNotes } from './list-notes.js';
import { listSavedFilters } from './list-saved-filters.js';
import { findDuplicates } from './find-duplicates.js';
import { openCase, readCase } from './open-case.js';
import { printCaseSummary } from './print-case-summary.js';
import { registerCase } from './register-case.js';
import { saveFilter } from './save-filter.js';
import { searchCases, stageCounts } from './search-cases.js';
import { transitionCase } from './transition-case.js';
import { updateCase } from './update-case.js';
import { updatePerson } from './update-person.js';
import { caseload } from './caseload.js';
import { downloadCaseExport, getCaseExport, listCaseExports, requestCaseExport } from './case-exports.js';
import { CASE_EXPORT_QUEUE } from './run-case-export.js';
import { reassignCases } from './reassign-cases.js';
import { breakGlass, breakGlassReadHook, breakGlassReport, reviewBreakGlass } from './break-glass.js';
import { BREAK_GLASS_MAIL_QUEUE } from './break-glass-mail.js';
import { lookUpCaseMembers, personAccessLog } from './person-access-log.js';
import { personProtectionRoutes } from './person-protection.routes.js';
import { retentionRoutes } from './retention.routes.js';
import { accessLogQuery, accessLogView, breakGlassBody, breakGlassGrantView, breakGlassReportQuery, breakGlassReportView, caseRefParams, personLookupBody, personLookupView } from '../../../shared/schemas/data-protection.js';

export function caseRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['cases'];

  r.post('/api/cases/search', { schema: { tags, summary: 'Search and list cases (a POST so that names stay out of URLs)',
    description: 'A name in `q` matches any household member in any spelling or script, with one typing error, through the blocking keys of the names. The cases of at most 100 matching members in the reader\'s scope are ranked by similarity (exact spellings gathered first); when more match, `totalCapped` is true and `total` counts the cases ranked.', body: caseSearchBody, response: { 200: caseSearchResult } }, config: { permission: 'case.read' } },
    async (req) => searchCases(req.body, ctxOf(req, deps)));

  r.post('/api/cases/exports', {
    schema: { tags, summary: 'Export the case list of a filter (the list\'s filter, in the body) as CSV or XLSX, as a background job', body: caseExportBody, response: { 202: caseExportView } },
    config: { permission: 'case.read' },
  }, async (req, reply) => {
    const view = await requestCaseExport(req.body, ctxOf(req, deps));
    await sendJob(CASE_EXPORT_QUEUE, { exportId: view.id }, { singletonKey: view.id });
    reply.status(202);
    return view;
  });
  r.get('/api/cases/exports', { schema: { tags, summary: 'My recent exports of the case list, newest first', response: { 200: caseExportList } }, config: { permission: 'case.read' } },
    async (req) => listCaseExports({}, ctxOf(req, deps)));
  r.get('/api/cases/exports/:id', { schema: { tags, summary: 'An export of mine with its progress (rows done of total)', params: idParams, response: { 200: caseExportView } }, config: { permission: 'case.read' } },
    async (req) => getCaseExport({ id: req.params.id }, ctxOf(req, deps)));
  r.get('/api/cases/exports/:id/file', { schema: { tags, summary: 'Download the file of an export of mine (audited; 410 after 24 hours)', params: idParams }, config: { permission: 'case.read' } }, async (req, reply) => {
    const file = await downloadCaseExport({ id: req.params.id, dataDir: deps.config.dataDir }, ctxOf(req, deps));
    return reply
      .header('content-type', file.format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(createReadStream(file.path));
  });

  r.get('/api/cases/stage-counts', { schema: { tags, summary: 'Cases by stage in the actor’s scope', querystring: z.strictObject({ mine: z.enum(['true', 'false']).optional() }), response: { 200: stageCountsView } }, config: { permission: ['case.read', 'statistics.read'] } },
    async (req) => stageCounts({ mine: req.query.mine === 'true' }, ctxOf(req, deps)));

  r.get('/api/cases/caseload', { schema: { tags, summary: 'Open cases per owner in the supervisor’s scope', response: { 200: caseloadView } }, config: { permission: 'case.approve' } },
    async (req) => caseload({}, ctxOf(req, deps)));

  r.post('/api/cases/reassign', { schema: { tags, summary: 'Hand several cases to one new owner, all or none (each case with its version)', body: reassignCasesBody, response: { 200: reassignedCases } }, config: { permission: 'case.approve' } },
    async (req) => reassignCases(req.body, ctxOf(req, deps)));

  r.post('/api/cases/duplicates', { schema: { tags, summary: 'People who may already be registered', body: duplicateCheckBody, response: { 200: duplicateCandidates } }, config: { permission: 'case.create' } },
    async (req) => findDuplicates(req.body, ctxOf(req, deps)));

  r.post('/api/cases', { schema: { tags, summary: 'Register a household (Idempotency-Key accepted)', body: createCaseBody, response: { 201: registeredCase } }, config: { permission: 'case.create' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'case.create');
    return idempotent(deps, req, reply, async (txDeps) => {
      const id = await registerCase(req.body, ctxOf(req, txDeps));
      const view = await readCase(txDeps.db, actor, id).catch(() => ({ id }));
      if ('version' in view) withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  // Reads of a case's sub-resources through a break-glass grant are audited as such, whichever module answers them.
  app.addHook('preHandler', breakGlassReadHook(deps.db));
  r.post('/api/cases/:id/break-glass', {
    schema: {
      tags, summary: 'Open a case outside my scope for a limited time, read-only, stating why (the case number or id; audited, reviewed by the data-protection officers)',
      params: caseRefParams, body: breakGlassBody, response: { 201: breakGlassGrantView },
    },
    config: { permission: 'case.break_glass' },
  }, async (req, reply) => {
    const grant = await breakGlass({ ref: req.params.id, reason: req.body.reason, minutes: deps.config.breakGlassMinutes }, ctxOf(req, deps));
    // The officers' e-mail goes out in the background, once the grant is committed (only when Homeward sends e-mail).
    if (deps.config.smtpUrl) await sendJob(BREAK_GLASS_MAIL_QUEUE, { grantId: grant.id }, { singletonKey: grant.id });
    reply.status(201);
    return grant;
  });
  r.post('/api/break-glass/:id/review', { schema: { tags, summary: 'Mark a break-glass access reviewed (data-protection officer; audited)', params: idParams, response: { 204: z.null() } }, config: { permission: 'person.access_log.read' } },
    async (req, reply) => {
      await reviewBreakGlass({ id: req.params.id }, ctxOf(req, deps));
      return reply.status(204).send(null);
    });
  r.get('/api/break-glass', {
    schema: {
      tags, summary: 'The break-glass accesses of my organisation over a period (from, to: days, UTC, both included; the last 30 days by default), newest first, with the reason and the review (data-protection officer; audited)',
      querystring: breakGlassReportQuery, response: { 200: breakGlassReportView },
    },
    config: { permission: 'person.access_log.read' },
  }, async (req) => breakGlassReport(req.query, ctxOf(req, deps)));
  r.get('/api/persons/:id/access-log', {
    schema: { tags, summary: 'Who accessed this person, when and why: the audited reads and writes of their cases and records, newest first (audited)', params: idParams, querystring: accessLogQuery, response: { 200: accessLogView } },
    config: { permission: 'person.access_log.read' },
  }, async (req) => personAccessLog({ personId: req.params.id, page: req.query.page, pageSize: req.query.pageSize }, ctxOf(req, deps)));
  r.post('/api/data-protection/case-lookup', {
    schema: { tags, summary: 'Find the persons of a case by its number, to read their access log (a POST: the number stays out of URLs; audited)', body: personLookupBody, response: { 200: personLookupView } },
    config: { permission: 'person.access_log.read' },
  }, async (req) => lookUpCaseMembers(req.body, ctxOf(req, deps)));
  personProtectionRoutes(app, deps);
  retentionRoutes(app, deps);

  r.get('/api/cases/:id', { schema: { tags, summary: 'Open a case (audited)', params: idParams, response: { 200: caseView } }, config: { permission: 'case.read' } }, async (req, reply) =>
    withEtag(reply, await openCase({ caseId: req.params.id }, ctxOf(req, deps))));

  r.patch('/api/cases/:id', { schema: { tags, summary: 'Update a case (If-Match)', params: idParams, body: updateCaseBody, response: { 200: caseView } }, config: { permission: 'case.update' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'case.update');
    return withEtag(reply, await updateCase({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), update: req.body }, ctxOf(req, deps)));
  });

  r.post('/api/cases/:id/members', { schema: { tags, summary: 'Add a household member (If-Match: the case ETag; Idempotency-Key accepted)', params: idParams, body: addMemberBody, response: { 201: caseView } }, config: { permission: 'case.update' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'case.update');
    const expected = expectedVersion(req, req.params.id);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: withEtag(reply, await addMember({ caseId: req.params.id, expectedVersion: expected, member: req.body }, ctxOf(req, txDeps))) }));
  });

  r.patch('/api/cases/:id/persons/:childId', { schema: { tags, summary: 'Correct a household member’s details (If-Match: the person’s ETag)', params: caseChildParams, body: personPatch, response: { 200: caseView } }, config: { permission: 'case.update' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'case.update');
    const view = await updatePerson({ caseId: req.params.id, personId: req.params.childId, expectedVersion: expectedVersion(req, req.params.childId), patch: req.body }, ctxOf(req, deps));
    return withEtag(reply, view);
  });

  r.post('/api/cases/:id/transitions', { schema: { tags, summary: 'Move a case to another stage (If-Match)', params: idParams, body: transitionBody, response: { 200: caseView } }, config: { permission: 'case.transition' } }, async (req, reply) => {
    return withEtag(reply, await transitionCase({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), ...req.body }, ctxOf(req, deps)));
  });

  r.get('/api/cases/:id/history', { schema: { tags, summary: 'Stage history and audit events of a case', params: idParams, response: { 200: caseHistoryView } }, config: { permission: 'case.read' } },
    async (req) => caseHistory({ caseId: req.params.id }, ctxOf(req, deps)));

  r.get('/api/cases/:id/summary', { schema: { tags, summary: 'The printable summary of a case (audited each time)', params: idParams, response: { 200: caseSummaryPrintView } }, config: { permission: 'case.read' } },
    async (req) => printCaseSummary({ caseId: req.params.id }, ctxOf(req, deps)));

  r.get('/api/cases/:id/notes', { schema: { tags, summary: 'Notes of a case', params: idParams, response: { 200: itemsOf(noteView) } }, config: { permission: 'case.read' } },
    async (req) => listNotes({ caseId: req.params.id }, ctxOf(req, deps)));
  r.post('/api/cases/:id/notes', { schema: { tags, summary: 'Add a note', params: idParams, body: noteBody, response: { 201: noteView } }, config: { permission: 'case.note.write' } }, async (req, reply) => {
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addNote({ caseId: req.params.id, ...req.body }, ctxOf(req, txDeps)) }));
  });

  r.get('/api/cases/:id/attachments', { schema: { tags, summary: 'Attachments of a case', params: idParams, response: { 200: itemsOf(attachmentView) } }, config: { permission: 'case.read' } },
    async (req) => listAttachments({ caseId: req.params.id }, ctxOf(req, deps)));
  r.post('/api/cases/:id/attachments', {
    schema: { tags, summary: 'Attach a file (multipart: field "file", optional field "description")', params: idParams, consumes: ['multipart/form-data'], response: { 201: attachmentView } },
    config: { permission: 'case.attachment.write' },
  }, async (req, reply) => {
    requirePermission(actorOf(req), 'case.attachment.write');
    const upload = await readUpload(req, deps.config.attachmentMaxBytes);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addAttachment({ caseId: req.params.id, file: upload }, ctxOf(req, txDeps)) }), {
      fingerprintBody: uploadFingerprint(upload),
    });
  });
  r.get('/api/cases/:id/attachments/:childId', { schema: { tags, summary: 'Download an attachment (audited)', params: caseChildParams }, config: { permission: 'case.read' } }, async (req, reply) => {
    const file = await downloadAttachment({ caseId: req.params.id, attachmentId: req.params.childId }, ctxOf(req, deps));
    reply
      .header('content-type', file.content_type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
      .header('cache-control', 'no-store');
    return reply.send(file.content);
  });

  r.get('/api/saved-filters', { schema: { tags, summary: 'My saved case-list filters', response: { 200: itemsOf(savedFilterView) } }, config: { permission: 'case.read' } }, async (req) => listSavedFilters({}, ctxOf(req, deps)));
  r.post('/api/saved-filters', { schema: { tags, summary: 'Save a case-list filter', body: savedFilterBody, response: { 201: savedFilterView } }, config: { permission: 'case.read' } }, async (req, reply) => {
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await saveFilter(req.body, ctxOf(req, txDeps)) }));
  });
  r.delete('/api/saved-filters/:id', { schema: { tags, summary: 'Delete a saved filter', params: z.strictObject({ id: uuid }), response: { 204: z.null() } }, config: { permission: 'case.read' } }, async (req, reply) => {
    await deleteSavedFilter({ id: req.params.id }, ctxOf(req, deps));
    reply.status(204);
  });
}

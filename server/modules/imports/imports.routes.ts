import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import {
  duplicateDecisionBody, duplicatePage, duplicateParams, duplicateQuery, duplicateView, filePreview, importFileView, mappingBody, mappingList, mappingListQuery, mappingView, reportPage as reportPageView, reportQuery, runBody, runList, runView, uploadQuery,
} from '../../../shared/schemas/imports.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, idempotent, typed, type Deps } from '../../platform/http.js';
import { sendJob } from '../../platform/jobs.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { CSV_CONTENT_TYPE } from '../../platform/spreadsheet.js';
import { errors } from './imports.errors.js';
import { decideDuplicate, listDuplicates } from './duplicates.js';
import { previewFile } from './file-preview.js';
import { listMappings, saveMapping } from './mappings.js';
import { reportCsv, reportPage } from './report.js';
import { IMPORT_QUEUE } from './run-import.js';
import { cancelRun, getRun, listRuns, startRun } from './runs.js';
import { discardImportFile, receiveImportFile, recordImportFile } from './upload-file.js';

const permission = 'import.run';

export function importsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['imports'];

  r.post('/api/imports/files', {
    schema: {
      tags, summary: 'Upload a legacy caseload CSV or Excel workbook (.xlsx, first sheet) (multipart field "file"), streamed to disk; answers the detected encoding, delimiter and header (Idempotency-Key accepted)',
      querystring: uploadQuery, consumes: ['multipart/form-data'], response: { 201: importFileView },
    },
    config: { permission },
  }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, permission);
    if (!req.isMultipart()) throw platformErrors.ATTACHMENT_MULTIPART_REQUIRED();
    let part;
    try {
      part = await req.file({ limits: { fileSize: deps.config.importMaxBytes, files: 1, fields: 0 } });
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 413) throw errors.IMPORT_FILE_TOO_LARGE();
      throw platformErrors.UPLOAD_INVALID();
    }
    if (!part) throw platformErrors.ATTACHMENT_MISSING({ field: 'file' });
    if (part.fieldname !== 'file') throw platformErrors.VALIDATION_FAILED(undefined, 'The file field must be named "file".');
    const file = part.file;
    const stored = await receiveImportFile(
      { officeId: req.query.officeId, fileName: part.filename, stream: file, truncated: () => file.truncated, dataDir: deps.config.dataDir, importMaxBytes: deps.config.importMaxBytes },
      ctxOf(req, deps),
    ).catch((err: unknown) => {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' || (err as { statusCode?: number }).statusCode === 413) throw errors.IMPORT_FILE_TOO_LARGE();
      throw err;
    });
    let recorded = false;
    try {
      const view = await idempotent(deps, req, reply, async (txDeps) => {
        const body = await recordImportFile(stored, ctxOf(req, txDeps));
        recorded = true;
        return { status: 201, body };
      }, { fingerprintBody: { fileName: stored.fileName, sha256: stored.sha256, officeId: stored.officeId } });
      return view;
    } finally {
      if (!recorded) await discardImportFile(stored);
    }
  });

  r.get('/api/imports/files/:id/preview', {
    schema: { tags, summary: 'The first rows of an uploaded file and the distinct values of each column (over its first rows), for the mapping', params: idParams, response: { 200: filePreview } },
    config: { permission },
  }, async (req) => previewFile({ fileId: req.params.id, dataDir: deps.config.dataDir }, ctxOf(req, deps)));

  r.get('/api/imports/mappings', { schema: { tags, summary: 'The mappings saved for an office', querystring: mappingListQuery, response: { 200: mappingList } }, config: { permission } },
    async (req) => listMappings(req.query, ctxOf(req, deps)));

  r.put('/api/imports/mappings', { schema: { tags, summary: 'Save a mapping under its name for an office (the same name replaces it)', body: mappingBody, response: { 200: mappingView } }, config: { permission } },
    async (req) => saveMapping(req.body, ctxOf(req, deps)));

  r.post('/api/imports/runs', {
    schema: { tags, summary: 'Start a dry run (validates every row, writes nothing) or an import of an uploaded file, as a background job (Idempotency-Key accepted)', body: runBody, response: { 201: runView } },
    config: { permission },
  }, async (req, reply) => {
    requirePermission(actorOf(req), permission);
    const view = await idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await startRun(req.body, ctxOf(req, txDeps)) }));
    if (reply.getHeader('idempotent-replay') !== 'true') await sendJob(IMPORT_QUEUE, { runId: view.id }, { singletonKey: view.id });
    return view;
  });

  r.get('/api/imports/runs', { schema: { tags, summary: 'Dry runs and imports of the offices in reach, newest first', response: { 200: runList } }, config: { permission } },
    async (req) => listRuns({}, ctxOf(req, deps)));

  r.get('/api/imports/runs/:id', { schema: { tags, summary: 'A run with its progress (rows done, total, rate, time left, status)', params: idParams, response: { 200: runView } }, config: { permission } },
    async (req) => getRun({ runId: req.params.id }, ctxOf(req, deps)));

  r.post('/api/imports/runs/:id/cancel', { schema: { tags, summary: 'Stop an import after its current batch (what is committed stays)', params: idParams, response: { 200: runView } }, config: { permission } },
    async (req) => cancelRun({ runId: req.params.id }, ctxOf(req, deps)));

  r.get('/api/imports/runs/:id/report', { schema: { tags, summary: 'The report of a run, row by row, in pages', params: idParams, querystring: reportQuery, response: { 200: reportPageView } }, config: { permission } },
    async (req) => reportPage({ runId: req.params.id, ...req.query }, ctxOf(req, deps)));

  r.get('/api/imports/runs/:id/report.csv', { schema: { tags, summary: 'The whole report of a run as CSV', params: idParams }, config: { permission } },
    async (req, reply) => {
      const lines = reportCsv({ runId: req.params.id }, ctxOf(req, deps));
      // Read the first chunk here, so that a run out of reach is a 404 and not a broken download.
      const first = await lines.next();
      const rest = Readable.from((async function* () { if (!first.done) yield first.value; yield* lines; })());
      return reply.header('content-type', CSV_CONTENT_TYPE).header('content-disposition', `attachment; filename="import-${req.params.id}.csv"`).send(rest);
    });

  r.get('/api/imports/runs/:id/duplicates', {
    schema: { tags, summary: 'The imported persons of a run who look like persons already in Homeward, with their candidates and the decisions made', params: idParams, querystring: duplicateQuery, response: { 200: duplicatePage } },
    config: { permission },
  }, async (req) => listDuplicates({ runId: req.params.id, ...req.query }, ctxOf(req, deps)));

  r.put('/api/imports/runs/:id/duplicates/:line', {
    schema: { tags, summary: 'Record whether an imported person and a candidate are the same person (linked for review, never merged) or not', params: duplicateParams, body: duplicateDecisionBody, response: { 200: duplicateView } },
    config: { permission },
  }, async (req) => decideDuplicate({ runId: req.params.id, line: req.params.line, ...req.body }, ctxOf(req, deps)));
}

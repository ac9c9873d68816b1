import type { FastifyInstance } from 'fastify';
import {
  createDraftBody, instrumentList, instrumentParams, instrumentVersionView, scoreBody, scoreView, updateDraftBody, versionParams,
} from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { INSTRUMENT_READERS } from './access.js';
import { createInstrumentDraft } from './create-instrument-draft.js';
import { getInstrumentVersion } from './get-instrument-version.js';
import { listInstruments } from './list-instruments.js';
import { publishInstrumentVersion } from './publish-instrument-version.js';
import { scoreWithVersion } from './score-answers.js';
import { updateInstrumentDraft } from './update-instrument-draft.js';

export function monitoringRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['monitoring'];
  const readers = [...INSTRUMENT_READERS];

  r.get('/api/monitoring/instruments', { schema: { tags, summary: 'Survey instruments with their versions', response: { 200: instrumentList } }, config: { permission: readers } },
    async (req) => listInstruments({}, ctxOf(req, deps)));

  r.get('/api/monitoring/instrument-versions/:versionId', { schema: { tags, summary: 'One instrument version with its definition', params: versionParams, response: { 200: instrumentVersionView } }, config: { permission: readers } },
    async (req, reply) => withEtag(reply, await getInstrumentVersion({ versionId: req.params.versionId }, ctxOf(req, deps))));

  r.post('/api/monitoring/instruments/:instrumentId/drafts', {
    schema: { tags, summary: 'Create the draft version: the definition sent, or a copy of the latest published version (Idempotency-Key accepted)', params: instrumentParams, body: createDraftBody, response: { 201: instrumentVersionView } },
    config: { permission: 'monitoring.instrument.manage' },
  }, async (req, reply) => {
    requirePermission(actorOf(req), 'monitoring.instrument.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await createInstrumentDraft({ instrumentId: req.params.instrumentId, ...req.body }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.put('/api/monitoring/instrument-versions/:versionId', { schema: { tags, summary: 'Replace a draft’s definition (If-Match)', params: versionParams, body: updateDraftBody, response: { 200: instrumentVersionView } }, config: { permission: 'monitoring.instrument.manage' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'monitoring.instrument.manage');
      const { versionId } = req.params;
      return withEtag(reply, await updateInstrumentDraft({ versionId, expectedVersion: expectedVersion(req, versionId), ...req.body }, ctxOf(req, deps)));
    });

  r.post('/api/monitoring/instrument-versions/:versionId/publish', { schema: { tags, summary: 'Publish a draft: it never changes afterwards (If-Match)', params: versionParams, response: { 200: instrumentVersionView } }, config: { permission: 'monitoring.instrument.manage' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'monitoring.instrument.manage');
      const { versionId } = req.params;
      return withEtag(reply, await publishInstrumentVersion({ versionId, expectedVersion: expectedVersion(req, versionId) }, ctxOf(req, deps)));
    });

  r.post('/api/monitoring/instrument-versions/:versionId/score', { schema: { tags, summary: 'Score answers against a version without saving them', params: versionParams, body: scoreBody, response: { 200: scoreView } }, config: { permission: readers } },
    async (req) => scoreWithVersion({ versionId: req.params.versionId, answers: req.body.answers }, ctxOf(req, deps)));
}

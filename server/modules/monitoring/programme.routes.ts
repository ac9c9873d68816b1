import type { FastifyInstance } from 'fastify';
import { monitoringFeedbackView, scoreSummaryQuery, scoreSummaryView } from '../../../shared/schemas/monitoring-programme.js';
import { caseParams } from '../../../shared/schemas/monitoring.js';
import { ctxOf, typed, type Deps } from '../../platform/http.js';
import { monitoringFeedback } from './monitoring-feedback.js';
import { SCORE_SUMMARY_READERS, scoreSummary } from './score-summary.js';

/** The programme's view of sustainability scores, and the monitoring outcome fed back to the host office. */
export function monitoringProgrammeRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['monitoring'];

  r.get('/api/monitoring/score-summary', {
    schema: { tags, summary: 'Scored returnees and mean/median scores per country, project or arrival quarter, under one instrument version (small counts withheld for those who open no case)', querystring: scoreSummaryQuery, response: { 200: scoreSummaryView } },
    config: { permission: [...SCORE_SUMMARY_READERS] },
  }, async (req) => scoreSummary(req.query, ctxOf(req, deps)));

  r.get('/api/cases/:caseId/monitoring/feedback', {
    schema: { tags, summary: 'The monitoring outcome for the host office that counselled the returnee, as consented at handover (no notes, next steps or answers)', params: caseParams, response: { 200: monitoringFeedbackView } },
    config: { permission: 'case.read' },
  }, async (req) => monitoringFeedback({ caseId: req.params.caseId }, ctxOf(req, deps)));
}

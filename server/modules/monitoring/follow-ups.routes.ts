import type { FastifyInstance } from 'fastify';
import {
  arrivalAssessmentBody, arrivalAssessmentParams, arrivalAssessmentView, caseArrivalAssessment, caseParams, completeFollowUpBody, followUpOfficersView, followUpParams, followUpView,
  reassignFollowUpBody, replaceArrivalAssessmentBody, rescheduleFollowUpBody,
} from '../../../shared/schemas/monitoring.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { can } from '../../platform/actor.js';
import { ARRIVAL_READERS, ARRIVAL_RECORDERS, getArrivalAssessment, recordArrivalAssessment, replaceArrivalAssessment } from './arrival-assessment.js';
import { completeFollowUp, FOLLOW_UP_CHANGERS, listFollowUpOfficers, reassignFollowUp, rescheduleFollowUp } from './follow-ups.js';

const requireAny = (req: Parameters<typeof actorOf>[0], list: readonly string[]) => {
  const actor = actorOf(req);
  if (!list.some((p) => can(actor, p as never))) throw platformErrors.FORBIDDEN({ permission: [...list] });
};

/** Follow-ups done, reassigned and rescheduled (If-Match: `"<followUpId>.<version>"`); the arrival assessment. */
export function followUpAndArrivalRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['monitoring'];
  const changers = [...FOLLOW_UP_CHANGERS];

  r.post('/api/monitoring/follow-ups/:followUpId/completion', {
    schema: { tags, summary: 'Mark a follow-up done with its outcome; a referral names the provider or the protection measure (If-Match; owner or office manager)', params: followUpParams, body: completeFollowUpBody, response: { 200: followUpView } },
    config: { permission: changers },
  }, async (req, reply) => {
    requireAny(req, changers);
    const { followUpId } = req.params;
    return withEtag(reply, await completeFollowUp({ followUpId, expectedVersion: expectedVersion(req, followUpId), body: req.body }, ctxOf(req, deps)));
  });

  r.put('/api/monitoring/follow-ups/:followUpId/owner', {
    schema: { tags, summary: 'Give a follow-up to another officer of the case’s office (If-Match; owner or office manager)', params: followUpParams, body: reassignFollowUpBody, response: { 200: followUpView } },
    config: { permission: changers },
  }, async (req, reply) => {
    requireAny(req, changers);
    const { followUpId } = req.params;
    return withEtag(reply, await reassignFollowUp({ followUpId, expectedVersion: expectedVersion(req, followUpId), ownerId: req.body.ownerId }, ctxOf(req, deps)));
  });

  r.put('/api/monitoring/follow-ups/:followUpId/due-date', {
    schema: { tags, summary: 'Move a follow-up’s due date with a reason (If-Match; owner or office manager)', params: followUpParams, body: rescheduleFollowUpBody, response: { 200: followUpView } },
    config: { permission: changers },
  }, async (req, reply) => {
    requireAny(req, changers);
    const { followUpId } = req.params;
    return withEtag(reply, await rescheduleFollowUp({ followUpId, expectedVersion: expectedVersion(req, followUpId), ...req.body }, ctxOf(req, deps)));
  });

  r.get('/api/cases/:caseId/monitoring/officers', {
    schema: { tags, summary: 'Officers of the case’s offices a follow-up may be given to', params: caseParams, response: { 200: followUpOfficersView } },
    config: { permission: changers },
  }, async (req) => listFollowUpOfficers({ caseId: req.params.caseId }, ctxOf(req, deps)));

  r.get('/api/cases/:caseId/arrival-assessment', {
    schema: { tags, summary: 'The case’s arrival assessment with its scores and weakest dimension, or none; the survey to answer for a recorder', params: caseParams, response: { 200: caseArrivalAssessment } },
    config: { permission: [...ARRIVAL_READERS] },
  }, async (req) => getArrivalAssessment({ caseId: req.params.caseId }, ctxOf(req, deps)));

  r.post('/api/cases/:caseId/arrival-assessment', {
    schema: { tags, summary: 'Record the arrival assessment, scored like a visit; once per case (Idempotency-Key accepted)', params: caseParams, body: arrivalAssessmentBody, response: { 201: arrivalAssessmentView } },
    config: { permission: [...ARRIVAL_RECORDERS] },
  }, async (req, reply) => {
    requireAny(req, ARRIVAL_RECORDERS);
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await recordArrivalAssessment({ caseId: req.params.caseId, body: req.body }, ctxOf(req, txDeps));
      return { status: 201, body: withEtag(reply, view) };
    });
  });

  r.put('/api/monitoring/arrival-assessments/:assessmentId', {
    schema: { tags, summary: 'Replace the arrival assessment with new answers and a reason; the old one is kept (If-Match)', params: arrivalAssessmentParams, body: replaceArrivalAssessmentBody, response: { 200: arrivalAssessmentView } },
    config: { permission: [...ARRIVAL_RECORDERS] },
  }, async (req, reply) => {
    requireAny(req, ARRIVAL_RECORDERS);
    const { assessmentId } = req.params;
    return withEtag(reply, await replaceArrivalAssessment({ assessmentId, expectedVersion: expectedVersion(req, assessmentId), body: req.body }, ctxOf(req, deps)));
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  caseMonitoringView, caseParams, caseScheduleBody, closeCaseBody, createDraftBody, instrumentList, instrumentParams, instrumentVersionView, jobParams, projectParams,
  projectScheduleBody, projectScheduleView, recordVisitBody, rescoreJobBody, rescoreJobView, rescoreVisitBody, scoreBody, scoreView, updateDraftBody, versionParams,
  visitParams, worklistQuery, worklistView, offlinePackQuery, offlinePackView, offlineRecordBody, offlineRecordResult,
} from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { sendJob } from '../../platform/jobs.js';
import { INSTRUMENT_READERS } from './access.js';
import { changeSchedule } from './change-schedule.js';
import { closeMonitoredCase } from './close-case.js';
import { getCaseMonitoring, MONITORING_READERS } from './get-case-monitoring.js';
import { getProjectSchedule } from './project-schedule.js';
import { recordVisit } from './record-visit.js';
import { getRescoreJob, listRescoreJobs, requestRescore } from './rescore-jobs.js';
import { rescoreVisit } from './rescore-visit.js';
import { setProjectSchedule } from './set-project-schedule.js';
import { loadVisit } from './visits.repo.js';
import { offlinePack } from './offline-pack.js';
import { applyOfflineRecord } from './apply-offline-record.js';
import { monitoringWorklist } from './worklist.js';
import { createInstrumentDraft } from './create-instrument-draft.js';
import { getInstrumentVersion } from './get-instrument-version.js';
import { listInstruments } from './list-instruments.js';
import { publishInstrumentVersion } from './publish-instrument-version.js';
import { scoreWithVersion } from './score-answers.js';
import { updateInstrumentDraft } from './update-instrument-draft.js';
import { followUpAndArrivalRoutes } from './follow-ups.routes.js';

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

  // ---- Schedules, visits, re-scoring, worklists ----
  r.get('/api/projects/:projectId/monitoring-schedule', { schema: { tags, summary: 'A project’s monitoring schedule, or the default (version 0)', params: projectParams, response: { 200: projectScheduleView } }, config: { permission: 'project.manage' } },
    async (req, reply) => withEtag(reply, await getProjectSchedule({ projectId: req.params.projectId }, ctxOf(req, deps))));

  r.put('/api/projects/:projectId/monitoring-schedule', { schema: { tags, summary: 'Set a project’s monitoring schedule (If-Match)', params: projectParams, body: projectScheduleBody, response: { 200: projectScheduleView } }, config: { permission: 'project.manage' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'project.manage');
      const { projectId } = req.params;
      return withEtag(reply, await setProjectSchedule({ projectId, expectedVersion: expectedVersion(req, projectId), ...req.body }, ctxOf(req, deps)));
    });

  r.get('/api/cases/:caseId/monitoring', { schema: { tags, summary: 'The case’s monitoring: schedule, visits with their scores, follow-ups', params: caseParams, response: { 200: caseMonitoringView } }, config: { permission: [...MONITORING_READERS] } },
    async (req, reply) => withEtag(reply, await getCaseMonitoring({ caseId: req.params.caseId }, ctxOf(req, deps))));

  r.put('/api/cases/:caseId/monitoring/schedule', { schema: { tags, summary: 'Change the case’s schedule with a reason (If-Match: the monitoring’s ETag)', params: caseParams, body: caseScheduleBody, response: { 200: caseMonitoringView } }, config: { permission: 'monitoring.visit.record' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'monitoring.visit.record');
      const { caseId } = req.params;
      return withEtag(reply, await changeSchedule({ caseId, expectedVersion: expectedVersion(req, caseId), ...req.body }, ctxOf(req, deps)));
    });

  r.put('/api/monitoring/visits/:visitId', { schema: { tags, summary: 'Record a planned visit with its outcome and survey (If-Match: "<visitId>.<version>")', params: visitParams, body: recordVisitBody, response: { 200: caseMonitoringView } }, config: { permission: 'monitoring.visit.record' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'monitoring.visit.record');
      const { visitId } = req.params;
      const ctx = ctxOf(req, deps);
      await recordVisit({ visitId, expectedVersion: expectedVersion(req, visitId), body: req.body }, ctx);
      const { case_id: caseId } = await loadVisit(deps.db, visitId);
      return withEtag(reply, await getCaseMonitoring({ caseId }, ctx));
    });

  r.post('/api/monitoring/visits/:visitId/scores', {
    schema: { tags, summary: 'Score a visit’s answers again under a newer published version; both scores stay (Idempotency-Key accepted)', params: visitParams, body: rescoreVisitBody, response: { 201: caseMonitoringView } },
    config: { permission: 'monitoring.visit.record' },
  }, async (req, reply) => {
    requirePermission(actorOf(req), 'monitoring.visit.record');
    return idempotent(deps, req, reply, async (txDeps) => {
      const ctx = ctxOf(req, txDeps);
      const { caseId } = await rescoreVisit({ visitId: req.params.visitId, instrumentVersionId: req.body.instrumentVersionId }, ctx);
      return { status: 201, body: withEtag(reply, await getCaseMonitoring({ caseId }, ctx)) };
    });
  });

  r.post('/api/cases/:caseId/monitoring/closing', { schema: { tags, summary: 'Close the case after its last scheduled visit, with a summary (If-Match: the monitoring’s ETag)', params: caseParams, body: closeCaseBody, response: { 200: caseMonitoringView } }, config: { permission: 'case.close' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'case.close');
      const { caseId } = req.params;
      const ctx = ctxOf(req, deps);
      await closeMonitoredCase({ caseId, expectedVersion: expectedVersion(req, caseId), summary: req.body.summary }, ctx);
      return withEtag(reply, await getCaseMonitoring({ caseId }, ctx));
    });

  r.get('/api/monitoring/worklist', { schema: { tags, summary: 'Visits due this week and overdue: the officer’s or the office’s', querystring: worklistQuery, response: { 200: worklistView } }, config: { permission: 'monitoring.visit.record' } },
    async (req) => monitoringWorklist({ scope: req.query.scope }, ctxOf(req, deps)));

  // ---- Offline work ----
  r.get('/api/monitoring/offline-pack', {
    schema: { tags, summary: 'The planned visits to take along offline, with what recording them needs (audited as a read of each case)', querystring: offlinePackQuery, response: { 200: offlinePackView } },
    config: { permission: 'monitoring.visit.record' },
  }, async (req) => offlinePack({ scope: req.query.scope }, ctxOf(req, deps)));

  r.post('/api/monitoring/visits/:visitId/offline-record', {
    schema: {
      tags, summary: 'Apply a visit recorded offline, once per clientId (a retry answers the stored result); 409 MONITORING_OFFLINE_CONFLICT when the visit changed since baseVersion',
      params: visitParams, body: offlineRecordBody, response: { 200: offlineRecordResult },
    },
    config: { permission: 'monitoring.visit.record' },
  }, async (req) => {
    requirePermission(actorOf(req), 'monitoring.visit.record');
    return applyOfflineRecord({ visitId: req.params.visitId, ...req.body }, ctxOf(req, deps));
  });

  r.post('/api/monitoring/rescore-jobs', {
    schema: { tags, summary: 'Re-score a cohort under a newer published version, in the background (Idempotency-Key accepted)', body: rescoreJobBody, response: { 201: rescoreJobView } },
    config: { permission: 'monitoring.instrument.manage' },
  }, async (req, reply) => {
    requirePermission(actorOf(req), 'monitoring.instrument.manage');
    const view = await idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await requestRescore(req.body, ctxOf(req, txDeps)) }));
    // Worked now rather than at the next minute's round, so that the manager sees it progress.
    if (reply.getHeader('idempotent-replay') !== 'true') await sendJob('monitoring.rescore', {}, { singletonKey: view.id });
    return view;
  });

  r.get('/api/monitoring/rescore-jobs', { schema: { tags, summary: 'Re-scorings with their progress', response: { 200: z.object({ items: z.array(rescoreJobView) }) } }, config: { permission: 'monitoring.instrument.manage' } },
    async (req) => listRescoreJobs({}, ctxOf(req, deps)));

  r.get('/api/monitoring/rescore-jobs/:jobId', { schema: { tags, summary: 'One re-scoring with its progress (done/total)', params: jobParams, response: { 200: rescoreJobView } }, config: { permission: 'monitoring.instrument.manage' } },
    async (req) => getRescoreJob({ jobId: req.params.jobId }, ctxOf(req, deps)));

  followUpAndArrivalRoutes(app, deps);
}

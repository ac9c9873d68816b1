import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import { projectIdParams } from '../../../shared/schemas/finance.js';
import {
  caseComponentParams, caseConditionParams, communityDisbursementBody, communityDisbursementList, communityDisbursementParams, communityDisbursementView, caseCostView, caseDisbursementParams, casePaymentsView, caseTrancheParams, conditionMetBody, disbursementBody,
  disbursementView, projectLocationParams, queueQuery, queueView, reasonBody, receiptBody, scheduleBody, scheduleProposal, thresholdBody, thresholdView,
  unsafeAreaBody, unsafeLocationBody, unsafeLocationList, unsafeLocationView,
} from '../../../shared/schemas/payments.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, idempotent, readUpload, typed, uploadFingerprint, type Deps } from '../../platform/http.js';
import { addReceipt } from './add-receipt.js';
import { addUnsafeLocation } from './add-unsafe-location.js';
import { approveDisbursement } from './approve-disbursement.js';
import { caseCost } from './case-cost.js';
import { COMMUNITY_PAYMENT_READERS } from './community-disbursements.repo.js';
import { addCommunityReceipt } from './community-receipt.js';
import { decideCommunityDisbursement } from './decide-community-disbursement.js';
import { listCommunityDisbursements } from './list-community-disbursements.js';
import { recordCommunityDisbursement } from './record-community-disbursement.js';
import { reverseCommunityDisbursement } from './reverse-community-disbursement.js';
import { disbursementQueue } from './disbursement-queue.js';
import { getCasePayments } from './get-case-payments.js';
import { getThreshold, THRESHOLD_READERS } from './get-threshold.js';
import { listUnsafeLocations } from './list-unsafe-locations.js';
import { meetCondition } from './meet-condition.js';
import { PAYMENT_READERS } from './payments.repo.js';
import { errors } from './payments.errors.js';
import { proposeSchedule } from './propose-schedule.js';
import { recordDisbursementUseCase } from './record-disbursement.js';
import { rejectDisbursement } from './reject-disbursement.js';
import { releaseTranche } from './release-tranche.js';
import { removeUnsafeLocation } from './remove-unsafe-location.js';
import { reverseDisbursementUseCase } from './reverse-disbursement.js';
import { setSchedule } from './set-schedule.js';
import { setThreshold } from './set-threshold.js';
import { setUnsafeArea } from './set-unsafe-area.js';
import { waiveReceipt } from './waive-receipt.js';

export function paymentsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['payments'];
  const base = '/api/cases/:id';

  r.get(`${base}/payments`, { schema: { tags, summary: 'The case’s tranches with their conditions, disbursements with receipts and reversals, and the unsafe-area flag', params: idParams, response: { 200: casePaymentsView } }, config: { permission: [...PAYMENT_READERS] } },
    async (req) => getCasePayments({ caseId: req.params.id }, ctxOf(req, deps)));

  r.get(`${base}/cost`, { schema: { tags, summary: 'What the case cost: paid disbursements and travel payments per currency and in the project’s currency', params: idParams, response: { 200: caseCostView } }, config: { permission: [...PAYMENT_READERS] } },
    async (req) => caseCost({ caseId: req.params.id }, ctxOf(req, deps)));

  r.get(`${base}/components/:componentId/tranche-proposal`, { schema: { tags, summary: 'The default tranches of a component (two, or one when the case is unsafe to revisit)', params: caseComponentParams, response: { 200: scheduleProposal } }, config: { permission: [...PAYMENT_READERS] } },
    async (req) => proposeSchedule({ caseId: req.params.id, componentId: req.params.componentId }, ctxOf(req, deps)));

  r.put(`${base}/components/:componentId/tranches`, { schema: { tags, summary: 'Set the tranches of a component not released yet (planned or in progress)', params: caseComponentParams, body: scheduleBody, response: { 200: casePaymentsView } }, config: { permission: 'reintegration.plan' } },
    async (req) => setSchedule({ caseId: req.params.id, componentId: req.params.componentId, schedule: req.body }, ctxOf(req, deps)));

  r.post(`${base}/tranches/:trancheId/conditions/:conditionId/met`, { schema: { tags, summary: 'A condition of a tranche is met (who and when are kept, with an optional note)', params: caseConditionParams, body: conditionMetBody, response: { 200: casePaymentsView } }, config: { permission: 'reintegration.plan' } },
    async (req) => meetCondition({ caseId: req.params.id, trancheId: req.params.trancheId, conditionId: req.params.conditionId, note: req.body.note }, ctxOf(req, deps)));

  r.post(`${base}/tranches/:trancheId/release`, { schema: { tags, summary: 'Release a tranche whose conditions are all met', params: caseTrancheParams, response: { 200: casePaymentsView } }, config: { permission: 'reintegration.plan' } },
    async (req) => releaseTranche({ caseId: req.params.id, trancheId: req.params.trancheId }, ctxOf(req, deps)));

  r.post(`${base}/disbursements`, { schema: { tags, summary: 'Record a payment against a released tranche (Idempotency-Key required: one payment per key)', params: idParams, body: disbursementBody, response: { 200: disbursementView, 201: disbursementView } }, config: { permission: 'disbursement.record' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'disbursement.record');
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key.trim()) throw errors.DISBURSEMENT_KEY_REQUIRED();
      return idempotent(deps, req, reply, async (txDeps) => {
        const result = await recordDisbursementUseCase({ caseId: req.params.id, requestKey: key, input: req.body }, ctxOf(req, txDeps));
        return { status: result.created ? 201 : 200, body: result.view };
      });
    });

  const decision = (path: string, summary: string, permission: 'disbursement.approve' | 'disbursement.record') => ({ path: `${base}/disbursements/:disbursementId/${path}`, summary, permission });
  const approve = decision('approve', 'Approve a payment above the office’s threshold (not one’s own)', 'disbursement.approve');
  r.post(approve.path, { schema: { tags, summary: approve.summary, params: caseDisbursementParams, response: { 200: disbursementView } }, config: { permission: approve.permission } },
    async (req) => approveDisbursement({ caseId: req.params.id, disbursementId: req.params.disbursementId }, ctxOf(req, deps)));
  const reject = decision('reject', 'Reject a payment waiting for approval, with the reason (not one’s own)', 'disbursement.approve');
  r.post(reject.path, { schema: { tags, summary: reject.summary, params: caseDisbursementParams, body: reasonBody, response: { 200: disbursementView } }, config: { permission: reject.permission } },
    async (req) => rejectDisbursement({ caseId: req.params.id, disbursementId: req.params.disbursementId, reason: req.body.reason }, ctxOf(req, deps)));
  const receipt = decision('receipts', 'Link a receipt (an attachment of the case) to a paid payment', 'disbursement.record');
  r.post(receipt.path, { schema: { tags, summary: receipt.summary, params: caseDisbursementParams, body: receiptBody, response: { 200: disbursementView } }, config: { permission: receipt.permission } },
    async (req) => addReceipt({ caseId: req.params.id, disbursementId: req.params.disbursementId, attachmentId: req.body.attachmentId }, ctxOf(req, deps)));
  const waive = decision('waive', 'Waive the receipt of a paid payment, with the reason', 'disbursement.approve');
  r.post(waive.path, { schema: { tags, summary: waive.summary, params: caseDisbursementParams, body: reasonBody, response: { 200: disbursementView } }, config: { permission: waive.permission } },
    async (req) => waiveReceipt({ caseId: req.params.id, disbursementId: req.params.disbursementId, reason: req.body.reason }, ctxOf(req, deps)));
  const reverse = decision('reverse', 'Reverse a mistaken payment with the reason (a new entry; nothing is edited)', 'disbursement.approve');
  r.post(reverse.path, { schema: { tags, summary: reverse.summary, params: caseDisbursementParams, body: reasonBody, response: { 200: disbursementView } }, config: { permission: reverse.permission } },
    async (req) => reverseDisbursementUseCase({ caseId: req.params.id, disbursementId: req.params.disbursementId, reason: req.body.reason }, ctxOf(req, deps)));

  r.put(`${base}/unsafe-area`, { schema: { tags, summary: 'Flag the case’s place of return as unsafe to revisit (with the reason), or clear the flag', params: idParams, body: unsafeAreaBody, response: { 200: casePaymentsView } }, config: { permission: 'reintegration.plan' } },
    async (req) => setUnsafeArea({ caseId: req.params.id, change: req.body }, ctxOf(req, deps)));

  r.get('/api/projects/:projectId/unsafe-locations', { schema: { tags, summary: 'A project’s places unsafe to revisit', params: projectIdParams, response: { 200: unsafeLocationList } }, config: { permission: 'project.manage' } },
    async (req) => listUnsafeLocations({ projectId: req.params.projectId }, ctxOf(req, deps)));
  r.post('/api/projects/:projectId/unsafe-locations', { schema: { tags, summary: 'Mark a place of a project unsafe to revisit (Idempotency-Key accepted)', params: projectIdParams, body: unsafeLocationBody, response: { 201: unsafeLocationView } }, config: { permission: 'project.manage' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'project.manage');
      return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await addUnsafeLocation({ projectId: req.params.projectId, location: req.body }, ctxOf(req, txDeps)) }));
    });
  r.delete('/api/projects/:projectId/unsafe-locations/:locationId', { schema: { tags, summary: 'A place of a project is no longer unsafe to revisit', params: projectLocationParams, response: { 200: unsafeLocationList } }, config: { permission: 'project.manage' } },
    async (req) => removeUnsafeLocation({ projectId: req.params.projectId, locationId: req.params.locationId }, ctxOf(req, deps)));

  r.get('/api/offices/:id/disbursement-threshold', { schema: { tags, summary: 'An office’s disbursement approval threshold', params: idParams, response: { 200: thresholdView } }, config: { permission: [...THRESHOLD_READERS] } },
    async (req) => getThreshold({ officeId: req.params.id }, ctxOf(req, deps)));
  r.put('/api/offices/:id/disbursement-threshold', { schema: { tags, summary: 'Set an office’s disbursement approval threshold: above it a second person approves', params: idParams, body: thresholdBody, response: { 200: thresholdView } }, config: { permission: 'finance.manage' } },
    async (req) => setThreshold({ officeId: req.params.id, threshold: req.body }, ctxOf(req, deps)));

  // A community project's spending, through the same money rules as a case's payments.
  const cp = '/api/community-projects/:id/disbursements';
  r.get(cp, { schema: { tags, summary: 'A community project’s payments, with its budget and what is paid and awaiting approval in its currency', params: idParams, response: { 200: communityDisbursementList } }, config: { permission: [...COMMUNITY_PAYMENT_READERS] } },
    async (req) => listCommunityDisbursements({ projectId: req.params.id }, ctxOf(req, deps)));
  r.post(cp, { schema: { tags, summary: 'Record a payment of a community project to a provider or a partner (Idempotency-Key required: one payment per key)', params: idParams, body: communityDisbursementBody, response: { 200: communityDisbursementView, 201: communityDisbursementView } }, config: { permission: 'disbursement.record' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'disbursement.record');
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key.trim()) throw errors.DISBURSEMENT_KEY_REQUIRED();
      return idempotent(deps, req, reply, async (txDeps) => {
        const result = await recordCommunityDisbursement({ projectId: req.params.id, requestKey: key, input: req.body }, ctxOf(req, txDeps));
        return { status: result.created ? 201 : 200, body: result.view };
      });
    });
  const one = `${cp}/:disbursementId`;
  r.post(`${one}/approve`, { schema: { tags, summary: 'Approve a community project’s payment above the office’s threshold (not one’s own)', params: communityDisbursementParams, response: { 200: communityDisbursementView } }, config: { permission: 'disbursement.approve' } },
    async (req) => decideCommunityDisbursement({ projectId: req.params.id, disbursementId: req.params.disbursementId, decision: 'approved' }, ctxOf(req, deps)));
  r.post(`${one}/reject`, { schema: { tags, summary: 'Reject a community project’s payment waiting for approval, with the reason (not one’s own)', params: communityDisbursementParams, body: reasonBody, response: { 200: communityDisbursementView } }, config: { permission: 'disbursement.approve' } },
    async (req) => decideCommunityDisbursement({ projectId: req.params.id, disbursementId: req.params.disbursementId, decision: 'rejected', reason: req.body.reason }, ctxOf(req, deps)));
  r.post(`${one}/receipts`, { schema: { tags, summary: 'Attach the receipt of a community project’s paid payment (multipart: field "file")', params: communityDisbursementParams, consumes: ['multipart/form-data'], response: { 200: communityDisbursementView } }, config: { permission: 'disbursement.record' } },
    async (req, reply) => {
      requirePermission(actorOf(req), 'disbursement.record');
      const upload = await readUpload(req, deps.config.attachmentMaxBytes);
      return idempotent(deps, req, reply, async (txDeps) => ({
        status: 200, body: await addCommunityReceipt({ projectId: req.params.id, disbursementId: req.params.disbursementId, receipt: { fileName: upload.fileName, content: upload.content } }, ctxOf(req, txDeps)),
      }), { fingerprintBody: uploadFingerprint(upload) });
    });
  r.post(`${one}/waive`, { schema: { tags, summary: 'Waive the receipt of a community project’s paid payment, with the reason', params: communityDisbursementParams, body: reasonBody, response: { 200: communityDisbursementView } }, config: { permission: 'disbursement.approve' } },
    async (req) => addCommunityReceipt({ projectId: req.params.id, disbursementId: req.params.disbursementId, receipt: { waiverReason: req.body.reason } }, ctxOf(req, deps)));
  r.post(`${one}/reverse`, { schema: { tags, summary: 'Reverse a community project’s mistaken payment with the reason (a new entry; nothing is edited)', params: communityDisbursementParams, body: reasonBody, response: { 200: communityDisbursementView } }, config: { permission: 'disbursement.approve' } },
    async (req) => reverseCommunityDisbursement({ projectId: req.params.id, disbursementId: req.params.disbursementId, reason: req.body.reason }, ctxOf(req, deps)));

  r.get('/api/disbursements/queue', { schema: { tags, summary: 'Due tranches, payments awaiting approval and payments missing receipts, in the actor’s scope, in pages', querystring: queueQuery, response: { 200: queueView } }, config: { permission: ['disbursement.record', 'disbursement.approve'] } },
    async (req) => disbursementQueue(req.query, ctxOf(req, deps)));
}

import type { FastifyInstance } from 'fastify';
import { caseChildParams } from '../../../shared/schemas/cases.js';
import { idParams } from '../../../shared/schemas/common.js';
import { agreementBody, approvalBody, componentBody, componentStatusBody, planBudgetLinesView, planView } from '../../../shared/schemas/reintegration.js';
import { ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { addComponent } from './add-component.js';
import { planBudgetLines } from './plan-budget-lines.js';
import { approvePlan } from './approve-plan.js';
import { planOverview } from './plan-overview.js';
import { proposePlanChange } from './propose-change.js';
import { recordAgreement } from './record-agreement.js';
import { removeComponent } from './remove-component.js';
import { setComponentStatus } from './set-component-status.js';
import { updateComponent } from './update-component.js';

export function reintegrationRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['reintegration'];
  /** Every write answers the plan as it now is, with the case's new ETag. */
  const overview = (ctx: UseCaseContext, caseId: string) => planOverview({ caseId }, ctx);
  const base = '/api/cases/:id/reintegration-plan';

  r.get(base, { schema: { tags, summary: 'The case’s reintegration plan: approved version, draft and every version', params: idParams, response: { 200: planView } }, config: { permission: 'case.read' } },
    async (req, reply) => withEtag(reply, await overview(ctxOf(req, deps), req.params.id)));

  r.post(`${base}/components`, { schema: { tags, summary: 'Add a component to the draft; the first starts the plan (If-Match: the case ETag; Idempotency-Key accepted)', params: idParams, body: componentBody, response: { 201: planView } }, config: { permission: 'reintegration.plan' } },
    async (req, reply) => {
      const version = expectedVersion(req, req.params.id);
      const view = await idempotent(deps, req, reply, async (txDeps) => {
        const ctx = ctxOf(req, txDeps);
        await addComponent({ caseId: req.params.id, expectedVersion: version, component: req.body }, ctx);
        return { status: 201, body: await overview(ctx, req.params.id) };
      });
      return withEtag(reply, view);
    });

  r.put(`${base}/components/:childId`, { schema: { tags, summary: 'Change a component of the draft (If-Match: the case ETag)', params: caseChildParams, body: componentBody, response: { 200: planView } }, config: { permission: 'reintegration.plan' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await updateComponent({ caseId: req.params.id, componentId: req.params.childId, expectedVersion: expectedVersion(req, req.params.id), component: req.body }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.delete(`${base}/components/:childId`, { schema: { tags, summary: 'Remove a planned component from the draft (If-Match: the case ETag)', params: caseChildParams, response: { 200: planView } }, config: { permission: 'reintegration.plan' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await removeComponent({ caseId: req.params.id, componentId: req.params.childId, expectedVersion: expectedVersion(req, req.params.id) }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.put(`${base}/agreement`, { schema: { tags, summary: 'Record the returnee’s agreement to the draft (If-Match: the case ETag)', params: idParams, body: agreementBody, response: { 200: planView } }, config: { permission: 'reintegration.plan' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await recordAgreement({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), agreement: req.body }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.get(`${base}/budget-lines`, { schema: { tags, summary: 'The budget lines of the case’s project a component may draw on', params: idParams, response: { 200: planBudgetLinesView } }, config: { permission: 'reintegration.plan' } },
    async (req) => planBudgetLines({ caseId: req.params.id }, ctxOf(req, deps)));

  r.post(`${base}/approval`, { schema: { tags, summary: 'Approve the agreed draft; not by its author; checked against the entitlement and committed to the budget lines (If-Match: the case ETag)', params: idParams, body: approvalBody.nullish(), response: { 200: planView } }, config: { permission: 'reintegration.approve' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await approvePlan({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), approval: req.body ?? {} }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.post(`${base}/change`, { schema: { tags, summary: 'Propose a change of the approved plan: a draft copied from it (If-Match: the case ETag; Idempotency-Key accepted)', params: idParams, response: { 201: planView } }, config: { permission: 'reintegration.plan' } },
    async (req, reply) => {
      const version = expectedVersion(req, req.params.id);
      const view = await idempotent(deps, req, reply, async (txDeps) => {
        const ctx = ctxOf(req, txDeps);
        await proposePlanChange({ caseId: req.params.id, expectedVersion: version }, ctx);
        return { status: 201, body: await overview(ctx, req.params.id) };
      });
      return withEtag(reply, view);
    });

  r.put(`${base}/components/:childId/status`, { schema: { tags, summary: 'A component of the approved plan in progress, delivered or cancelled with a reason (If-Match: the case ETag)', params: caseChildParams, body: componentStatusBody, response: { 200: planView } }, config: { permission: 'reintegration.plan' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await setComponentStatus({ caseId: req.params.id, componentId: req.params.childId, expectedVersion: expectedVersion(req, req.params.id), change: req.body }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });
}

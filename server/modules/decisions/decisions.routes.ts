import type { FastifyInstance } from 'fastify';
import type { UseCaseContext } from '../../platform/use-case.js';
import { caseChildParams } from '../../../shared/schemas/cases.js';
import { idParams } from '../../../shared/schemas/common.js';
import {
  applicationDecisionBody, applicationQueue, applicationSearchBody, decisionsView, recordDecisionBody, travellingBody, withdrawalBody,
} from '../../../shared/schemas/decisions.js';
import { ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { applicationsToApprove } from './applications-to-approve.js';
import { decideApplication } from './decide-application.js';
import { decisionOverview } from './decision-overview.js';
import { recordDecision } from './record-decision.js';
import { setTravelling } from './set-travelling.js';
import { submitApplication } from './submit-application.js';
import { withdrawCase } from './withdraw-case.js';

export function decisionsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['decisions'];
  /** Every write answers the case's decisions as they now are, with the case's new ETag. */
  const overview = (ctx: UseCaseContext, caseId: string) => decisionOverview({ caseId }, ctx);

  r.get('/api/cases/:id/decisions', { schema: { tags, summary: 'Travelling members, their informed decisions (all versions), withdrawals and applications of a case', params: idParams, response: { 200: decisionsView } }, config: { permission: 'case.read' } },
    async (req, reply) => withEtag(reply, await overview(ctxOf(req, deps), req.params.id)));

  r.put('/api/cases/:id/members/:childId/travelling', { schema: { tags, summary: 'Whether a household member travels (If-Match: the case ETag; childId: the person)', params: caseChildParams, body: travellingBody, response: { 200: decisionsView } }, config: { permission: 'case.update' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await setTravelling({ caseId: req.params.id, personId: req.params.childId, expectedVersion: expectedVersion(req, req.params.id), travelling: req.body.travelling }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.post('/api/cases/:id/decisions', { schema: { tags, summary: 'Record the informed and voluntary decision of a travelling member (If-Match: the case ETag; Idempotency-Key accepted)', params: idParams, body: recordDecisionBody, response: { 201: decisionsView } }, config: { permission: 'decision.record' } },
    async (req, reply) => {
      const version = expectedVersion(req, req.params.id);
      const view = await idempotent(deps, req, reply, async (txDeps) => {
        const ctx = ctxOf(req, txDeps);
        await recordDecision({ caseId: req.params.id, expectedVersion: version, decision: req.body }, ctx);
        return { status: 201, body: await overview(ctx, req.params.id) };
      });
      return withEtag(reply, view);
    });

  r.post('/api/cases/:id/withdrawal', { schema: { tags, summary: 'The returnee withdraws, effective at once (If-Match: the case ETag)', params: idParams, body: withdrawalBody, response: { 200: decisionsView } }, config: { permission: 'case.transition' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await withdrawCase({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), reason: req.body.reason }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.post('/api/cases/:id/application', { schema: { tags, summary: 'Submit the application (If-Match: the case ETag)', params: idParams, response: { 200: decisionsView } }, config: { permission: 'application.submit' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await submitApplication({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id) }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.post('/api/cases/:id/application/decision', { schema: { tags, summary: 'Approve or reject the pending application; not by its submitter (If-Match: the case ETag)', params: idParams, body: applicationDecisionBody, response: { 200: decisionsView } }, config: { permission: 'case.approve' } },
    async (req, reply) => {
      const ctx = ctxOf(req, deps);
      await decideApplication({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), ...req.body }, ctx);
      return withEtag(reply, await overview(ctx, req.params.id));
    });

  r.post('/api/applications/search', { schema: { tags, summary: 'Applications awaiting approval in the actor’s scope (a POST so that names stay out of URLs)', body: applicationSearchBody, response: { 200: applicationQueue } }, config: { permission: 'case.approve' } },
    async (req) => applicationsToApprove(req.body, ctxOf(req, deps)));
}

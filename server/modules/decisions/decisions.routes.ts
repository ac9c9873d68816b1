import type { FastifyInstance } from 'fastify';
import { caseChildParams } from '../../../shared/schemas/cases.js';
import { idParams } from '../../../shared/schemas/common.js';
import {
  applicationDecisionBody, applicationQueue, applicationSearchBody, decisionsView, recordDecisionBody, travellingBody, withdrawalBody,
} from '../../../shared/schemas/decisions.js';
import { actorOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { applicationsToApprove } from './applications-to-approve.js';
import { decideApplication, decisionOverview, recordDecision, setTravelling, submitApplication, today, withdrawCase } from './decisions.js';

export function decisionsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const { db, clock } = deps;
  const tags = ['decisions'];
  /** Every write answers the case's decisions as they now are, with the case's new ETag. */
  const overview = (actor: ReturnType<typeof actorOf>, caseId: string, on = db) => decisionOverview(on, actor, caseId, today(clock));

  r.get('/api/cases/:id/decisions', { schema: { tags, summary: 'Travelling members, their informed decisions (all versions), withdrawals and applications of a case', params: idParams, response: { 200: decisionsView } }, config: { permission: 'case.read' } },
    async (req, reply) => withEtag(reply, await overview(actorOf(req), req.params.id)));

  r.put('/api/cases/:id/members/:childId/travelling', { schema: { tags, summary: 'Whether a household member travels (If-Match: the case ETag; childId: the person)', params: caseChildParams, body: travellingBody, response: { 200: decisionsView } }, config: { permission: 'case.update' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await setTravelling(actor, req.params.id, req.params.childId, expectedVersion(req, req.params.id), req.body.travelling, deps);
      return withEtag(reply, await overview(actor, req.params.id));
    });

  r.post('/api/cases/:id/decisions', { schema: { tags, summary: 'Record the informed and voluntary decision of a travelling member (If-Match: the case ETag; Idempotency-Key accepted)', params: idParams, body: recordDecisionBody, response: { 201: decisionsView } }, config: { permission: 'decision.record' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const version = expectedVersion(req, req.params.id);
      const view = await idempotent(deps, req, reply, async (txDeps) => {
        await recordDecision(actor, req.params.id, version, req.body, txDeps);
        return { status: 201, body: await overview(actor, req.params.id, txDeps.db) };
      });
      return withEtag(reply, view);
    });

  r.post('/api/cases/:id/withdrawal', { schema: { tags, summary: 'The returnee withdraws, effective at once (If-Match: the case ETag)', params: idParams, body: withdrawalBody, response: { 200: decisionsView } }, config: { permission: 'case.transition' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await withdrawCase(actor, req.params.id, expectedVersion(req, req.params.id), req.body, deps);
      return withEtag(reply, await overview(actor, req.params.id));
    });

  r.post('/api/cases/:id/application', { schema: { tags, summary: 'Submit the application (If-Match: the case ETag)', params: idParams, response: { 200: decisionsView } }, config: { permission: 'application.submit' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await submitApplication(actor, req.params.id, expectedVersion(req, req.params.id), deps);
      return withEtag(reply, await overview(actor, req.params.id));
    });

  r.post('/api/cases/:id/application/decision', { schema: { tags, summary: 'Approve or reject the pending application; not by its submitter (If-Match: the case ETag)', params: idParams, body: applicationDecisionBody, response: { 200: decisionsView } }, config: { permission: 'case.approve' } },
    async (req, reply) => {
      const actor = actorOf(req);
      await decideApplication(actor, req.params.id, expectedVersion(req, req.params.id), req.body, deps);
      return withEtag(reply, await overview(actor, req.params.id));
    });

  r.post('/api/applications/search', { schema: { tags, summary: 'Applications awaiting approval in the actor’s scope (a POST so that names stay out of URLs)', body: applicationSearchBody, response: { 200: applicationQueue } }, config: { permission: 'case.approve' } },
    async (req) => applicationsToApprove(actorOf(req), req.body, deps));
}

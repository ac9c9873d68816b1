import type { FastifyInstance } from 'fastify';
import { caseChildParams } from '../../../shared/schemas/cases.js';
import { idParams } from '../../../shared/schemas/common.js';
import { applicationDecisionBody, applicationSearchBody, recordDecisionBody, travellingBody, withdrawalBody } from '../../../shared/schemas/decisions.js';
import { actorOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { applicationsToApprove } from './applications-to-approve.js';
import { decideApplication, decisionOverview, recordDecision, setTravelling, submitApplication, withdrawCase } from './decisions.js';

export function decisionsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const { db, clock } = deps;
  const tags = ['decisions'];

  r.get('/api/cases/:id/decisions', { schema: { tags, summary: 'Travelling members, their informed decisions (all versions), withdrawals and applications of a case', params: idParams }, config: { permission: 'case.read' } },
    async (req, reply) => withEtag(reply, await decisionOverview(db, actorOf(req), req.params.id, clock.now().toISOString().slice(0, 10))));

  r.put('/api/cases/:id/members/:childId/travelling', { schema: { tags, summary: 'Whether a household member travels (If-Match: the case ETag; childId: the person)', params: caseChildParams, body: travellingBody }, config: { permission: 'case.update' } },
    async (req, reply) => withEtag(reply, await setTravelling(actorOf(req), req.params.id, req.params.childId, expectedVersion(req, req.params.id), req.body.travelling, deps)));

  r.post('/api/cases/:id/decisions', { schema: { tags, summary: 'Record the informed and voluntary decision of a travelling member (If-Match: the case ETag; Idempotency-Key accepted)', params: idParams, body: recordDecisionBody }, config: { permission: 'decision.record' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const version = expectedVersion(req, req.params.id);
      const view = await idempotent(db, req, reply, async () => ({ status: 201, body: await recordDecision(actor, req.params.id, version, req.body, deps) }));
      return withEtag(reply, view);
    });

  r.post('/api/cases/:id/withdrawal', { schema: { tags, summary: 'The returnee withdraws, effective at once (If-Match: the case ETag)', params: idParams, body: withdrawalBody }, config: { permission: 'case.transition' } },
    async (req, reply) => withEtag(reply, await withdrawCase(actorOf(req), req.params.id, expectedVersion(req, req.params.id), req.body, deps)));

  r.post('/api/cases/:id/application', { schema: { tags, summary: 'Submit the application (If-Match: the case ETag)', params: idParams }, config: { permission: 'application.submit' } },
    async (req, reply) => withEtag(reply, await submitApplication(actorOf(req), req.params.id, expectedVersion(req, req.params.id), deps)));

  r.post('/api/cases/:id/application/decision', { schema: { tags, summary: 'Approve or reject the pending application; not by its submitter (If-Match: the case ETag)', params: idParams, body: applicationDecisionBody }, config: { permission: 'case.approve' } },
    async (req, reply) => withEtag(reply, await decideApplication(actorOf(req), req.params.id, expectedVersion(req, req.params.id), req.body, deps)));

  r.post('/api/applications/search', { schema: { tags, summary: 'Applications awaiting approval in the actor’s scope (a POST so that names stay out of URLs)', body: applicationSearchBody }, config: { permission: 'case.approve' } },
    async (req) => applicationsToApprove(actorOf(req), req.body, deps));
}

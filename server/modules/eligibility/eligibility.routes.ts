import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { caseView } from '../../../shared/schemas/cases.js';
import { idParams, itemsOf } from '../../../shared/schemas/common.js';
import {
  assignProjectBody, caseEligibilityView, checkParams, checkRun, confirmCheckBody, hostArrivalBody, projectBody, projectListQuery, projectView, rulesBody,
  rulesView,
} from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { assignProject } from './assign-project.js';
import { caseEligibility } from './case-eligibility.js';
import { confirmCheck } from './confirm-check.js';
import { runCheck } from './run-check.js';
import { setHostArrivalDate } from './set-host-arrival-date.js';
import { createProject } from './create-project.js';
import { getProject } from './get-project.js';
import { listProjects } from './list-projects.js';
import { updateProject } from './update-project.js';
import { createDraft } from './create-rules-draft.js';
import { getRules } from './get-rules.js';
import { listRules } from './list-rules.js';
import { publishRules } from './publish-rules.js';
import { updateDraft } from './update-rules-draft.js';

export function eligibilityRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const projects = ['projects'];
  const tags = ['eligibility'];

  r.get('/api/projects', { schema: { tags: projects, summary: 'Projects (case staff see the active ones)', querystring: projectListQuery, response: { 200: itemsOf(projectView) } }, config: { permission: ['case.read', 'project.manage', 'statistics.read'] } },
    async (req) => listProjects({ status: req.query.status }, ctxOf(req, deps)));

  r.post('/api/projects', { schema: { tags: projects, summary: 'Create a project with its donors (Idempotency-Key accepted)', body: projectBody, response: { 201: projectView } }, config: { permission: 'project.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'project.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await createProject(req.body, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.get('/api/projects/:id', { schema: { tags: projects, summary: 'One project with its donors', params: idParams, response: { 200: projectView } }, config: { permission: ['case.read', 'project.manage'] } }, async (req, reply) =>
    withEtag(reply, await getProject({ projectId: req.params.id }, ctxOf(req, deps))));

  r.put('/api/projects/:id', { schema: { tags: projects, summary: 'Update a project and its donors (If-Match)', params: idParams, body: projectBody, response: { 200: projectView } }, config: { permission: 'project.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'project.manage');
    return withEtag(reply, await updateProject({ projectId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), project: req.body }, ctxOf(req, deps)));
  });

  r.get('/api/projects/:id/rules', { schema: { tags, summary: 'Eligibility rules versions of a project, newest first', params: idParams, response: { 200: itemsOf(rulesView) } }, config: { permission: 'project.manage' } },
    async (req) => listRules({ projectId: req.params.id }, ctxOf(req, deps)));

  r.post('/api/projects/:id/rules', {
    schema: { tags, summary: 'Start a new draft rules version (a copy of the latest one unless rules are given)', params: idParams, body: z.strictObject({ rules: rulesBody.optional() }), response: { 201: rulesView } },
    config: { permission: 'project.manage' },
  }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'project.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await createDraft({ projectId: req.params.id, rules: req.body.rules ?? null }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.get('/api/eligibility-rules/:id', { schema: { tags, summary: 'One rules version', params: idParams, response: { 200: rulesView } }, config: { permission: 'project.manage' } }, async (req, reply) =>
    withEtag(reply, await getRules({ rulesId: req.params.id }, ctxOf(req, deps))));

  r.put('/api/eligibility-rules/:id', { schema: { tags, summary: 'Edit a draft rules version (If-Match; published versions never change)', params: idParams, body: rulesBody, response: { 200: rulesView } }, config: { permission: 'project.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'project.manage');
    return withEtag(reply, await updateDraft({ rulesId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), rules: req.body }, ctxOf(req, deps)));
  });

  r.post('/api/eligibility-rules/:id/publish', { schema: { tags, summary: 'Publish a draft rules version (If-Match)', params: idParams, response: { 200: rulesView } }, config: { permission: 'project.manage' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'project.manage');
    return withEtag(reply, await publishRules({ rulesId: req.params.id, expectedVersion: expectedVersion(req, req.params.id) }, ctxOf(req, deps)));
  });

  r.get('/api/cases/:id/eligibility', { schema: { tags, summary: 'The case’s project, host arrival date and latest eligibility check (outdated when facts changed)', params: idParams, response: { 200: caseEligibilityView } }, config: { permission: 'case.read' } },
    async (req) => caseEligibility({ caseId: req.params.id }, ctxOf(req, deps)));

  r.put('/api/cases/:id/project', { schema: { tags, summary: 'Assign the case to a project (If-Match: the case ETag)', params: idParams, body: assignProjectBody, response: { 200: caseView } }, config: { permission: 'case.update' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'case.update');
    return withEtag(reply, await assignProject({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), projectId: req.body.projectId }, ctxOf(req, deps)));
  });

  r.put('/api/cases/:id/host-arrival-date', { schema: { tags, summary: 'Record when the household arrived in the host country (If-Match: the case ETag)', params: idParams, body: hostArrivalBody, response: { 200: caseView } }, config: { permission: 'case.update' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'case.update');
    return withEtag(reply, await setHostArrivalDate({ caseId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), hostArrivalDate: req.body.hostArrivalDate }, ctxOf(req, deps)));
  });

  r.post('/api/cases/:id/eligibility/checks', { schema: { tags, summary: 'Check the case against its project’s published rules', params: idParams, response: { 201: checkRun } }, config: { permission: 'eligibility.check' } }, async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'eligibility.check');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await runCheck({ caseId: req.params.id }, ctxOf(req, txDeps)) }));
  });

  r.post('/api/cases/:id/eligibility/checks/:childId/confirm', {
    schema: { tags, summary: 'Confirm the latest check, or override its outcome with a reason (audited)', params: checkParams, body: confirmCheckBody, response: { 200: caseEligibilityView } },
    config: { permission: 'eligibility.confirm' },
  }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'eligibility.confirm');
    return confirmCheck({ caseId: req.params.id, checkId: req.params.childId, confirmation: req.body }, ctxOf(req, deps));
  });
}

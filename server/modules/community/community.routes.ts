import type { FastifyInstance } from 'fastify';
import {
  attendanceBody, communityProjectBody, communityProjectPage, communityProjectView, communitySearchBody, communityStatusBody, completionBody, enrolBody,
  linkReturneeBody, participantParams, returneeParams, sessionBody, sessionParams, trainingBody, trainingListBody, trainingPage, trainingView,
} from '../../../shared/schemas/community.js';
import { idParams } from '../../../shared/schemas/common.js';
import { ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { changeCommunityStatus } from './change-community-status.js';
import { createCommunityProject } from './create-community-project.js';
import { createTraining } from './create-training.js';
import { enrol, unenrol } from './enrol.js';
import { getCommunityProject } from './get-community-project.js';
import { getTraining } from './get-training.js';
import { linkReturnee, unlinkReturnee } from './link-returnee.js';
import { listTrainings } from './list-trainings.js';
import { recordAttendance, setCompletion } from './record-attendance.js';
import { searchCommunityProjects } from './search-community-projects.js';
import { addSession, updateSession } from './training-sessions.js';
import { updateCommunityProject } from './update-community-project.js';
import { updateTraining } from './update-training.js';

export function communityRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['community'];
  const config = { permission: 'community.manage' as const };

  // ---- Community projects ----
  r.post('/api/community-projects/search', { schema: { tags, summary: 'Community projects of the reader’s reach, by status and office, paged', body: communitySearchBody, response: { 200: communityProjectPage } }, config },
    async (req) => searchCommunityProjects(req.body, ctxOf(req, deps)));

  r.post('/api/community-projects', { schema: { tags, summary: 'Create a community project (Idempotency-Key accepted)', body: communityProjectBody, response: { 201: communityProjectView } }, config }, async (req, reply) =>
    idempotent(deps, req, reply, async (txDeps) => {
      const view = await createCommunityProject(req.body, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    }));

  r.get('/api/community-projects/:id', { schema: { tags, summary: 'One community project with its partners and linked returnees', params: idParams, response: { 200: communityProjectView } }, config }, async (req, reply) =>
    withEtag(reply, await getCommunityProject({ id: req.params.id }, ctxOf(req, deps))));

  r.put('/api/community-projects/:id', { schema: { tags, summary: 'Edit a community project (If-Match)', params: idParams, body: communityProjectBody, response: { 200: communityProjectView } }, config }, async (req, reply) =>
    withEtag(reply, await updateCommunityProject({ id: req.params.id, expectedVersion: expectedVersion(req, req.params.id), project: req.body }, ctxOf(req, deps))));

  r.post('/api/community-projects/:id/status', { schema: { tags, summary: 'Move a community project to another status; cancelling needs a reason (If-Match)', params: idParams, body: communityStatusBody, response: { 200: communityProjectView } }, config }, async (req, reply) =>
    withEtag(reply, await changeCommunityStatus({ id: req.params.id, expectedVersion: expectedVersion(req, req.params.id), change: req.body }, ctxOf(req, deps))));

  r.post('/api/community-projects/:id/returnees', { schema: { tags, summary: 'Link a returnee’s case to a community project (Idempotency-Key accepted; audited)', params: idParams, body: linkReturneeBody, response: { 201: communityProjectView } }, config }, async (req, reply) =>
    idempotent(deps, req, reply, async (txDeps) => {
      const view = await linkReturnee({ id: req.params.id, caseId: req.body.caseId }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    }));

  r.delete('/api/community-projects/:id/returnees/:caseId', { schema: { tags, summary: 'Unlink a returnee’s case from a community project (audited)', params: returneeParams, response: { 200: communityProjectView } }, config }, async (req, reply) =>
    withEtag(reply, await unlinkReturnee({ id: req.params.id, caseId: req.params.caseId }, ctxOf(req, deps))));

  // ---- Group trainings ----
  r.post('/api/group-trainings/search', { schema: { tags, summary: 'Group trainings of the reader’s reach, paged', body: trainingListBody, response: { 200: trainingPage } }, config },
    async (req) => listTrainings(req.body, ctxOf(req, deps)));

  r.post('/api/group-trainings', { schema: { tags, summary: 'Create a group training given by a provider of the registry (Idempotency-Key accepted)', body: trainingBody, response: { 201: trainingView } }, config }, async (req, reply) =>
    idempotent(deps, req, reply, async (txDeps) => {
      const view = await createTraining(req.body, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    }));

  r.get('/api/group-trainings/:id', { schema: { tags, summary: 'One group training with its sessions, participants and attendance', params: idParams, response: { 200: trainingView } }, config }, async (req, reply) =>
    withEtag(reply, await getTraining({ id: req.params.id }, ctxOf(req, deps))));

  r.put('/api/group-trainings/:id', { schema: { tags, summary: 'Edit a group training (If-Match)', params: idParams, body: trainingBody, response: { 200: trainingView } }, config }, async (req, reply) =>
    withEtag(reply, await updateTraining({ id: req.params.id, expectedVersion: expectedVersion(req, req.params.id), training: req.body }, ctxOf(req, deps))));

  r.post('/api/group-trainings/:id/sessions', { schema: { tags, summary: 'Add a session to a group training (Idempotency-Key accepted)', params: idParams, body: sessionBody, response: { 201: trainingView } }, config }, async (req, reply) =>
    idempotent(deps, req, reply, async (txDeps) => {
      const view = await addSession({ id: req.params.id, session: req.body }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    }));

  r.put('/api/group-trainings/:id/sessions/:sessionId', { schema: { tags, summary: 'Edit a session of a group training', params: sessionParams, body: sessionBody, response: { 200: trainingView } }, config }, async (req, reply) =>
    withEtag(reply, await updateSession({ id: req.params.id, sessionId: req.params.sessionId, session: req.body }, ctxOf(req, deps))));

  r.put('/api/group-trainings/:id/sessions/:sessionId/attendance', { schema: { tags, summary: 'Record who was present at a session (audited)', params: sessionParams, body: attendanceBody, response: { 200: trainingView } }, config }, async (req, reply) =>
    withEtag(reply, await recordAttendance({ id: req.params.id, sessionId: req.params.sessionId, attendance: req.body.attendance }, ctxOf(req, deps))));

  r.post('/api/group-trainings/:id/participants', { schema: { tags, summary: 'Enrol a person of a case in a group training (Idempotency-Key accepted; audited)', params: idParams, body: enrolBody, response: { 201: trainingView } }, config }, async (req, reply) =>
    idempotent(deps, req, reply, async (txDeps) => {
      const view = await enrol({ id: req.params.id, ...req.body }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    }));

  r.delete('/api/group-trainings/:id/participants/:personId', { schema: { tags, summary: 'Take a person out of a group training (audited)', params: participantParams, response: { 200: trainingView } }, config }, async (req, reply) =>
    withEtag(reply, await unenrol({ id: req.params.id, personId: req.params.personId }, ctxOf(req, deps))));

  r.put('/api/group-trainings/:id/participants/:personId/completion', { schema: { tags, summary: 'Set whether a participant completed the training (audited)', params: participantParams, body: completionBody, response: { 200: trainingView } }, config }, async (req, reply) =>
    withEtag(reply, await setCompletion({ id: req.params.id, personId: req.params.personId, completion: req.body.completion }, ctxOf(req, deps))));
}

import type { FastifyInstance } from 'fastify';
import {
  assignmentBody, caseMeasureParams, casePersonParams, caseUserParams, caseVulnerabilityParams, healthBody, measureBody, measurePatch,
  vulnerabilityBody, vulnerabilityPatch, assignmentsView, caseStaffList, healthRecordView, measureView, caseProtectionView, myTaskList, screenedVulnerability,
} from '../../../shared/schemas/protection.js';
import { idParams } from '../../../shared/schemas/common.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, typed, withEtag, type Deps } from '../../platform/http.js';
import { assignStaff } from './assign-staff.js';
import { caseStaff } from './case-staff.js';
import { listAssignments } from './list-assignments.js';
import { saveHealthRecord } from './save-health-record.js';
import { unassignStaff } from './unassign-staff.js';
import { addMeasure } from './add-measure.js';
import { myTasks } from './my-tasks.js';
import { updateMeasure } from './update-measure.js';
import { protectionView } from './protection-view.js';
import { recordVulnerability } from './record-vulnerability.js';
import { updateVulnerability } from './update-vulnerability.js';

export function protectionRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['protection'];

  r.get('/api/cases/:id/protection', { schema: { tags, summary: 'Vulnerabilities and special measures of a case; health records only with case.health (audited)', params: idParams, response: { 200: caseProtectionView } }, config: { permission: 'case.read' } },
    async (req) => protectionView({ caseId: req.params.id }, ctxOf(req, deps)));

  r.post('/api/cases/:id/vulnerabilities', { schema: { tags, summary: 'Screen a member into a vulnerability category; its measures follow (Idempotency-Key accepted)', params: idParams, body: vulnerabilityBody, response: { 201: screenedVulnerability } }, config: { permission: 'vulnerability.write' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'vulnerability.write');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await recordVulnerability({ caseId: req.params.id, vulnerability: req.body }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.patch('/api/cases/:id/vulnerabilities/:vulnerabilityId', { schema: { tags, summary: 'Correct or resolve a vulnerability (If-Match)', params: caseVulnerabilityParams, body: vulnerabilityPatch, response: { 200: screenedVulnerability } }, config: { permission: 'vulnerability.write' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'vulnerability.write');
    const { id, vulnerabilityId } = req.params;
    return withEtag(reply, await updateVulnerability({ caseId: id, vulnerabilityId, expectedVersion: expectedVersion(req, vulnerabilityId), patch: req.body }, ctxOf(req, deps)));
  });

  r.post('/api/cases/:id/measures', { schema: { tags, summary: 'Add a special measure by hand (Idempotency-Key accepted)', params: idParams, body: measureBody, response: { 201: measureView } }, config: { permission: 'vulnerability.write' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'vulnerability.write');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await addMeasure({ caseId: req.params.id, measure: req.body }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.patch('/api/cases/:id/measures/:measureId', { schema: { tags, summary: 'Edit a special measure: owner, due date, status, notes (If-Match)', params: caseMeasureParams, body: measurePatch, response: { 200: measureView } }, config: { permission: 'vulnerability.write' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'vulnerability.write');
    const { id, measureId } = req.params;
    return withEtag(reply, await updateMeasure({ caseId: id, measureId, expectedVersion: expectedVersion(req, measureId), patch: req.body }, ctxOf(req, deps)));
  });

  r.put('/api/cases/:id/persons/:personId/health', { schema: { tags, summary: 'Record a member’s health assessment and fit to travel (If-Match once it exists)', params: casePersonParams, body: healthBody, response: { 200: healthRecordView } }, config: { permission: 'case.health' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'case.health');
    const { id, personId } = req.params;
    return withEtag(reply, await saveHealthRecord({ caseId: id, personId, expectedVersion: (recordId) => expectedVersion(req, recordId), health: req.body }, ctxOf(req, deps)));
  });

  r.get('/api/protection/my-tasks', { schema: { tags, summary: 'Open special measures I own, in cases I may read, overdue first', response: { 200: myTaskList } }, config: { permission: 'case.read' } },
    async (req) => myTasks({}, ctxOf(req, deps)));

  r.get('/api/cases/:id/assignments', { schema: { tags, summary: 'Staff assigned to a case besides its owner', params: idParams, response: { 200: assignmentsView } }, config: { permission: 'case.read' } },
    async (req) => listAssignments({ caseId: req.params.id }, ctxOf(req, deps)));

  r.post('/api/cases/:id/assignments', { schema: { tags, summary: 'Assign a staff member to a case (owner or supervisor)', params: idParams, body: assignmentBody, response: { 201: assignmentsView } }, config: { permission: 'case.update' } }, async (req, reply) => {
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await assignStaff({ caseId: req.params.id, userId: req.body.userId }, ctxOf(req, txDeps)) }));
  });

  r.delete('/api/cases/:id/assignments/:userId', { schema: { tags, summary: 'Remove a staff member from a case (owner or supervisor)', params: caseUserParams, response: { 200: assignmentsView } }, config: { permission: 'case.update' } },
    async (req) => unassignStaff({ caseId: req.params.id, userId: req.params.userId }, ctxOf(req, deps)));

  r.get('/api/cases/:id/staff', { schema: { tags, summary: 'Active staff of the case’s offices (owners and assignees to choose from)', params: idParams, response: { 200: caseStaffList } }, config: { permission: 'case.read' } },
    async (req) => caseStaff({ caseId: req.params.id }, ctxOf(req, deps)));
}

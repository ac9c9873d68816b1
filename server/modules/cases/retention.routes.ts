import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../shared/schemas/common.js';
import { retentionRuleBody, retentionRuleList, retentionRulePatch, retentionRuleView, retentionRunDetail, retentionRunNowBody, retentionRunView, retentionScopesView } from '../../../shared/schemas/retention.js';
import { ctxOf, typed, type Deps } from '../../platform/http.js';
import { sendJob } from '../../platform/jobs.js';
import {
  approveRetentionRule, createRetentionRule, deleteRetentionRule, getRetentionRule, getRetentionRun, listRetentionRules, requestRetentionDryRun, requestRetentionRunNow, retentionScopes, updateRetentionRule,
} from './retention-rules.js';
import { RETENTION_RUN_QUEUE } from './run-retention.js';

/** The retention rules of the data-protection officer's organisation, their approval and dry runs (docs/data-protection.md, "Retention"). */
export function retentionRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['cases'];
  const config = { permission: 'retention.manage' } as const;

  r.get('/api/retention-rules', { schema: { tags, summary: 'The retention rules of my organisation, with their latest runs', response: { 200: retentionRuleList } }, config },
    async (req) => listRetentionRules({}, ctxOf(req, deps)));
  r.post('/api/retention-rules', {
    schema: { tags, summary: 'Write a retention rule: it waits for another data-protection officer’s approval before it is applied (audited)', body: retentionRuleBody, response: { 201: retentionRuleView } }, config,
  }, async (req, reply) => {
    const rule = await createRetentionRule(req.body, ctxOf(req, deps));
    reply.status(201);
    return rule;
  });
  r.get('/api/retention-rules/scopes', { schema: { tags, summary: 'The projects and offices of my organisation a retention rule may apply to', response: { 200: retentionScopesView } }, config },
    async (req) => retentionScopes({}, ctxOf(req, deps)));
  r.get('/api/retention-rules/:id', { schema: { tags, summary: 'A retention rule of my organisation with its latest runs', params: idParams, response: { 200: retentionRuleView } }, config },
    async (req) => getRetentionRule({ id: req.params.id }, ctxOf(req, deps)));
  r.patch('/api/retention-rules/:id', {
    schema: { tags, summary: 'Rename, enable or disable a retention rule, or change its years (which asks for a new approval) (audited)', params: idParams, body: retentionRulePatch, response: { 200: retentionRuleView } }, config,
  }, async (req) => updateRetentionRule({ id: req.params.id, patch: req.body }, ctxOf(req, deps)));
  r.delete('/api/retention-rules/:id', {
    schema: { tags, summary: 'Delete a retention rule never applied; 409 RETENTION_RULE_HAS_RUNS once applied (audited)', params: idParams, response: { 204: z.null() } }, config,
  }, async (req, reply) => {
    await deleteRetentionRule({ id: req.params.id }, ctxOf(req, deps));
    reply.status(204);
  });
  r.post('/api/retention-rules/:id/approve', {
    schema: { tags, summary: 'Approve a colleague’s retention rule; 409 RETENTION_RULE_SELF_APPROVAL for its author (audited)', params: idParams, response: { 200: retentionRuleView } }, config,
  }, async (req) => approveRetentionRule({ id: req.params.id }, ctxOf(req, deps)));
  r.post('/api/retention-rules/:id/dry-run', {
    schema: { tags, summary: 'Run a retention rule without changing anything, as a background job: its report lists what the real run would reach and skip (audited)', params: idParams, response: { 202: retentionRunView } }, config,
  }, async (req, reply) => {
    const run = await requestRetentionDryRun({ id: req.params.id }, ctxOf(req, deps));
    await sendJob(RETENTION_RUN_QUEUE, { runId: run.id }, { singletonKey: run.id });
    reply.status(202);
    return run;
  });
  r.post('/api/retention-rules/:id/run', {
    schema: {
      tags, summary: 'Apply an approved retention rule now, as a background job, to what its latest dry run listed; 409 RETENTION_DRY_RUN_REQUIRED without that dry run confirmed, RETENTION_RULE_NOT_APPROVED (audited)',
      params: idParams, body: retentionRunNowBody, response: { 202: retentionRunView },
    }, config,
  }, async (req, reply) => {
    const run = await requestRetentionRunNow({ id: req.params.id, input: req.body }, ctxOf(req, deps));
    await sendJob(RETENTION_RUN_QUEUE, { runId: run.id }, { singletonKey: run.id });
    reply.status(202);
    return run;
  });
  r.get('/api/retention-runs/:id', { schema: { tags, summary: 'A run of a retention rule with its progress and report (ids and case numbers, never names)', params: idParams, response: { 200: retentionRunDetail } }, config },
    async (req) => getRetentionRun({ id: req.params.id }, ctxOf(req, deps)));
}

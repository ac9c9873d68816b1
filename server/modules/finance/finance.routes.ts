import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import {
  budgetLineBody, budgetLineView, projectBudgetView, projectIdParams, rateBody, rateImported, rateList, rateListQuery, rateOnQuery, rateOnView, rateView,
} from '../../../shared/schemas/finance.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, expectedVersion, idempotent, readUpload, typed, uploadFingerprint, withEtag, type Deps } from '../../platform/http.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { createBudgetLine } from './create-budget-line.js';
import { enterRate } from './enter-rate.js';
import { getBudgetLine } from './get-budget-line.js';
import { importRates } from './import-rates.js';
import { listRates } from './list-rates.js';
import { projectBudget } from './project-budget.js';
import { rateOn } from './rates.repo.js';
import { updateBudgetLine } from './update-budget-line.js';

/** Largest rates file accepted (5,000 rows fit in well under this). */
const MAX_RATES_FILE_BYTES = 512 * 1024;
const readers = ['finance.manage', 'project.manage', 'statistics.read'] as const;

export function financeRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['finance'];

  r.get('/api/exchange-rates', { schema: { tags, summary: 'The exchange rate table, filtered by a currency on either side, in pages', querystring: rateListQuery, response: { 200: rateList } }, config: { permission: [...readers] } },
    async (req) => listRates(req.query, ctxOf(req, deps)));

  r.get('/api/exchange-rates/in-force', { schema: { tags, summary: 'The rate in force on a day from one currency to another (direct, inverse or through USD)', querystring: rateOnQuery, response: { 200: rateOnView } }, config: { permission: [...readers] } },
    async (req) => {
      const actor = actorOf(req);
      if (!readers.some((p) => actor.grants.has(p))) throw platformErrors.FORBIDDEN();
      return rateOn(deps.db, req.query.from, req.query.to, req.query.day);
    });

  r.post('/api/exchange-rates', { schema: { tags, summary: 'Enter a rate (a correction of a day’s rate needs a reason; Idempotency-Key accepted)', body: rateBody, response: { 201: rateView } }, config: { permission: 'finance.manage' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'finance.manage');
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await enterRate(req.body, ctxOf(req, txDeps)) }));
  });

  r.post('/api/exchange-rates/import', {
    schema: { tags, summary: 'Import a rates CSV file (multipart field "file"; header currency,rate_per_usd,effective_from); all rows or none', consumes: ['multipart/form-data'], response: { 201: rateImported } },
    config: { permission: 'finance.manage' },
  }, async (req, reply) => {
    requirePermission(actorOf(req), 'finance.manage');
    const upload = await readUpload(req, MAX_RATES_FILE_BYTES);
    return idempotent(deps, req, reply, async (txDeps) => ({ status: 201, body: await importRates(upload, ctxOf(req, txDeps)) }), { fingerprintBody: uploadFingerprint(upload) });
  });

  r.get('/api/projects/:projectId/budget', { schema: { tags, summary: 'A project’s budget lines with budget, committed, disbursed and remaining', params: projectIdParams, response: { 200: projectBudgetView } }, config: { permission: [...readers] } },
    async (req) => projectBudget({ projectId: req.params.projectId }, ctxOf(req, deps)));

  r.post('/api/projects/:projectId/budget-lines', { schema: { tags, summary: 'Add a budget line to a project (Idempotency-Key accepted)', params: projectIdParams, body: budgetLineBody, response: { 201: budgetLineView } }, config: { permission: 'finance.manage' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'finance.manage');
    return idempotent(deps, req, reply, async (txDeps) => {
      const view = await createBudgetLine({ projectId: req.params.projectId, line: req.body }, ctxOf(req, txDeps));
      withEtag(reply, view);
      return { status: 201, body: view };
    });
  });

  r.get('/api/budget-lines/:id', { schema: { tags, summary: 'One budget line with its sums', params: idParams, response: { 200: budgetLineView } }, config: { permission: [...readers] } },
    async (req, reply) => withEtag(reply, await getBudgetLine({ lineId: req.params.id }, ctxOf(req, deps))));

  r.put('/api/budget-lines/:id', { schema: { tags, summary: 'Edit a budget line (If-Match)', params: idParams, body: budgetLineBody, response: { 200: budgetLineView } }, config: { permission: 'finance.manage' } }, async (req, reply) => {
    requirePermission(actorOf(req), 'finance.manage');
    return withEtag(reply, await updateBudgetLine({ lineId: req.params.id, expectedVersion: expectedVersion(req, req.params.id), line: req.body }, ctxOf(req, deps)));
  });
}

import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import { statReportBody, statReportList, statReportView } from '../../../shared/schemas/statistics-report.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, typed, type Deps } from '../../platform/http.js';
import { sendJob } from '../../platform/jobs.js';
import { downloadReport, getReport, listReports, requestReport, STAT_REPORT_QUEUE } from './annual-report.js';

/** The annual report as a PDF: asked for, made by a background job, then downloaded by its requester only. */
export function annualReportRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['statistics'];
  const config = { permission: 'statistics.read' as const };

  r.post('/api/statistics/reports', {
    schema: {
      tags, summary: 'Ask for the annual report (PDF) of a year or a range of years, with the dashboard’s filters, in a language (the user’s by default); made in the background in the requester’s scope',
      body: statReportBody, response: { 202: statReportView },
    },
    config,
  }, async (req, reply) => {
    requirePermission(actorOf(req), 'statistics.read');
    const view = await requestReport(req.body, ctxOf(req, deps));
    await sendJob(STAT_REPORT_QUEUE, { reportId: view.id }, { singletonKey: view.id });
    return reply.status(202).send(view);
  });

  r.get('/api/statistics/reports', { schema: { tags, summary: 'The user’s own recent reports, newest first', response: { 200: statReportList } }, config },
    async (req) => listReports({}, ctxOf(req, deps)));

  r.get('/api/statistics/reports/:id', { schema: { tags, summary: 'One of the user’s reports: status and progress (figures done of the total)', params: idParams, response: { 200: statReportView } }, config },
    async (req) => getReport({ id: req.params.id }, ctxOf(req, deps)));

  r.get('/api/statistics/reports/:id/file', {
    schema: { tags, summary: 'The PDF of one of the user’s reports (audited); 410 once expired, 409 before it is done', params: idParams },
    config,
  }, async (req, reply) => {
    const file = await downloadReport({ id: req.params.id }, ctxOf(req, deps));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.pdf);
  });
}

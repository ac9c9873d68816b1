import type { FastifyInstance } from 'fastify';
import { scoreSummaryQuery, scoreSummaryView } from '../../../shared/schemas/monitoring-programme.js';
import { statExportQuery, statFigureParams, statFigureView, statFilterOptionsView, statQuery } from '../../../shared/schemas/statistics.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, ctxOf, typed, type Deps } from '../../platform/http.js';
import { scoreSummary } from '../monitoring/index.js';
import { exportFigure } from './export-figure.js';
import { statFilterOptions } from './filter-options.js';
import { statisticsFigure } from './figures.js';

// The dashboards read through `deps.readDb` (a replica when HOMEWARD_READ_DATABASE_URL is set): they
// only read, and a moment's lag is acceptable for figures; audits of exports go to the primary.
export function statisticsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  r.get('/api/statistics/figures/:figure', {
    schema: {
      tags: ['statistics'], summary: 'One figure of the programme statistics in the viewer’s scope (returnees by departure or admission date), small counts withheld where they apply',
      params: statFigureParams, querystring: statQuery, response: { 200: statFigureView },
    },
    config: { permission: 'statistics.read' },
  }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'statistics.read');
    return statisticsFigure(deps.readDb, actor, req.params.figure, req.query);
  });

  r.get('/api/statistics/filter-options', {
    schema: {
      tags: ['statistics'], summary: 'The projects, donors and offices the dashboard’s filters offer: all for a reader of scope all, else those of the reader’s organisation (or office, for an office scope)',
      response: { 200: statFilterOptionsView },
    },
    config: { permission: 'statistics.read' },
  }, async (req) => statFilterOptions(deps.readDb, actorOf(req)));

  r.get('/api/statistics/figures/:figure/export', {
    schema: {
      tags: ['statistics'],
      summary: 'One figure as a file: CSV (UTF-8 with BOM), Excel workbook or HXL-tagged CSV, headed in the reader’s language, withheld counts left empty with a note; audited',
      params: statFigureParams, querystring: statExportQuery,
    },
    config: { permission: 'statistics.read' },
  }, async (req, reply) => {
    const file = await exportFigure({ figure: req.params.figure, query: req.query }, ctxOf(req, deps), deps.readDb);
    return reply.header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  r.get('/api/statistics/sustainability-scores', {
    schema: {
      tags: ['statistics'],
      summary: 'Sustainability scores (mean and median per dimension and composite) by country of return, project or arrival quarter, under one instrument version; groups of 1-4 withheld for viewers who open no case',
      querystring: scoreSummaryQuery, response: { 200: scoreSummaryView },
    },
    config: { permission: 'statistics.read' },
  }, async (req) => {
    requirePermission(actorOf(req), 'statistics.read');
    return scoreSummary(req.query, { ...ctxOf(req, deps), db: deps.readDb });
  });
}

import type { FastifyInstance } from 'fastify';
import { statFigureParams, statFigureView, statQuery } from '../../../shared/schemas/statistics.js';
import { requirePermission } from '../../platform/actor.js';
import { actorOf, typed, type Deps } from '../../platform/http.js';
import { statisticsFigure } from './figures.js';

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
    return statisticsFigure(deps.db, actor, req.params.figure, req.query);
  });
}

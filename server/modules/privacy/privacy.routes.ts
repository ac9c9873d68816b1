import type { FastifyInstance } from 'fastify';
import { idParams } from '../../../shared/schemas/common.js';
import { accessRequestBody, accessRequestDownloadQuery, accessRequestList, accessRequestView } from '../../../shared/schemas/data-protection.js';
import { ctxOf, typed, type Deps } from '../../platform/http.js';
import { sendJob } from '../../platform/jobs.js';
import { ACCESS_REQUEST_QUEUE } from './build-access-bundle.js';
import { downloadAccessRequest } from './download-access-request.js';
import { listAccessRequests } from './list-access-requests.js';
import { startAccessRequest } from './start-access-request.js';

/** A returnee's right of access: the data-protection officer starts a request, watches it, downloads the bundle. */
export function privacyRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['data-protection'];
  const config = { permission: 'person.access_request' as const };

  r.post('/api/persons/:id/access-requests', {
    schema: {
      tags, summary: 'Start a returnee\'s access request: everything Homeward holds about the person, gathered in the background (audited)',
      params: idParams, body: accessRequestBody, response: { 202: accessRequestView },
    },
    config,
  }, async (req, reply) => {
    const view = await startAccessRequest({ personId: req.params.id, ...req.body }, ctxOf(req, deps));
    await sendJob(ACCESS_REQUEST_QUEUE, { requestId: view.id }, { singletonKey: view.id });
    return reply.status(202).send(view);
  });

  r.get('/api/persons/:id/access-requests', {
    schema: { tags, summary: 'The access requests about a person, newest first, with status and progress', params: idParams, response: { 200: accessRequestList } },
    config,
  }, async (req) => listAccessRequests({ personId: req.params.id }, ctxOf(req, deps)));

  r.get('/api/access-requests/:id/download', {
    schema: { tags, summary: 'The bundle of a finished access request as JSON, CSV or PDF (audited); 409 before it is done, 410 once removed', params: idParams, querystring: accessRequestDownloadQuery },
    config,
  }, async (req, reply) => {
    const file = await downloadAccessRequest({ id: req.params.id, format: req.query.format }, ctxOf(req, deps));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  });
}

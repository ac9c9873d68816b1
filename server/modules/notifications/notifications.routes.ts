import type { FastifyInstance } from 'fastify';
import { notificationsView, notificationsSeen } from '../../../shared/schemas/notifications.js';
import { ctxOf, typed, type Deps } from '../../platform/http.js';
import { listNotifications } from './list-notifications.js';
import { markNotificationsSeen } from './mark-seen.js';

export function notificationsRoutes(app: FastifyInstance, deps: Deps) {
  const r = typed(app);
  const tags = ['notifications'];

  r.get('/api/notifications', { schema: { tags, summary: 'What landed in my queues (handovers to answer, applications to approve, tasks assigned to me), new since I last looked', response: { 200: notificationsView } }, config: { permission: 'signed-in' } },
    async (req) => listNotifications({}, ctxOf(req, deps)));

  r.post('/api/notifications/seen', { schema: { tags, summary: 'I have looked at my notifications', response: { 200: notificationsSeen } }, config: { permission: 'signed-in' } },
    async (req) => markNotificationsSeen({}, ctxOf(req, deps)));
}

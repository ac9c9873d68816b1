/** In-app notifications: what landed in a user's queues, read from the owning modules, and when the user last looked. */
export { notificationsRoutes } from './notifications.routes.js';
export { listNotifications } from './list-notifications.js';
export { markNotificationsSeen } from './mark-seen.js';

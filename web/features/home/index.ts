/** The home page of each role (its queues) and the header's notification bell. */
export { HomePage } from './home-page';
export { NotificationBell } from './notification-bell';

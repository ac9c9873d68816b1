/** Data protection: a returnee's right of access (the bundle of everything Homeward holds about a person). */
import type { JobDefinition } from '../../platform/jobs.js';
import { ACCESS_REQUEST_PURGE_QUEUE, ACCESS_REQUEST_QUEUE, buildAccessBundle, purgeAccessBundles, type AccessRequestJobDeps } from './build-access-bundle.js';

export { privacyRoutes } from './privacy.routes.js';
/** The job that builds a bundle (tests run it directly) and the hourly removal of expired ones. */
export { buildAccessBundle, purgeAccessBundles, ACCESS_REQUEST_QUEUE, type AccessRequestJobDeps } from './build-access-bundle.js';
/** What the bundle holds and leaves out (the completeness test reads both). */
export { BUNDLE_TABLES, BUNDLE_TABLE_NAMES, EXCLUDED_TABLES } from './bundle-tables.js';
export const PRIVACY_QUEUES = [ACCESS_REQUEST_QUEUE, ACCESS_REQUEST_PURGE_QUEUE] as const;
export const privacyJobs = (deps: AccessRequestJobDeps): JobDefinition[] => [
  { queue: ACCESS_REQUEST_QUEUE, handler: async (data) => void (await buildAccessBundle((data as { requestId: string }).requestId, deps)) },
  { queue: ACCESS_REQUEST_PURGE_QUEUE, cron: '53 * * * *', handler: async () => void (await purgeAccessBundles(deps)) },
];

import type { WebCapability } from '../../app/capabilities';

export const decisionsWeb: WebCapability = { routes: [], nav: [], caseTabs: [] };

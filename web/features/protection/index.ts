import type { WebCapability } from '../../app/capabilities';

export const protectionWeb: WebCapability = { routes: [], nav: [], caseTabs: [] };

import type { WebCapability } from '../../app/capabilities';

export const travelWeb: WebCapability = { routes: [], nav: [], caseTabs: [] };

import type { WebCapability } from '../../app/capabilities';

export const handoverWeb: WebCapability = { routes: [], nav: [], caseTabs: [] };

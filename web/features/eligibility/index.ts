import type { WebCapability } from '../../app/capabilities';

export const eligibilityWeb: WebCapability = { routes: [], nav: [], caseTabs: [] };

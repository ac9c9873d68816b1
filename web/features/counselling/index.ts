import type { WebCapability } from '../../app/capabilities';

export const counsellingWeb: WebCapability = { routes: [], nav: [], caseTabs: [] };

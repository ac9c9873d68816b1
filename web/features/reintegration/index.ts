import type { WebCapability } from '../../lib/capability';
import { ReintegrationTab } from './plan-tab';

/** Stages at which a case has (or may get) a reintegration plan. */
const STAGES_WITH_PLAN = ['approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring', 'closed'];

export const reintegrationWeb: WebCapability = {
  routes: [],
  nav: [],
  caseTabs: [
    {
      key: 'reintegration',
      labelId: 'reintegration.tab',
      show: (record) => STAGES_WITH_PLAN.includes(record.stage),
      Panel: ReintegrationTab,
    },
  ],
};

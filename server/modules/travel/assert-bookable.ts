import type { Stage } from '../../../shared/cases.js';
import type { Executor } from '../../platform/db.js';
import { ACTION_STAGES, stageAllows, type CaseRow } from '../cases/index.js';
import { assertCanBookTravel } from '../decisions/index.js';
import { errors } from './travel.errors.js';

/** Stages at which a booking may be made (the workflow table's `travel.book`). */
export const BOOKABLE_STAGES: readonly Stage[] = ACTION_STAGES['travel.book'];

/**
 * Whether the case may have travel booked: approved or in travel preparation, and a current
 * informed decision for every travelling member (409 otherwise).
 */
export async function assertBookable(ex: Executor, c: Pick<CaseRow, 'id' | 'stage'>) {
  if (!stageAllows('travel.book', c)) {
    throw errors.TRAVEL_CASE_STAGE({ stage: c.stage });
  }
  await assertCanBookTravel(ex, c.id);
}

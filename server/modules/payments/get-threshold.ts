import { can } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { officeFor, thresholdOf } from './threshold.repo.js';

export const THRESHOLD_READERS = ['finance.manage', 'disbursement.record', 'disbursement.approve'] as const;

/** An office's disbursement approval threshold (none: every payment is paid at once). */
export async function getThreshold({ officeId }: { officeId: string }, ctx: UseCaseContext) {
  const permission = THRESHOLD_READERS.find((p) => can(ctx.actor, p));
  if (!permission) throw platformErrors.FORBIDDEN();
  await officeFor(ctx.db, ctx.actor, officeId, permission);
  return thresholdOf(ctx.db, officeId);
}

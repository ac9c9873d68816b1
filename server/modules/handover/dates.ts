import { platformErrors } from '../../platform/platform.errors.js';

/** Today's date (UTC) as YYYY-MM-DD. */
export const today = (now: Date) => now.toISOString().slice(0, 10);

export function checkNotFuture(date: string, now: Date, field: string) {
  if (date > today(now)) throw platformErrors.VALIDATION_FAILED({ field }, 'The date cannot be in the future.');
}

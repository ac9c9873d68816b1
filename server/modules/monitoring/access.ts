import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/actor.js';
import { platformErrors } from '../../platform/platform.errors.js';

/** Instruments are read, and answers scored against them, by score readers and instrument managers. */
export const INSTRUMENT_READERS = ['monitoring.score.read', 'monitoring.instrument.manage'] as const;
export function requireInstrumentReader(actor: Actor) {
  if (!INSTRUMENT_READERS.some((p) => can(actor, p))) throw platformErrors.FORBIDDEN();
}

import { sql } from 'kysely';
import { DEFAULT_DEFINITION, DEFAULT_INSTRUMENT_KEY, DEFAULT_INSTRUMENT_NAME } from '../../../shared/monitoring/index.js';
import type { Executor } from '../../platform/db.js';

/**
 * Creates the built-in instrument (modelled on IOM's Reintegration Sustainability Survey, with
 * provisional weights) with its first version published, when it is missing, at start like the
 * built-in roles; one statement, so never an instrument without its version. An instrument
 * already there is left as the programme made it.
 */
export async function ensureDefaultInstrument(ex: Executor): Promise<void> {
  await sql`
    WITH created AS (
      INSERT INTO monitoring_instrument (key, name, builtin) VALUES (${DEFAULT_INSTRUMENT_KEY}, ${DEFAULT_INSTRUMENT_NAME}, true)
      ON CONFLICT (key) DO NOTHING RETURNING id
    )
    INSERT INTO monitoring_instrument_version (instrument_id, number, status, definition, provisional_weights, published_at)
    SELECT id, 1, 'published', ${JSON.stringify(DEFAULT_DEFINITION)}::jsonb, true, now() FROM created`.execute(ex);
}

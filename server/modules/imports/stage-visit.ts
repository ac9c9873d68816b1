import { NOT_REACHED_REASONS, VISIT_METHODS, VISIT_OUTCOMES } from '../../../shared/schemas/monitoring.js';
import { IMPORTED_SCORE_RANGE, type ImportMapping, type LegacyField } from '../../../shared/schemas/imports.js';
import { parseDateMemo, Rejected, type StagedRow } from './legacy-csv.js';

/** The score fields of a file of visits and the key each is staged (and stored) under. */
export const VISIT_SCORE_FIELDS = [
  ['compositeScore', 'composite'], ['economicScore', 'economic'], ['socialScore', 'social'], ['psychosocialScore', 'psychosocial'],
] as const satisfies readonly (readonly [LegacyField, string])[];

const DECIMAL = /^\d+(?:\.\d+)?$/;

/**
 * An imported score as text with four decimals, or a refusal: `score_malformed` (not a decimal
 * written with a point), `score_too_precise` (more than four decimals: nothing is rounded),
 * `score_out_of_range` (outside 0..1).
 */
export function parseImportedScore(raw: string): { ok: true; value: string } | { ok: false; error: 'malformed' | 'too_precise' | 'out_of_range' } {
  const s = raw.trim();
  if (!DECIMAL.test(s)) return { ok: false, error: 'malformed' };
  const [whole, frac = ''] = s.split('.') as [string, string?];
  if (frac.length > IMPORTED_SCORE_RANGE.decimals) return { ok: false, error: 'too_precise' };
  const units = Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
  if (units < IMPORTED_SCORE_RANGE.min * 10_000 || units > IMPORTED_SCORE_RANGE.max * 10_000) return { ok: false, error: 'out_of_range' };
  return { ok: true, value: `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, '0')}` };
}

/**
 * One row of a file of monitoring visits: its legacy id, its case's (checked by the run's
 * classification), the day (not in the future), method, outcome and the reason not reached
 * (through the value mappings; "other" when the file gives none), the scores as given (each a
 * decimal in 0..1, refused with its column otherwise), and notes (sensitive, as a visit's notes).
 */
export function stageVisitRecord(
  record: string[], index: Map<LegacyField, number>, mapping: ImportMapping, headerCount: number, today: string,
): StagedRow {
  const get = (f: LegacyField) => {
    const i = index.get(f);
    if (i === undefined) return '';
    const raw = (record[i] ?? '').trim();
    return mapping.values?.[f]?.[raw] ?? raw;
  };
  const col = (f: LegacyField) => mapping.columns[f] ?? f;
  const required = (f: LegacyField) => {
    const v = get(f);
    if (!v) throw new Rejected('required', col(f));
    if (v.length > 200) throw new Rejected('too_long', col(f));
    return v;
  };
  const oneOf = (f: LegacyField, list: readonly string[], v: string) => {
    if (!list.includes(v)) throw new Rejected('unknown_value', col(f));
    return v;
  };
  if (record.length > headerCount) throw new Rejected('too_many_columns', null);
  if (record.some((v) => v.includes('\uFFFD') || v.includes('\u0000'))) throw new Rejected('encoding', null);
  const legacyId = required('legacyId');
  const caseLegacyId = required('caseLegacyId');
  const visitedOn = parseDateMemo(required('visitedOn'), mapping.dateFormat);
  if (visitedOn === 'invalid') throw new Rejected('date_invalid', col('visitedOn'));
  if (visitedOn! > today) throw new Rejected('date_in_future', col('visitedOn'));
  const method = oneOf('visitMethod', VISIT_METHODS, required('visitMethod'));
  const outcome = oneOf('visitOutcome', VISIT_OUTCOMES, required('visitOutcome'));
  const notReachedReason = outcome === 'not_reached' ? oneOf('notReachedReason', NOT_REACHED_REASONS, get('notReachedReason') || 'other') : null;
  const scores: Record<string, string | null> = {};
  for (const [field, key] of VISIT_SCORE_FIELDS) {
    const raw = get(field);
    if (!raw) { scores[key] = null; continue; }
    const parsed = parseImportedScore(raw);
    if (!parsed.ok) throw new Rejected(`score_${parsed.error}`, col(field));
    scores[key] = parsed.value;
  }
  const notes = get('visitNotes') || null;
  if (notes && notes.length > 4000) throw new Rejected('too_long', col('visitNotes'));
  return {
    household_key: caseLegacyId, legacy_id: legacyId,
    entity_values: JSON.stringify({ visitedOn, method, outcome, notReachedReason, notes, ...scores }),
    outcome: 'created', reason: null, reason_column: null,
  };
}

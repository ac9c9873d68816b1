import type { Clock } from '../../platform/actor.js';
import type { DecisionRow } from './decisions.repo.js';

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Today's date by the clock, 'YYYY-MM-DD'. */
export const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

export const presentDecision = (d: DecisionRow) => ({
  id: d.id,
  version: d.version,
  decidedOn: d.decided_on,
  decidedBy: d.decided_by,
  representativeName: d.representative_name,
  language: d.language,
  informationUnderstood: d.information_understood,
  noPressure: d.no_pressure,
  declaration: d.declaration_attachment_id ? { id: d.declaration_attachment_id, fileName: d.declaration_file_name } : null,
  counsellor: { id: d.counsellor_id, name: d.counsellor_name },
  recordedByName: d.recorded_by_name,
  recordedAt: d.recorded_at,
  endedAt: d.ended_at,
  endedReason: d.ended_reason,
});

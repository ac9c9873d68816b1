import type { Tx } from '../../platform/db.js';
import { definitionOf, loadVersion } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';
import { scoreOrRefuse } from './score-answers.js';

/** The target version must be published, of the same instrument, and newer than the answers' version. */
export async function checkRescoreVersions(trx: Tx, fromVersionId: string, toVersionId: string) {
  const from = await loadVersion(trx, fromVersionId);
  const to = await loadVersion(trx, toVersionId);
  if (to.status !== 'published') throw errors.MONITORING_VERSION_NOT_PUBLISHED({ field: 'instrumentVersionId' });
  if (to.instrument_id !== from.instrument_id) throw errors.MONITORING_VERSION_OTHER_INSTRUMENT({ field: 'instrumentVersionId' });
  if (to.number <= from.number) throw errors.MONITORING_VERSION_NOT_NEWER({ field: 'instrumentVersionId', from: from.number, to: to.number });
  return { from, to, definition: definitionOf(to) };
}

/**
 * Scores a visit's raw answers again under another version, adding a score row (the first stays).
 * Answers that do not fit the version are refused (400), never dropped. Returns false when the
 * visit already has scores under that version.
 */
export async function addScore(trx: Tx, visit: { id: string; answers: unknown }, definition: ReturnType<typeof definitionOf>, toVersionId: string, by: string | null, now: Date, jobId: string | null = null) {
  const result = scoreOrRefuse(definition, visit.answers as Parameters<typeof scoreOrRefuse>[1]);
  const row = await trx.insertInto('monitoring_visit_score').values({
    visit_id: visit.id, instrument_version_id: toVersionId, result: JSON.stringify(result), composite: result.composite, computed_by: by, computed_at: now, rescore_job_id: jobId,
  }).onConflict((oc) => oc.columns(['visit_id', 'instrument_version_id']).doNothing()).returning('id').executeTakeFirst();
  return row ? result : null;
}

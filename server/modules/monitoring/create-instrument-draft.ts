import type { Definition } from '../../../shared/schemas/monitoring.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { definitionOf, loadVersion, presentVersion } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';

/**
 * A new draft version of an instrument: the definition sent, or else a copy of the latest
 * published version (to revise it). An instrument has at most one draft.
 */
export async function createInstrumentDraft(
  { instrumentId, definition, provisionalWeights }: { instrumentId: string; definition?: Definition; provisionalWeights?: boolean },
  ctx: UseCaseContext,
) {
  const { actor, db, clock } = ctx;
  requirePermission(actor, 'monitoring.instrument.manage');
  const id = await db.transaction().execute(async (trx) => {
    const instrument = await trx.selectFrom('monitoring_instrument').select(['id']).where('id', '=', instrumentId).forUpdate().executeTakeFirst();
    if (!instrument) throw errors.INSTRUMENT_NOT_FOUND();
    const draft = await trx.selectFrom('monitoring_instrument_version').select('id').where('instrument_id', '=', instrumentId).where('status', '=', 'draft').executeTakeFirst();
    if (draft) throw errors.INSTRUMENT_DRAFT_EXISTS({ draftId: draft.id });
    const last = await trx.selectFrom('monitoring_instrument_version').select(['number']).where('instrument_id', '=', instrumentId).orderBy('number', 'desc').limit(1).executeTakeFirst();
    const published = await trx
      .selectFrom('monitoring_instrument_version').select(['id', 'number', 'definition', 'provisional_weights'])
      .where('instrument_id', '=', instrumentId).where('status', '=', 'published').orderBy('number', 'desc').limit(1).executeTakeFirst();
    if (!definition && !published) throw errors.INSTRUMENT_NOTHING_TO_COPY();
    const content = definition ?? definitionOf(published!);
    const provisional = provisionalWeights ?? (definition ? false : published!.provisional_weights);
    const now = clock.now();
    const row = await trx
      .insertInto('monitoring_instrument_version')
      .values({
        instrument_id: instrumentId, number: (last?.number ?? 0) + 1, definition: JSON.stringify(content), provisional_weights: provisional,
        created_by: actor.userId, created_at: now, updated_at: now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'monitoring.instrument.draft_created', entityType: 'monitoring_instrument_version', entityId: row.id,
      after: { instrumentId, number: row.number, copiedFrom: definition ? null : published!.number, provisionalWeights: provisional, definition: content },
    });
    return row.id;
  });
  return presentVersion(await loadVersion(db, id));
}

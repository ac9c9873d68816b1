import type { ImportEntity, ImportMapping } from '../../../shared/schemas/imports.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { importOffice } from './offices.js';

const present = (m: { id: string; office_id: string; name: string; entity: string; mapping: unknown; cases_mapping: unknown; updated_at: Date }) => ({
  id: m.id, officeId: m.office_id, name: m.name, entity: m.entity, mapping: m.mapping as ImportMapping,
  casesMapping: (m.cases_mapping ?? null) as ImportMapping | null, updatedAt: m.updated_at,
});

/**
 * Saves a mapping under its name for the office (the same name replaces it, what its file holds and
 * its cases file's mapping included), to reuse with the next export of the same system.
 */
export async function saveMapping(input: { officeId?: string; name: string; entity: ImportEntity; mapping: ImportMapping; casesMapping?: ImportMapping }, { actor, db, clock }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  return db.transaction().execute(async (trx) => {
    const office = await importOffice(trx, actor, input.officeId);
    const row = await trx.insertInto('import_mapping')
      .values({
        office_id: office.id, name: input.name, entity: input.entity, mapping: JSON.stringify(input.mapping),
        cases_mapping: input.casesMapping ? JSON.stringify(input.casesMapping) : null, saved_by: actor.userId, updated_at: clock.now(),
      })
      .onConflict((oc) => oc.columns(['office_id', 'name']).doUpdateSet((eb) => ({
        entity: eb.ref('excluded.entity'), mapping: eb.ref('excluded.mapping'), cases_mapping: eb.ref('excluded.cases_mapping'), saved_by: actor.userId, updated_at: clock.now(),
      })))
      .returningAll().executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'import.mapping_saved', entityType: 'import_mapping', entityId: row.id, officeId: office.id, after: {
      name: input.name, entity: input.entity, mapping: input.mapping, ...(input.casesMapping ? { casesMapping: input.casesMapping } : {}),
    } });
    return present(row);
  });
}

export async function listMappings(input: { officeId?: string }, { actor, db }: UseCaseContext) {
  requirePermission(actor, 'import.run');
  const office = await importOffice(db, actor, input.officeId);
  const rows = await db.selectFrom('import_mapping').selectAll().where('office_id', '=', office.id).orderBy('name').execute();
  return { items: rows.map(present) };
}

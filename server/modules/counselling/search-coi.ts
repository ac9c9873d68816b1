import { sql } from 'kysely';
import type { CoiSearchInput } from '../../../shared/schemas/counselling.js';
import { type Actor } from '../../platform/actor.js';
import { Deps, coiSettings, requireCoiRead } from './coi.repo.js';
import { staleLimit, summaryOf } from './coi.present.js';

export async function searchCoi(actor: Actor, input: CoiSearchInput, { db, clock }: Deps) {
  requireCoiRead(actor);
  const { staleAfterMonths } = await coiSettings(db);
  const now = clock.now();
  let q = db.selectFrom('coi_entry as e');
  if (input.country) q = q.where('e.country_code', '=', input.country);
  if (input.topic) q = q.where('e.topic', '=', input.topic);
  if (input.language) q = q.where('e.language', '=', input.language);
  if (input.stale !== undefined) q = q.where('e.information_date', input.stale ? '<' : '>=', staleLimit(staleAfterMonths, now));
  if (input.q) q = q.where(sql<boolean>`e.title ILIKE ${`%${input.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('coi_entry_version as v', (j) => j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.version'))
    .select(['e.id', 'e.country_code', 'e.topic', 'e.title', 'e.language', 'e.information_date', 'e.version', 'e.updated_at', 'v.id as current_version_id'])
    .orderBy('e.country_code').orderBy('e.topic').orderBy('e.information_date', 'desc').orderBy('e.id')
    .limit(input.pageSize).offset((input.page - 1) * input.pageSize)
    .execute();
  return { items: rows.map((r) => ({ ...summaryOf(r, staleAfterMonths, now), currentVersionId: r.current_version_id })), total: total.n, page: input.page, pageSize: input.pageSize, staleAfterMonths };
}

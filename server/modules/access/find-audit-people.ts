import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { inScope } from '../../platform/scope.js';

/**
 * The people an audit reader may pick as the actor of entries: users whose name or e-mail
 * contains the words typed, only those of the offices (or organisation) the reader's audit scope
 * covers, so that the picker names nobody beyond it. At most 20, by name.
 */
export async function findAuditPeople(actor: Actor, input: { query: string }, { db }: { db: Db }) {
  const words = input.query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  let q = db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.name', 'u.email'])
    .where(inScope(actor, 'audit.read', { office: 'u.office_id', organisation: 'u.organisation_id' }));
  for (const word of words) {
    const like = `%${word.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) => eb.or([eb(sql<string>`lower(u.name)`, 'like', like), eb(sql<string>`lower(u.email)`, 'like', like)]));
  }
  const items = await q.orderBy('u.name').orderBy('u.id').limit(20).execute();
  return { items };
}

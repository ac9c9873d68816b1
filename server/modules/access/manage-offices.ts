import type { Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import { errors } from './access.errors.js';

export async function listOrganisations({ db }: { db: Db }) {
  return db.selectFrom('organisation').select(['id', 'name', 'kind']).orderBy('name').execute();
}

export async function listOffices({ db }: { db: Db }) {
  const rows = await db
    .selectFrom('office')
    .select(['id', 'name', 'kind', 'country_code', 'organisation_id', 'case_prefix'])
    .orderBy('name')
    .execute();
  return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind, countryCode: o.country_code, organisationId: o.organisation_id, casePrefix: o.case_prefix }));
}

/**
 * The offices a statistics reader may filter by: every office, those of one organisation, or
 * one office. Names only: no personal data.
 */
export async function officeChoices(ex: Db, within: { organisationId?: string; officeId?: string }) {
  let q = ex.selectFrom('office').select(['id', 'name', 'kind', 'country_code']).orderBy('name');
  if (within.officeId) q = q.where('id', '=', within.officeId);
  else if (within.organisationId) q = q.where('organisation_id', '=', within.organisationId);
  const rows = await q.execute();
  return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind, countryCode: o.country_code }));
}

export async function createOrganisation(actor: Actor, input: { name: string; kind: 'implementing' | 'partner' }, { db }: { db: Db }) {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('organisation').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) throw errors.ORGANISATION_NAME_TAKEN({ field: 'name' });
    const row = await trx.insertInto('organisation').values(input).returning(['id', 'name', 'kind']).executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'organisation.created', entityType: 'organisation', entityId: row.id, after: input });
    return row;
  });
}

export async function createOffice(
  actor: Actor,
  input: { organisationId: string; name: string; countryCode: string; kind: 'host' | 'transit' | 'origin'; casePrefix: string },
  { db }: { db: Db },
) {
  if (!isCountryCode(input.countryCode)) throw errors.COUNTRY_UNKNOWN({ field: 'countryCode' });
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisation').select('id').where('id', '=', input.organisationId).executeTakeFirst();
    if (!org) throw errors.ORGANISATION_NOT_FOUND({ field: 'organisationId' });
    const taken = await trx.selectFrom('office').select('id').where('case_prefix', '=', input.casePrefix).executeTakeFirst();
    if (taken) throw errors.OFFICE_PREFIX_TAKEN({ field: 'casePrefix' });
    const row = await trx
      .insertInto('office')
      .values({ organisation_id: input.organisationId, name: input.name, country_code: input.countryCode, kind: input.kind, case_prefix: input.casePrefix })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'office.created', entityType: 'office', entityId: row.id, after: input });
    return { id: row.id, ...input };
  });
}

import type { Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { isCountryCode } from '../../../shared/reference/index.js';

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

export async function createOrganisation(actor: Actor, input: { name: string; kind: 'implementing' | 'partner' }, { db }: { db: Db }) {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('organisation').select('id').where('name', '=', input.name).executeTakeFirst();
    if (taken) throw new AppError('ORGANISATION_NAME_TAKEN', 409, 'An organisation with this name already exists.', { field: 'name' });
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
  if (!isCountryCode(input.countryCode)) throw new AppError('COUNTRY_UNKNOWN', 400, 'Unknown country code.', { field: 'countryCode' });
  return db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom('organisation').select('id').where('id', '=', input.organisationId).executeTakeFirst();
    if (!org) throw new AppError('ORGANISATION_NOT_FOUND', 400, 'The organisation does not exist.', { field: 'organisationId' });
    const taken = await trx.selectFrom('office').select('id').where('case_prefix', '=', input.casePrefix).executeTakeFirst();
    if (taken) throw new AppError('OFFICE_PREFIX_TAKEN', 409, 'Another office already uses this case-number prefix.', { field: 'casePrefix' });
    const row = await trx
      .insertInto('office')
      .values({ organisation_id: input.organisationId, name: input.name, country_code: input.countryCode, kind: input.kind, case_prefix: input.casePrefix })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), { event: 'office.created', entityType: 'office', entityId: row.id, after: input });
    return { id: row.id, ...input };
  });
}

import type { CreateCaseInput } from '../../../shared/schemas/cases.js';
import { isCountryCode } from '../../../shared/reference/index.js';
import { scopeFor, type Actor } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Executor } from '../../platform/db.js';
import { officeInScope } from '../../platform/scope.js';
import { initialStage } from './case-workflow.js';
import { nextCaseNumber } from './cases.repo.js';
import { checkPersonCodes, insertPerson, sealedAuditedPerson } from './person-records.js';
import { errors } from './cases.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The office a new case belongs to must be one the actor may register cases for. */
async function resolveOffice(ex: Executor, actor: Actor, officeId: string | undefined) {
  const scope = scopeFor(actor, 'case.create');
  const id = officeId ?? actor.officeId;
  if (!id) throw errors.CASE_OFFICE_REQUIRED({ field: 'officeId' });
  const office = await ex.selectFrom('office').selectAll().where('id', '=', id).executeTakeFirst();
  if (!office) throw platformErrors.OFFICE_NOT_FOUND({ field: 'officeId' });
  if (!officeInScope(actor, scope, office)) throw platformErrors.FORBIDDEN({ field: 'officeId' }, 'You may not register cases for this office.');
  return office;
}

async function resolveOwner(ex: Executor, actor: Actor, ownerId: string | undefined, officeId: string) {
  if (!ownerId || ownerId === actor.userId) return actor.userId;
  const owner = await ex.selectFrom('app_user').select(['id', 'active', 'office_id']).where('id', '=', ownerId).executeTakeFirst();
  if (!owner || !owner.active || owner.office_id !== officeId) {
    throw errors.CASE_OWNER_INVALID({ field: 'ownerId' });
  }
  return owner.id;
}

/** The admission date of a person returned by a government: not in the future, not before their birth. */
function checkAdmissionDateAtRegistration(input: CreateCaseInput, now: Date) {
  const date = input.admissionDate!;
  if (input.kind !== 'post_arrival') throw errors.ADMISSION_DATE_NOT_APPLICABLE({ field: 'admissionDate' });
  if (date > now.toISOString().slice(0, 10)) throw platformErrors.VALIDATION_FAILED({ field: 'admissionDate' }, 'The date cannot be in the future.');
  if (input.principal.birthDate && date < input.principal.birthDate) {
    throw platformErrors.VALIDATION_FAILED({ field: 'admissionDate' }, 'The admission date cannot be before the date of birth.');
  }
}

/**
 * Registers a household's return file: the principal applicant and members, a readable case
 * number for the office, the first stage, and its audit trace, all in one transaction.
 */
export async function registerCase(input: CreateCaseInput, { actor, db, clock }: UseCaseContext): Promise<string> {
  if (!isCountryCode(input.countryOfReturn)) throw platformErrors.VALIDATION_FAILED({ field: 'countryOfReturn' });
  checkPersonCodes(input.principal, 'principal');
  input.members.forEach((m, i) => checkPersonCodes(m.person, `members.${i}.person`));

  return db.transaction().execute(async (trx) => {
    const office = await resolveOffice(trx, actor, input.officeId);
    if (input.kind === 'post_arrival' && office.kind !== 'origin') {
      throw errors.CASE_KIND_OFFICE_MISMATCH({ field: 'kind' });
    }
    if (input.kind === 'voluntary_return' && office.kind === 'origin') {
      throw errors.CASE_KIND_OFFICE_MISMATCH({ field: 'kind' }, 'Voluntary returns are registered by a host or transit office.');
    }
    if (input.kind === 'post_arrival' && input.countryOfReturn !== office.country_code) {
      throw platformErrors.VALIDATION_FAILED({ field: 'countryOfReturn' }, 'A post-arrival case returns to the office’s own country.');
    }
    const ownerId = await resolveOwner(trx, actor, input.ownerId, office.id);
    const now = clock.now();
    if (input.admissionDate) checkAdmissionDateAtRegistration(input, now);
    const caseNumber = await nextCaseNumber(trx, office.id, office.case_prefix, now.getUTCFullYear());
    const principalId = await insertPerson(trx, input.principal, now);
    const stage = initialStage(input.kind);
    const created = await trx
      .insertInto('return_case')
      .values({
        case_number: caseNumber,
        kind: input.kind,
        stage,
        stage_changed_at: now,
        legal_status: input.legalStatus,
        country_of_return: input.countryOfReturn,
        office_id: office.id,
        origin_office_id: input.kind === 'post_arrival' ? office.id : null,
        organisation_id: office.organisation_id,
        owner_id: ownerId,
        created_by: actor.userId,
        principal_person_id: principalId,
        admission_date: input.admissionDate ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('case_member').values({ case_id: created.id, person_id: principalId, relationship: 'principal', position: 0 }).execute();
    let position = 1;
    const memberIds: string[] = [];
    for (const m of input.members) {
      const personId = await insertPerson(trx, m.person, now);
      memberIds.push(personId);
      await trx.insertInto('case_member').values({ case_id: created.id, person_id: personId, relationship: m.relationship, position: position++ }).execute();
    }
    await trx.insertInto('stage_transition').values({ case_id: created.id, from_stage: null, to_stage: stage, reason: null, actor_id: actor.userId, at: now }).execute();
    await audit(trx, auditContextOf(actor), {
      event: 'case.created',
      entityType: 'case',
      entityId: created.id,
      caseId: created.id,
      officeId: office.id,
      after: { caseNumber, kind: input.kind, legalStatus: input.legalStatus, countryOfReturn: input.countryOfReturn, ownerId, stage, principal: await sealedAuditedPerson(trx, principalId, input.principal), members: await Promise.all(input.members.map(async (m, i) => ({ ...m, person: await sealedAuditedPerson(trx, memberIds[i]!, m.person) }))), admissionDate: input.admissionDate ?? null },
    });
    return created.id;
  });
}

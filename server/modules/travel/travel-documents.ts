import { z } from 'zod';
import type { TravelDocumentInput, travelDocumentPatch } from '../../../shared/schemas/travel.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { findCase } from '../cases/index.js';
import { lastCharacters, maskNumber } from './travel.repo.js';
import { errors } from './travel.errors.js';
import { openTravelDocumentNumber, sealTravelDocumentNumber } from './number-sealing.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

const documentNotFound = () => errors.TRAVEL_DOCUMENT_NOT_FOUND();

async function assertMember(ex: Executor, caseId: string, personId: string) {
  const m = await ex.selectFrom('case_member').select('id').where('case_id', '=', caseId).where('person_id', '=', personId).executeTakeFirst();
  if (!m) throw errors.TRAVEL_PERSON_NOT_MEMBER({ field: 'personId' });
}

function checkDates(d: { issuedOn?: string | null; expiresOn?: string | null; status: string; hasNumber: boolean }) {
  if (d.issuedOn && d.expiresOn && d.expiresOn < d.issuedOn) {
    throw platformErrors.VALIDATION_FAILED({ field: 'expiresOn' }, 'The expiry date is before the issue date.');
  }
  if (d.status === 'issued' && !d.hasNumber) {
    throw errors.TRAVEL_DOCUMENT_NUMBER_REQUIRED({ field: 'number' });
  }
}

const audited = (d: { type: string; status: string; number_last: string | null; issuing_authority: string | null; requested_on: string | null; issued_on: string | null; expires_on: string | null }) => ({
  type: d.type, status: d.status, number: maskNumber(d.number_last), issuingAuthority: d.issuing_authority,
  requestedOn: d.requested_on, issuedOn: d.issued_on, expiresOn: d.expires_on,
});

export async function addTravelDocument(actor: Actor, caseId: string, input: TravelDocumentInput, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  checkDates({ ...input, hasNumber: !!input.number });
  return db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'travel.manage');
    await assertMember(trx, caseId, input.personId);
    const now = clock.now();
    const row = await trx
      .insertInto('travel_document')
      .values({
        case_id: caseId,
        person_id: input.personId,
        type: input.type,
        number_encrypted: input.number ? await sealTravelDocumentNumber(trx, input.personId, input.number) : null,
        number_last: input.number ? lastCharacters(input.number) : null,
        issuing_authority: input.issuingAuthority ?? null,
        issuing_country: input.issuingCountry ?? null,
        requested_on: input.requestedOn ?? null,
        issued_on: input.issuedOn ?? null,
        expires_on: input.expiresOn ?? null,
        status: input.status,
        notes: input.notes ?? null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.document.created', entityType: 'travel_document', entityId: row.id, caseId, officeId: c.office_id, after: audited(row),
    });
    return { id: row.id, version: row.version };
  });
}

export async function updateTravelDocument(
  actor: Actor, caseId: string, documentId: string, expected: number, input: z.infer<typeof travelDocumentPatch>, { db, clock }: Deps,
) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'travel.manage');
    const before = await trx.selectFrom('travel_document').selectAll().where('id', '=', documentId).where('case_id', '=', caseId).forUpdate().executeTakeFirst();
    if (!before) throw documentNotFound();
    if (before.version !== expected) throw staleVersion();
    checkDates({ issuedOn: input.issuedOn ?? before.issued_on, expiresOn: input.expiresOn ?? before.expires_on, status: input.status, hasNumber: !!(input.number ?? before.number_encrypted) });
    const after = await trx
      .updateTable('travel_document')
      .set({
        type: input.type,
        ...(input.number ? { number_encrypted: await sealTravelDocumentNumber(trx, before.person_id, input.number), number_last: lastCharacters(input.number) } : {}),
        issuing_authority: input.issuingAuthority ?? null,
        issuing_country: input.issuingCountry ?? null,
        requested_on: input.requestedOn ?? null,
        issued_on: input.issuedOn ?? null,
        expires_on: input.expiresOn ?? null,
        status: input.status,
        notes: input.notes ?? null,
        version: before.version + 1,
        updated_at: clock.now(),
      })
      .where('id', '=', documentId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'travel.document.updated', entityType: 'travel_document', entityId: documentId, caseId, officeId: c.office_id,
      before: audited(before), after: audited(after),
    });
    return { id: after.id, version: after.version };
  });
}

/** The full number, on an explicit request: a read of a sensitive field, audited. */
export async function revealTravelDocumentNumber(actor: Actor, caseId: string, documentId: string, { db }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const c = await findCase(trx, actor, caseId, 'travel.manage');
    const d = await trx.selectFrom('travel_document').select(['id', 'number_encrypted']).where('id', '=', documentId).where('case_id', '=', caseId).executeTakeFirst();
    if (!d) throw documentNotFound();
    if (!d.number_encrypted) throw errors.TRAVEL_DOCUMENT_NO_NUMBER();
    await audit(trx, auditContextOf(actor), { event: 'travel.document.number.revealed', entityType: 'travel_document', entityId: documentId, caseId, officeId: c.office_id });
    return { id: d.id, number: await openTravelDocumentNumber(trx, d.number_encrypted) };
  });
}

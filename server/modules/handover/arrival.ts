import { isMoneyCurrency } from '../../../shared/money.js';
import type { ArrivalInput, ReceptionServiceInput, ReceptionServicePatch } from '../../../shared/schemas/handover.js';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { Db, Executor } from '../../platform/db.js';
import { staleVersion } from '../../platform/http.js';
import { changeCase, checkAdmittedBeforeAssistance, findCase, moveCase, readCase, type CaseRow } from '../cases/index.js';
import { presentConsent, sharedWithOrigin } from './consent.js';
import { checkNotFuture } from './dates.js';
import { handoversOfCase, receivingOfficers } from './handovers.js';
import { errors } from './handover.errors.js';
import { platformErrors } from '../../platform/platform.errors.js';
import { caseErrors } from '../cases/index.js';

interface Deps {
  db: Db;
  clock: Clock;
}

/**
 * Whether assistance may be recorded on a case: a person returned by a government is assisted
 * only once admitted into the country, so the admission date must be on record first.
 */
export function requireAdmissionDate(c: Pick<CaseRow, 'kind' | 'admission_date'>) {
  if (c.kind === 'post_arrival' && !c.admission_date) {
    throw caseErrors.ADMISSION_DATE_REQUIRED({ field: 'admissionDate' });
  }
}

/** Only the origin office (the case's origin office, not the host office) records reception. */
function requireOriginOffice(actor: Actor, c: Pick<CaseRow, 'origin_office_id'>) {
  if (!actor.officeId || actor.officeId !== c.origin_office_id) {
    throw platformErrors.FORBIDDEN(undefined, 'Reception is recorded by the office in the country of return.');
  }
}

/**
 * The origin office confirms the returnee's arrival (date, place, who received them): the case
 * moves from departed to arrived. Needs the handover accepted by that office.
 */
export async function confirmArrival(actor: Actor, caseId: string, expected: number, input: ArrivalInput, { db, clock }: Deps) {
  requirePermission(actor, 'reception.manage');
  const name = input.receivedByName?.trim() || null;
  if (!input.receivedByUserId && !name) {
    throw platformErrors.VALIDATION_FAILED({ field: 'receivedByName' }, 'Say who received the returnee: a colleague or a named person.');
  }
  await changeCase({ actor, db, clock }, { caseId, expectedVersion: expected, permission: 'reception.manage' }, async ({ trx, case: c, move, set }) => {
    if (c.stage !== 'departed') throw errors.ARRIVAL_STAGE_INVALID({ stage: c.stage });
    const accepted = await trx.selectFrom('handover').select(['to_office_id']).where('case_id', '=', c.id).where('status', '=', 'accepted').executeTakeFirst();
    if (!accepted || accepted.to_office_id !== c.origin_office_id) {
      throw errors.HANDOVER_NOT_ACCEPTED();
    }
    requireOriginOffice(actor, c);
    const now = clock.now();
    checkNotFuture(input.arrivedOn, now, 'arrivedOn');
    if (input.arrivedOn < c.stage_changed_at.toISOString().slice(0, 10)) {
      throw platformErrors.VALIDATION_FAILED({ field: 'arrivedOn' }, 'The arrival cannot be before the departure.');
    }
    if (input.receivedByUserId) {
      const u = await trx.selectFrom('app_user').select(['id', 'office_id', 'active']).where('id', '=', input.receivedByUserId).executeTakeFirst();
      if (!u || !u.active || u.office_id !== c.origin_office_id) {
        throw platformErrors.VALIDATION_FAILED({ field: 'receivedByUserId' }, 'The person who received the returnee must be an active user of the origin office, or give a name.');
      }
    }
    const values = {
      case_id: c.id, arrived_on: input.arrivedOn, place: input.place, received_by_user_id: input.receivedByUserId ?? null, received_by_name: name,
      recorded_by: actor.userId, recorded_at: now,
    };
    await trx.insertInto('arrival').values(values).execute();
    await move('arrived', 'arrival');
    await audit(trx, auditContextOf(actor), {
      event: 'arrival.confirmed', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.origin_office_id,
      after: { arrivedOn: input.arrivedOn, place: input.place, receivedByUserId: values.received_by_user_id, receivedByName: name },
    });
  });
  return readCase(db, actor, caseId);
}

const presentService = (s: {
  id: string; service: string; status: string; cost_minor: number | null; currency: string | null; note: string | null; version: number;
  created_at: Date | string; updated_at: Date | string; recorded_by_name: string;
}) => ({
  id: s.id,
  service: s.service,
  status: s.status,
  costMinor: s.cost_minor,
  currency: s.currency,
  note: s.note,
  version: s.version,
  recordedByName: s.recorded_by_name,
  createdAt: new Date(s.created_at).toISOString(),
  updatedAt: new Date(s.updated_at).toISOString(),
});

const serviceQuery = (ex: Executor) =>
  ex
    .selectFrom('reception_service as s')
    .innerJoin('app_user as u', 'u.id', 's.recorded_by')
    .select(['s.id', 's.case_id', 's.service', 's.status', 's.cost_minor', 's.currency', 's.note', 's.version', 's.created_at', 's.updated_at', 'u.name as recorded_by_name']);

function checkCost(cost: number | null, currency: string | null) {
  if ((cost === null) !== (currency === null)) {
    throw errors.RECEPTION_COST_INVALID({ field: cost === null ? 'costMinor' : 'currency' });
  }
  if (currency !== null && !isMoneyCurrency(currency)) throw errors.RECEPTION_COST_INVALID({ field: 'currency' }, 'An active ISO 4217 currency with a minor unit is required.');
}

/** Records a reception service with its status and cost (in minor units of an ISO 4217 currency). */
export async function addReceptionService(actor: Actor, caseId: string, input: ReceptionServiceInput, { db, clock }: Deps) {
  requirePermission(actor, 'reception.manage');
  const cost = input.costMinor ?? null;
  const currency = input.currency ?? null;
  checkCost(cost, currency);
  return changeCase({ actor, db, clock }, { caseId, permission: 'reception.manage' }, async ({ trx, case: c }) => {
    requireOriginOffice(actor, c);
    requireAdmissionDate(c);
    const now = clock.now();
    const row = await trx
      .insertInto('reception_service')
      .values({ case_id: c.id, service: input.service, status: input.status, cost_minor: cost, currency, note: input.note || null, recorded_by: actor.userId, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, auditContextOf(actor), {
      event: 'reception.service.added', entityType: 'reception_service', entityId: row.id, caseId: c.id, officeId: c.origin_office_id,
      after: { service: input.service, status: input.status, costMinor: cost, currency, note: input.note ?? null },
    });
    return presentService(await serviceQuery(trx).where('s.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

export async function updateReceptionService(actor: Actor, caseId: string, serviceId: string, expected: number, input: ReceptionServicePatch, { db, clock }: Deps) {
  requirePermission(actor, 'reception.manage');
  return changeCase({ actor, db, clock }, { caseId, permission: 'reception.manage' }, async ({ trx, case: c }) => {
    requireOriginOffice(actor, c);
    requireAdmissionDate(c);
    const s = await serviceQuery(trx).where('s.id', '=', serviceId).where('s.case_id', '=', c.id).forUpdate('s').executeTakeFirst();
    if (!s) throw errors.RECEPTION_SERVICE_NOT_FOUND();
    if (s.version !== expected) throw staleVersion();
    const cost = input.costMinor === undefined ? s.cost_minor : input.costMinor;
    const currency = input.currency === undefined ? s.currency : input.currency;
    checkCost(cost, currency);
    const after = { status: input.status ?? s.status, costMinor: cost, currency, note: input.note === undefined ? s.note : input.note || null };
    await trx
      .updateTable('reception_service')
      .set({ status: after.status as 'planned', cost_minor: cost, currency, note: after.note, version: s.version + 1, updated_at: clock.now() })
      .where('id', '=', s.id)
      .execute();
    await audit(trx, auditContextOf(actor), {
      event: 'reception.service.updated', entityType: 'reception_service', entityId: s.id, caseId: c.id, officeId: c.origin_office_id,
      before: { status: s.status, costMinor: s.cost_minor, currency: s.currency, note: s.note }, after,
    });
    return presentService(await serviceQuery(trx).where('s.id', '=', s.id).executeTakeFirstOrThrow());
  });
}

/**
 * The date a person returned by a government was admitted into the country: not in the future,
 * not before their date of birth. Audited; If-Match on the case.
 */
export async function setAdmissionDate(actor: Actor, caseId: string, expected: number, admissionDate: string, { db, clock }: Deps) {
  requirePermission(actor, 'case.update');
  await changeCase({ actor, db, clock }, { caseId, expectedVersion: expected, permission: 'case.update' }, async ({ trx, case: c, move, set }) => {
    if (c.kind !== 'post_arrival') throw caseErrors.ADMISSION_DATE_NOT_APPLICABLE();
    if (actor.officeId !== c.origin_office_id) throw platformErrors.FORBIDDEN(undefined, 'The admission date is recorded by the office in the country of return.');
    const now = clock.now();
    await checkAdmissionDate(trx, c.principal_person_id, admissionDate, now);
    await checkAdmittedBeforeAssistance(trx, c.id, admissionDate);
    await set({ admission_date: admissionDate });
    await audit(trx, auditContextOf(actor), {
      event: 'case.admission_date.set', entityType: 'case', entityId: c.id, caseId: c.id, officeId: c.office_id,
      before: { admissionDate: c.admission_date }, after: { admissionDate },
    });
  });
  return readCase(db, actor, caseId);
}

/** An admission date is not in the future and not before the principal's date of birth. */
export async function checkAdmissionDate(ex: Executor, principalPersonId: string, admissionDate: string, now: Date) {
  checkNotFuture(admissionDate, now, 'admissionDate');
  const p = await ex.selectFrom('person').select('birth_date').where('id', '=', principalPersonId).executeTakeFirst();
  if (p?.birth_date && admissionDate < p.birth_date) {
    throw platformErrors.VALIDATION_FAILED({ field: 'admissionDate' }, 'The admission date cannot be before the date of birth.');
  }
}

/** The handover and arrival side of a case as the actor sees it (the case tab). */
export async function handoverOverview(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'case.read');
  const isHost = actor.officeId === c.office_id;
  const handovers = await handoversOfCase(db, c.id);
  const consents = isHost
    ? await db
        .selectFrom('handover_consent as k')
        .innerJoin('app_user as u', 'u.id', 'k.recorded_by')
        .select(['k.id', 'k.purpose', 'k.asylum_history', 'k.counselling_notes', 'k.health_information', 'k.consented_on', 'k.recorded_at', 'u.name as recorded_by_name', 'k.ended_at', 'k.ended_reason'])
        .where('k.case_id', '=', c.id)
        .orderBy('k.recorded_at', 'desc')
        .execute()
    : [];
  const arrival = await db
    .selectFrom('arrival as a')
    .leftJoin('app_user as r', 'r.id', 'a.received_by_user_id')
    .innerJoin('app_user as b', 'b.id', 'a.recorded_by')
    .select(['a.arrived_on', 'a.place', 'a.received_by_user_id', 'r.name as received_by_user_name', 'a.received_by_name', 'b.name as recorded_by_name', 'a.recorded_at'])
    .where('a.case_id', '=', c.id)
    .executeTakeFirst();
  const services = await serviceQuery(db).where('s.case_id', '=', c.id).orderBy('s.created_at').execute();
  return {
    caseId: c.id,
    kind: c.kind,
    stage: c.stage,
    countryOfReturn: c.country_of_return,
    originOfficeId: c.origin_office_id,
    admissionDate: c.admission_date,
    audience: isHost ? ('host' as const) : ('origin' as const),
    sharing: await sharedWithOrigin(db, c.id),
    handovers,
    consents: consents.map(presentConsent),
    arrival: arrival
      ? {
          arrivedOn: arrival.arrived_on, place: arrival.place, receivedByUserId: arrival.received_by_user_id,
          receivedByName: arrival.received_by_user_name ?? arrival.received_by_name, recordedByName: arrival.recorded_by_name,
          recordedAt: new Date(arrival.recorded_at).toISOString(),
        }
      : null,
    receptionServices: services.map(presentService),
    // Colleagues who may have received the returnee (offered to the origin office only).
    receivers: actor.officeId && actor.officeId === c.origin_office_id
      ? await db.selectFrom('app_user').select(['id', 'name']).where('office_id', '=', actor.officeId).where('active', '=', true).orderBy('name').execute()
      : [],
  };
}

/**
 * Origin offices in the case's country of return (the choice offered when handing a case over),
 * each with the officers who receive handovers there (one must be named for a restricted case).
 */
export async function originOffices(actor: Actor, caseId: string, { db }: { db: Db }) {
  const c = await findCase(db, actor, caseId, 'handover.send');
  const offices = await db.selectFrom('office').select(['id', 'name']).where('kind', '=', 'origin').where('country_code', '=', c.country_of_return).orderBy('name').execute();
  const items = [];
  for (const o of offices) items.push({ ...o, officers: await receivingOfficers(db, o.id) });
  return { restricted: c.restricted, items };
}

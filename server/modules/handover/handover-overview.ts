import { findCase } from '../cases/index.js';
import { caseDeparture } from '../travel/index.js';
import { presentConsent, readOriginSharing } from './consent.js';
import { handoversOfCase } from './handovers.js';
import { presentService, serviceQuery } from './reception.repo.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/** The handover and arrival side of a case as the actor sees it (the case tab). */
export async function handoverOverview({ caseId }: { caseId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
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
    .select(['a.arrived_on', 'a.place', 'a.received_by_user_id', 'r.name as received_by_user_name', 'a.received_by_name', 'b.name as recorded_by_name', 'a.recorded_at', 'a.legacy_source'])
    .where('a.case_id', '=', c.id)
    .executeTakeFirst();
  const departure = await caseDeparture(db, c.id);
  const services = await serviceQuery(db).where('s.case_id', '=', c.id).orderBy('s.created_at').execute();
  return {
    caseId: c.id,
    kind: c.kind,
    stage: c.stage,
    countryOfReturn: c.country_of_return,
    originOfficeId: c.origin_office_id,
    admissionDate: c.admission_date,
    audience: isHost ? ('host' as const) : ('origin' as const),
    sharing: await readOriginSharing(db, c.id),
    handovers,
    consents: consents.map(presentConsent),
    arrival: arrival
      ? {
          arrivedOn: arrival.arrived_on, place: arrival.place, receivedByUserId: arrival.received_by_user_id,
          receivedByName: arrival.received_by_user_name ?? arrival.received_by_name, recordedByName: arrival.recorded_by_name,
          recordedAt: new Date(arrival.recorded_at).toISOString(), importedFrom: arrival.legacy_source,
        }
      : null,
    receptionServices: services.map(presentService),
    // The journey the returnees left on: the arrival form proposes its last stop and local arrival date.
    journey: departure
      ? {
          carrier: departure.carrier, flight: departure.flight, fromCode: departure.fromCode, toCode: departure.toCode, toKind: departure.toKind,
          departsLocal: departure.departsLocal, departsTimeZone: departure.departsTimeZone, arrivesLocal: departure.arrivesLocal, arrivesTimeZone: departure.arrivesTimeZone,
        }
      : null,
    // Colleagues who may have received the returnee (offered to the origin office only).
    receivers: actor.officeId && actor.officeId === c.origin_office_id
      ? await db.selectFrom('app_user').select(['id', 'name']).where('office_id', '=', actor.officeId).where('active', '=', true).orderBy('name').execute()
      : [],
  };
}

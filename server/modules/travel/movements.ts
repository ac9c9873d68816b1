import { sql } from 'kysely';
import { requirePermission, type Actor, type Clock } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Db, Executor } from '../../platform/db.js';
import { caseScope } from '../cases/index.js';
import { documentName, renderPdf } from './travel-pdf.js';
import { escortLabel, OPEN_BOOKING_STATUSES } from './travel.repo.js';
import { errors } from './travel.errors.js';
import { openTravelDocumentNumber } from './number-sealing.js';
import { platformErrors } from '../../platform/platform.errors.js';

interface Deps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

const addDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Legs of open bookings of cases in the actor's scope, departing between two local dates. */
function flightLegs(ex: Executor, actor: Actor) {
  return ex
    .selectFrom('travel_leg as l')
    .innerJoin('travel_booking as b', 'b.id', 'l.booking_id')
    .innerJoin('return_case as c', 'c.id', 'b.case_id')
    .where('b.status', 'in', [...OPEN_BOOKING_STATUSES])
    .where(caseScope(actor, 'travel.manage'));
}

/**
 * Upcoming flights with the cases on them: legs of open bookings grouped by carrier, flight and
 * local date of departure. Several cases on one flight share a movement manifest.
 */
export async function listMovements(actor: Actor, q: { from?: string; to?: string }, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  const from = q.from ?? clock.now().toISOString().slice(0, 10);
  const to = q.to ?? addDays(from, 90);
  if (to < from) throw platformErrors.VALIDATION_FAILED({ field: 'to' }, 'The end of the period is before its start.');
  const rows = await flightLegs(db, actor)
    .select([
      'l.carrier', 'l.flight_or_route', 'l.from_code', 'l.to_code', 'l.departs_local', 'l.departs_time_zone', 'l.position',
      'b.id as booking_id', 'b.status', 'b.booking_reference', 'b.cancellation_flagged_at', 'c.id as case_id', 'c.case_number',
      sql<number>`(SELECT count(*) FROM travel_booking_member bm WHERE bm.booking_id = b.id)`.as('travellers'),
      sql<number>`(SELECT count(*) FROM travel_escort e WHERE e.booking_id = b.id AND l.position = ANY(e.leg_positions))`.as('escorts'),
    ])
    .where(sql`l.departs_local::date`, '>=', sql`${from}::date`)
    .where(sql`l.departs_local::date`, '<=', sql`${to}::date`)
    .orderBy('l.departs_local')
    .orderBy('l.carrier')
    .orderBy('l.flight_or_route')
    .orderBy('c.case_number')
    .limit(2000)
    .execute();
  const flights = new Map<string, {
    carrier: string; flight: string; date: string; fromCode: string; toCode: string; departsLocal: string; departsTimeZone: string;
    travellers: number; cases: { caseId: string; caseNumber: string; bookingId: string; bookingStatus: string; bookingReference: string | null; travellers: number; escorted: boolean; toCancel: boolean }[];
  }>();
  for (const r of rows) {
    const date = r.departs_local.slice(0, 10);
    const key = `${r.carrier}|${r.flight_or_route}|${date}`;
    let f = flights.get(key);
    if (!f) {
      f = { carrier: r.carrier, flight: r.flight_or_route, date, fromCode: r.from_code, toCode: r.to_code, departsLocal: r.departs_local, departsTimeZone: r.departs_time_zone, travellers: 0, cases: [] };
      flights.set(key, f);
    }
    f.travellers += Number(r.travellers);
    f.cases.push({
      caseId: r.case_id, caseNumber: r.case_number, bookingId: r.booking_id, bookingStatus: r.status, bookingReference: r.booking_reference,
      travellers: Number(r.travellers), escorted: Number(r.escorts) > 0, toCancel: r.cancellation_flagged_at !== null,
    });
  }
  return { from, to, flights: [...flights.values()] };
}

const DOC_PRIORITY = ['passport', 'laissez_passer'];

/** The minimum airport staff need, per passenger of the flight (document numbers decrypted). */
export async function manifestRows(ex: Executor, actor: Actor, q: { carrier: string; flight: string; date: string }) {
  const legs = await flightLegs(ex, actor)
    .select(['l.position', 'l.flight_or_route', 'l.from_code', 'l.to_code', 'l.departs_local', 'l.departs_time_zone', 'l.arrives_local', 'l.arrives_time_zone', 'b.id as booking_id', 'b.booking_reference', 'c.id as case_id', 'c.case_number', 'c.office_id'])
    .where(sql`lower(l.carrier)`, '=', q.carrier.toLowerCase())
    .where(sql`replace(l.flight_or_route, ' ', '')`, '=', q.flight.replace(/\s+/g, ''))
    .where(sql`l.departs_local::date`, '=', sql`${q.date}::date`)
    .orderBy('c.case_number')
    .execute();
  const bookingIds = [...new Set(legs.map((l) => l.booking_id))];
  if (!bookingIds.length) return { legs, passengers: [] };
  const members = await ex
    .selectFrom('travel_booking_member as bm')
    .innerJoin('person as p', 'p.id', 'bm.person_id')
    .leftJoin('travel_member_assistance as a', (j) => j.onRef('a.booking_id', '=', 'bm.booking_id').onRef('a.person_id', '=', 'bm.person_id'))
    .select(['bm.booking_id', 'p.id as person_id', 'p.given_name', 'p.family_name', 'p.sex', 'p.birth_date', 'p.nationality', 'a.needs'])
    .where('bm.booking_id', 'in', bookingIds)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
  const personIds = members.map((m) => m.person_id);
  const docs = await ex
    .selectFrom('travel_document')
    .select(['person_id', 'type', 'number_encrypted', 'expires_on', 'status', 'created_at'])
    .where('person_id', 'in', personIds)
    .where('type', 'in', DOC_PRIORITY as ('passport' | 'laissez_passer')[])
    .where('status', '=', 'issued')
    .orderBy('created_at', 'desc')
    .execute();
  const escorts = await ex.selectFrom('travel_escort as e').leftJoin('app_user as u', 'u.id', 'e.user_id').selectAll('e').select('u.name as user_name').where('e.booking_id', 'in', bookingIds).execute();
  const passengers = await Promise.all(members.map(async (m) => {
    const leg = legs.find((l) => l.booking_id === m.booking_id)!;
    const doc = DOC_PRIORITY.map((t) => docs.find((d) => d.person_id === m.person_id && d.type === t)).find(Boolean);
    const escort = escorts.filter((e) => e.booking_id === m.booking_id && e.leg_positions.includes(leg.position));
    return {
      caseId: leg.case_id,
      caseNumber: leg.case_number,
      officeId: leg.office_id,
      name: documentName(m.family_name, m.given_name),
      sex: m.sex,
      birthDate: m.birth_date,
      nationality: m.nationality,
      documentType: doc?.type ?? null,
      documentNumber: doc?.number_encrypted ? await openTravelDocumentNumber(ex, doc.number_encrypted) : null,
      bookingReference: leg.booking_reference,
      escort: escort.map((e) => `${e.kind === 'medical' ? 'Medical' : 'Operational'}: ${escortLabel(e)}`).join('; '),
      specialAssistance: m.needs,
    };
  }));
  return { legs, passengers };
}

const SEX = { female: 'F', male: 'M', other: 'X', unknown: 'X' } as const;
const DOC_LABEL: Record<string, string> = { passport: 'Passport', laissez_passer: 'Laissez-passer', visa: 'Visa', transit_visa: 'Transit visa', exit_permit: 'Exit permit' };

/** The movement manifest of one flight as a PDF; downloading it is audited on each case it lists. */
export async function manifestPdf(actor: Actor, q: { carrier: string; flight: string; date: string }, { db, clock }: Deps) {
  requirePermission(actor, 'travel.manage');
  return db.transaction().execute(async (trx) => {
    const { legs, passengers } = await manifestRows(trx, actor, q);
    if (!passengers.length) throw errors.TRAVEL_MANIFEST_EMPTY();
    const first = legs[0]!;
    const now = clock.now();
    for (const caseId of [...new Set(passengers.map((p) => p.caseId))]) {
      const p = passengers.find((x) => x.caseId === caseId)!;
      await audit(trx, auditContextOf(actor), {
        event: 'travel.manifest.downloaded', entityType: 'case', entityId: caseId, caseId, officeId: p.officeId,
        details: { carrier: q.carrier, flight: q.flight, date: q.date, passengers: passengers.filter((x) => x.caseId === caseId).length },
      });
    }
    const pdf = await renderPdf({
      title: `Movement manifest - ${q.carrier} ${first.flight_or_route}`,
      subtitle: `${q.date} - ${first.from_code} ${first.departs_local.slice(11, 16)} (${first.departs_time_zone}) to ${first.to_code} ${first.arrives_local.slice(11, 16)} (${first.arrives_time_zone}) - ${passengers.length} passengers`,
      landscape: true,
      sections: [{
        table: {
          columns: [
            { title: '#', width: 3 }, { title: 'Name as on travel document', width: 22 }, { title: 'Sex', width: 4 }, { title: 'Date of birth', width: 9 },
            { title: 'Nationality', width: 7 }, { title: 'Travel document', width: 10 }, { title: 'Number', width: 11 }, { title: 'Booking ref.', width: 9 },
            { title: 'Escort', width: 14 }, { title: 'Special assistance', width: 14 },
          ],
          rows: passengers.map((p, i) => [
            String(i + 1), p.name, SEX[p.sex], p.birthDate ?? '', p.nationality ?? '', p.documentType ? DOC_LABEL[p.documentType]! : '',
            p.documentNumber ?? '', p.bookingReference ?? '', p.escort, p.specialAssistance ?? '',
          ]),
        },
      }],
      footer: `Homeward - printed ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC by ${actor.name} - for airport and carrier staff only`,
    });
    return { pdf, fileName: `manifest-${q.carrier}-${q.flight}-${q.date}.pdf`.replace(/[^A-Za-z0-9.-]+/g, '_') };
  });
}

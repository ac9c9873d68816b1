import { detailsConsent, isHealthCategory } from '../../../shared/protection.js';
import { ENTITLEMENT_COMPONENTS } from '../../../shared/schemas/eligibility.js';
import { requirePermission } from '../../platform/actor.js';
import { audit, auditContextOf } from '../../platform/audit.js';
import { openFor, openIfSealed } from '../../platform/person-keys.js';
import { fieldPolicy, loadMembers, openNoteBody, vulnerabilityDetailsVisible } from '../cases/index.js';
import { sessionNotesOf } from '../counselling/index.js';
import { readOriginSharing } from './consent.js';
import { findIncoming } from './handovers.js';
import { presentHandover } from './handovers.present.js';
import { reintegrationPlanOf } from './reintegration-plan-port.js';
import { errors } from './handover.errors.js';
import type { UseCaseContext } from '../../platform/use-case.js';

/**
 * What the origin office sees of a case handed to it: identity, household, vulnerabilities and
 * special measures, entitlement, travel details and the reintegration plan (its current version,
 * through the port `reintegrationPlanOf`, without the components' descriptions). The legal status (asylum history), the counselling notes (of the counselling sessions,
 * and the case's sensitive notes), health details and the details of other vulnerabilities
 * (`detailsConsent`) only when the returnee consented to share them for the handover's purpose;
 * vulnerability categories and measures travel without consent. The entitlement comes from the
 * confirmed check's amounts (minor units with their currency), with the members' current names.
 * A restricted case's package is read only by the named officer and supervisors
 * (`incomingScope`). Reading it is audited, with the sessions and notes whose sensitive text it sent.
 */
export async function readPackage({ handoverId: id }: { handoverId: string }, ctx: UseCaseContext) {
  const { actor, db } = ctx;
  requirePermission(actor, 'handover.receive');
  const h = await findIncoming(db, actor, id);
  if (h.status === 'declined') throw errors.HANDOVER_NOT_SHARED();
  const c = await db.selectFrom('return_case').select(['id', 'case_number', 'kind', 'stage', 'legal_status', 'country_of_return', 'office_id']).where('id', '=', h.case_id).executeTakeFirstOrThrow();
  const sharing = await readOriginSharing(db, c.id);
  // The receiving office reads the package as the case's origin office, whatever its roles.
  const policy = fieldPolicy(actor, 'origin', sharing);
  const members = await loadMembers(db, c.id);

  const vulnerabilities = await db
    .selectFrom('vulnerability')
    .select(['id', 'person_id', 'category', 'details', 'details_encrypted', 'status', 'identified_on'])
    .where('case_id', '=', c.id)
    .orderBy('identified_on')
    .execute();
  const measures = await db
    .selectFrom('special_measure as m')
    .leftJoin('vulnerability as v', 'v.id', 'm.vulnerability_id')
    .select(['m.id', 'm.person_id', 'm.kind', 'm.title', 'm.status', 'm.due_on', 'm.notes', 'v.category'])
    .where('m.case_id', '=', c.id)
    .orderBy('m.created_at')
    .execute();
  const check = await db
    .selectFrom('eligibility_check')
    .select(['id', 'final_outcome', 'outcome', 'rules_version', 'confirmed_at', 'currency', 'household_total_minor'])
    .where('case_id', '=', c.id)
    .where('confirmed_at', 'is not', null)
    .orderBy('confirmed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const amounts = check
    ? await db.selectFrom('eligibility_check_amount').select(['component', 'person_id', 'amount_minor', 'currency']).where('check_id', '=', check.id).execute()
    : [];
  const bookings = await db
    .selectFrom('travel_booking')
    .select(['id', 'status', 'travel_date', 'booking_reference'])
    .where('case_id', '=', c.id)
    .orderBy('travel_date')
    .execute();
  const legs = bookings.length
    ? await db.selectFrom('travel_leg').selectAll().where('booking_id', 'in', bookings.map((b) => b.id)).orderBy('booking_id').orderBy('position').execute()
    : [];
  // Counselling notes, as the origin office reads them after acceptance: the sessions' notes and
  // the case's sensitive notes, only with the returnee's consent (the field policy).
  const sessions = policy.sensitiveNotes ? await sessionNotesOf(db, c.id) : [];
  const sensitiveNotes = policy.sensitiveNotes
    ? await db
        .selectFrom('case_note as n')
        .innerJoin('app_user as u', 'u.id', 'n.author_id')
        .select(['n.id', 'n.body', 'n.body_encrypted', 'n.created_at', 'u.name as author_name'])
        .where('n.case_id', '=', c.id)
        .where('n.sensitive', '=', true)
        .execute()
        .then((rows) => Promise.all(rows.map(async (n) => ({ ...n, body: await openNoteBody(db, n) }))))
    : [];
  const notes = policy.sensitiveNotes
    ? [
        ...sessions.map((n) => ({ id: n.id, source: 'counselling_session' as const, body: n.notes, authorName: n.counsellorName, at: n.startsAt })),
        ...sensitiveNotes.map((n) => ({ id: n.id, source: 'case_note' as const, body: n.body, authorName: n.author_name, at: n.created_at })),
      ].sort((a, b) => b.at.getTime() - a.at.getTime())
    : null;
  const nameOf = new Map(members.map((m) => [m.person_id, `${m.given_name} ${m.family_name}`.trim()]));
  const plan = await reintegrationPlanOf(db, c.id);

  await audit(db, auditContextOf(actor), {
    event: 'handover.package.viewed', entityType: 'handover', entityId: h.id, caseId: c.id, officeId: h.to_office_id,
    details: {
      shared: sharing,
      ...(notes?.length
        ? { sensitiveNotesRead: { counsellingSessions: sessions.map((n) => n.id), caseNotes: sensitiveNotes.map((n) => n.id) } }
        : {}),
    },
  });

  return {
    handover: presentHandover(h),
    sharing,
    case: {
      caseNumber: c.case_number,
      kind: c.kind,
      stage: c.stage,
      countryOfReturn: c.country_of_return,
      ...(policy.legalStatus ? { legalStatus: c.legal_status } : {}),
    },
    household: members.map((m) => ({
      personId: m.person_id,
      relationship: m.relationship,
      travelling: m.travelling,
      givenName: m.given_name,
      familyName: m.family_name,
      originalScriptName: m.original_script_name,
      sex: m.sex,
      birthDate: m.birth_date,
      birthDateEstimated: m.birth_date_estimated,
      nationality: m.nationality,
    })),
    vulnerabilities: await Promise.all(vulnerabilities.map(async (v) => ({
      id: v.id,
      personId: v.person_id,
      memberName: nameOf.get(v.person_id) ?? '',
      category: v.category,
      status: v.status,
      identifiedOn: v.identified_on,
      ...(vulnerabilityDetailsVisible(policy, detailsConsent(v.category)) ? { details: v.details_encrypted === null ? v.details : await openFor(db, v.person_id, v.details_encrypted) } : {}),
    }))),
    specialMeasures: await Promise.all(measures.map(async (m) => ({
      id: m.id,
      personId: m.person_id,
      memberName: nameOf.get(m.person_id) ?? '',
      kind: m.kind,
      title: m.title,
      status: m.status,
      dueOn: m.due_on,
      ...(isHealthCategory(m.category) && !policy.healthInformation ? {} : { notes: await openIfSealed(db, m.notes) }),
    }))),
    entitlement: check ? presentEntitlement(check, amounts, nameOf) : null,
    travel: bookings.map((b) => ({
      id: b.id,
      status: b.status,
      travelDate: b.travel_date,
      bookingReference: b.booking_reference,
      legs: legs.filter((l) => l.booking_id === b.id).map((l) => ({
        position: l.position, carrier: l.carrier, flightOrRoute: l.flight_or_route, fromCode: l.from_code, fromKind: l.from_kind, toCode: l.to_code, toKind: l.to_kind,
        departsLocal: l.departs_local, departsTimeZone: l.departs_time_zone, arrivesLocal: l.arrives_local, arrivesTimeZone: l.arrives_time_zone,
      })),
    })),
    reintegrationPlan: plan ? { exists: true, ...plan } : { exists: false },
    ...(notes ? { counsellingNotes: notes.map((n) => ({ id: n.id, source: n.source, body: n.body, authorName: n.authorName, at: n.at.toISOString() })) } : {}),
  };
}

/**
 * The confirmed entitlement as the package's table needs it: one line per component and member
 * (members named, components as closed-list keys), the totals per component and per member, and
 * the household total, in minor units of the check's currency.
 */
function presentEntitlement(
  check: { final_outcome: string | null; outcome: string; rules_version: number; confirmed_at: Date | string | null; currency: string; household_total_minor: number },
  amounts: { component: string; person_id: string; amount_minor: number; currency: string }[],
  nameOf: Map<string, string>,
) {
  const order = (component: string) => ENTITLEMENT_COMPONENTS.indexOf(component as (typeof ENTITLEMENT_COMPONENTS)[number]);
  const memberOrder = [...nameOf.keys()];
  const lines = amounts
    .filter((a) => a.currency === check.currency)
    .sort((a, b) => order(a.component) - order(b.component) || memberOrder.indexOf(a.person_id) - memberOrder.indexOf(b.person_id))
    .map((a) => ({ component: a.component, personId: a.person_id, memberName: nameOf.get(a.person_id) ?? '', amountMinor: Number(a.amount_minor) }));
  const sum = (xs: { amountMinor: number }[]) => xs.reduce((total, x) => total + x.amountMinor, 0);
  const components = [...new Set(lines.map((l) => l.component))].map((component) => ({ component, totalMinor: sum(lines.filter((l) => l.component === component)) }));
  const members = [...new Set(lines.map((l) => l.personId))].map((personId) => ({
    personId, name: nameOf.get(personId) ?? '', totalMinor: sum(lines.filter((l) => l.personId === personId)),
  }));
  return {
    outcome: check.final_outcome ?? check.outcome,
    rulesVersion: check.rules_version,
    confirmedAt: new Date(check.confirmed_at!).toISOString(),
    currency: check.currency,
    lines,
    components,
    members,
    householdTotalMinor: Number(check.household_total_minor),
  };
}

import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from './test-support/harness.js';
import { pdfText } from './test-support/pdf-text.js';

/**
 * What the office in the country of return reads of a case handed over and accepted while the
 * returnee withheld every consent to share: no legal status (asylum history), no counselling
 * notes, no health information, in any answer. The GET routes are taken from the running app, so
 * a route added later is walked the day it is added.
 */
const t = await testApp();
const { call, db } = t;

const host = await t.officeWith(['caseworker', 'counsellor', 'office_manager']);
const origin = await t.officeWith(['reintegration_officer', 'office_manager'], { kind: 'origin', country: 'IQ', organisationId: host.organisationId });
const cw = host.users.caseworker.session;
const counsellor = host.users.counsellor.session;
const hostManager = host.users.office_manager.session;

/** Distinctive values put in the case's sensitive fields; none may reach the origin office. */
const LEGAL_STATUS = 'stranded_migrant';
const COUNSELLING = 'COUNSELMARK';
const SENSITIVE_NOTE = 'SENSNOTEMARK';
const HEALTH = 'HEALTHMARK';
/** What happened on the way (violence, trafficking) travels with the asylum history. */
const STORY = 'STORYMARK';

const ok = <R extends { statusCode: number; body: string }>(res: R, what: string): R => {
  if (res.statusCode >= 300) throw new Error(`${what} failed ${res.statusCode} ${res.body}`);
  return res;
};

async function upload(s: Session, caseId: string, fileName: string, content: string) {
  const res = await t.app.inject({
    method: 'POST', url: `/api/cases/${caseId}/attachments`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'multipart/form-data; boundary=XX' },
    payload: `--XX\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n--XX--\r\n`,
  });
  return ok(res, 'upload').json().id as string;
}

/** A household returning to Iraq with every kind of sensitive record, handed over and accepted without consent. */
async function handedOverCase() {
  const created = ok(await call(cw, 'POST', '/api/cases', householdInput({ legalStatus: LEGAL_STATUS })), 'register').json();
  const id = created.id as string;
  const personIds = created.members.map((m: { person: { id: string } }) => m.person.id) as string[];
  const c = await db.selectFrom('return_case').select(['owner_id']).where('id', '=', id).executeTakeFirstOrThrow();

  // Protection: a medical vulnerability with its measures, a health record with a certificate.
  const medical = ok(await call(cw, 'POST', `/api/cases/${id}/vulnerabilities`, { personId: personIds[0], category: 'medical_physical', details: `${HEALTH} kidney failure`, identifiedOn: '2026-02-01' }), 'vulnerability').json();
  ok(await call(cw, 'POST', `/api/cases/${id}/vulnerabilities`, { personId: personIds[1], category: 'violence_victim', details: `${STORY} beaten by smugglers in Libya`, identifiedOn: '2026-02-01' }), 'vulnerability');
  await db.updateTable('special_measure').set({ notes: `${HEALTH} dialysis twice a week`, owner_id: origin.users.office_manager.id }).where('vulnerability_id', '=', medical.id).execute();
  const certificate = await upload(cw, id, `certificate-${HEALTH}.txt`, `${HEALTH} certificate: renal failure, dialysis`);
  ok(await call(counsellor, 'PUT', `/api/cases/${id}/persons/${personIds[0]}/health`, {
    conditions: `${HEALTH} chronic renal failure`, medication: `${HEALTH} tacrolimus`, travelNeeds: `${HEALTH} oxygen on board`, fitToTravel: 'fit_with_escort',
    certificateAttachmentId: certificate, certifiedBy: `Dr ${HEALTH}`, certifiedOn: '2026-02-10',
  }), 'health');
  await upload(cw, id, 'receipt.txt', 'Received 200 EUR');

  // Counselling: a session with notes, and a sensitive note on the case.
  const now = new Date('2026-02-15T10:00:00Z');
  await db.insertInto('counselling_session').values({
    case_id: id, starts_at: now, mode: 'office', counsellor_id: c.owner_id, status: 'held', notes: `${COUNSELLING} fears the militia in his village`,
    languages: ['ar'], topics: [], participant_person_ids: [], other_participants: [], next_steps: 'Meet again', created_by: c.owner_id, created_at: now, updated_at: now,
  }).execute();
  ok(await call(counsellor, 'POST', `/api/cases/${id}/notes`, { body: `${SENSITIVE_NOTE} spoke of the detention`, sensitive: true }), 'note');
  ok(await call(cw, 'POST', `/api/cases/${id}/notes`, { body: 'Prefers phone calls in the afternoon.', sensitive: false }), 'note');

  // Eligibility against a project that looks at the legal status, then decisions and travel.
  await t.makeEligible(id, cw, hostManager, { legalStatuses: [LEGAL_STATUS, 'asylum_pending'] });
  for (const personId of personIds) {
    await db.insertInto('informed_decision').values({
      case_id: id, person_id: personId, version: 1, decided_on: '2026-02-20', decided_by: 'self', representative_name: null, language: 'ar',
      information_understood: true, no_pressure: true, declaration_attachment_id: null, counsellor_id: c.owner_id, recorded_by: c.owner_id, ended_at: null, ended_reason: null,
    }).execute();
  }
  await db.updateTable('return_case').set({ stage: 'approved' }).where('id', '=', id).execute();
  const leg = { carrier: 'Turkish Airlines', flightOrRoute: 'TK 1938', fromCode: 'BRU', toCode: 'IST', departsLocal: '2026-04-10T11:05', departsTimeZone: 'Europe/Brussels', arrivesLocal: '2026-04-10T15:50', arrivesTimeZone: 'Europe/Istanbul' };
  const leg2 = { ...leg, flightOrRoute: 'TK 786', fromCode: 'IST', toCode: 'EBL', departsLocal: '2026-04-10T18:30', departsTimeZone: 'Europe/Istanbul', arrivesLocal: '2026-04-10T20:45', arrivesTimeZone: 'Asia/Baghdad' };
  ok(await call(cw, 'POST', `/api/cases/${id}/travel/bookings`, { legs: [leg, leg2] }), 'booking');
  ok(await call(cw, 'POST', `/api/cases/${id}/travel/documents`, { personId: personIds[0], type: 'passport', number: 'A1234567', status: 'issued', expiresOn: '2030-01-01' }), 'document');
  await db.updateTable('return_case').set({ stage: 'departed' }).where('id', '=', id).execute();

  const consent = { asylumHistory: false, counsellingNotes: false, healthInformation: false, consentedOn: '2026-02-28' };
  const h = ok(await call(cw, 'POST', `/api/cases/${id}/handovers`, { toOfficeId: origin.office.id, purpose: 'reception', consent }), 'handover').json();
  ok(await call(origin.users.office_manager.session, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` }), 'accept');
  return { id, handoverId: h.id as string, certificate };
}

/** The ids of a case's sub-records, by the path segment that names them in a route. */
async function childIds(caseId: string, handoverId: string): Promise<Record<string, string[]>> {
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
  const bookings = ids(await db.selectFrom('travel_booking').select('id').where('case_id', '=', caseId).execute());
  return {
    attachments: ids(await db.selectFrom('case_attachment').select('id').where('case_id', '=', caseId).execute()),
    bookings,
    transits: bookings.length ? ids(await db.selectFrom('travel_transit').select('id').where('booking_id', 'in', bookings).execute()) : [],
    documents: ids(await db.selectFrom('travel_document').select('id').where('case_id', '=', caseId).execute()),
    persons: (await db.selectFrom('case_member').select('person_id').where('case_id', '=', caseId).execute()).map((m) => m.person_id),
    members: (await db.selectFrom('case_member').select('person_id').where('case_id', '=', caseId).execute()).map((m) => m.person_id),
    vulnerabilities: ids(await db.selectFrom('vulnerability').select('id').where('case_id', '=', caseId).execute()),
    measures: ids(await db.selectFrom('special_measure').select('id').where('case_id', '=', caseId).execute()),
    'counselling-sessions': ids(await db.selectFrom('counselling_session').select('id').where('case_id', '=', caseId).execute()),
    'reception-services': ids(await db.selectFrom('reception_service').select('id').where('case_id', '=', caseId).execute()),
    'handover-consents': ids(await db.selectFrom('handover_consent').select('id').where('case_id', '=', caseId).execute()),
    checks: ids(await db.selectFrom('eligibility_check').select('id').where('case_id', '=', caseId).execute()),
    components: ids(await db.selectFrom('reintegration_component').select('id').where('case_id', '=', caseId).execute()),
    handovers: [handoverId],
  };
}

/**
 * Every URL a route stands for on this case: `:id` after /api/cases is the case, after
 * /api/handovers its handover; any other parameter takes each id of the records named by the
 * segment before it. Null when the route is not about a case; throws when a parameter is unknown.
 */
function expand(url: string, caseId: string, children: Record<string, string[]>): string[] | null {
  const segments = url.split('/');
  if (!segments.some((s) => s.startsWith(':'))) return [url];
  if (!url.startsWith('/api/cases/:id') && !url.startsWith('/api/handovers/:id')) return null;
  let urls = [''];
  segments.forEach((s, i) => {
    if (i === 0) return;
    let values: string[];
    if (!s.startsWith(':')) values = [s];
    else if (i === 3 && segments[2] === 'cases') values = [caseId];
    else {
      const known = children[segments[i - 1]!];
      if (!known) throw new Error(`${url}: no ids known for ${s} after ${segments[i - 1]}`);
      values = known;
    }
    urls = urls.flatMap((u) => values.map((v) => `${u}/${v}`));
  });
  return urls;
}

const bodyText = (res: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }) =>
  String(res.headers['content-type'] ?? '').includes('pdf') ? `${pdfText(res.rawPayload)}\n${res.body}` : res.body;

describe('the origin office reads a case handed over without consent', () => {
  it('finds no legal status, counselling note or health information in any GET answer', async () => {
    const { id, handoverId, certificate } = await handedOverCase();
    // The medical certificate is health information: the origin office does not find it.
    const hidden = `/api/cases/${id}/attachments/${certificate}`;
    const children = await childIds(id, handoverId);
    const stored = await db.selectFrom('eligibility_check').select('facts_hash').where('case_id', '=', id).execute();
    expect(stored.length).toBeGreaterThan(0);
    // The hash of the facts would let anyone try the six legal statuses until one matches.
    const markers = [LEGAL_STATUS, LEGAL_STATUS.replace('_', ' '), COUNSELLING, SENSITIVE_NOTE, HEALTH, STORY, ...stored.map((s) => s.facts_hash)];

    const routes = t.app.routeCatalogue.filter((r) => r.method === 'GET' && !r.public);
    const caseRoutes = routes.filter((r) => r.url.startsWith('/api/cases/:id') || r.url.startsWith('/api/handovers/:id'));
    expect(caseRoutes.length).toBeGreaterThanOrEqual(15);

    const leaks: string[] = [];
    const refused: string[] = [];
    let walked = 0;
    for (const [role, user] of Object.entries(origin.users)) {
      for (const route of routes) {
        const urls = expand(route.url, id, children);
        if (!urls) continue;
        for (const url of urls) {
          const res = await call(user.session, 'GET', url);
          walked += 1;
          const text = bodyText(res).toLowerCase();
          for (const m of markers) if (text.includes(m.toLowerCase())) leaks.push(`${role} GET ${url}: ${m}`);
          const expected = url === hidden ? 404 : 200;
          if (role === 'office_manager' && caseRoutes.includes(route) && res.statusCode !== expected) refused.push(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(walked).toBeGreaterThan(caseRoutes.length);
    expect(leaks).toEqual([]);
    // The walk reads the case, not refusals: the office manager has every read right.
    expect(refused).toEqual([]);

    // The categories themselves are read, and details the origin office records itself too.
    const om = origin.users.office_manager.session;
    const protection = (await call(om, 'GET', `/api/cases/${id}/protection`)).json();
    expect(protection.vulnerabilities.map((v: { category: string }) => v.category).sort()).toEqual(['medical_physical', 'violence_victim']);
    const principal = protection.vulnerabilities[0].personId;
    ok(await call(origin.users.reintegration_officer.session, 'POST', `/api/cases/${id}/vulnerabilities`, { personId: principal, category: 'elderly', details: 'Lives alone in Erbil since arrival.', identifiedOn: '2026-03-01' }), 'own screening');
    const own = (await call(om, 'GET', `/api/cases/${id}/protection`)).json().vulnerabilities.find((v: { category: string }) => v.category === 'elderly');
    expect(own.details).toBe('Lives alone in Erbil since arrival.');

    // The eligibility check keeps the legal-status criterion's outcome, not the value compared.
    const check = (await call(om, 'GET', `/api/cases/${id}/eligibility`)).json().check;
    expect(check.outcome).toBe('eligible');
    expect(check.criteria).toContainEqual({ criterion: 'legalStatus', passed: true, code: 'legalStatus.withheld', params: {} });
    expect(check.facts).not.toHaveProperty('legalStatus');
    expect(check.facts.members).toHaveLength(2);

    // Once the returnee consents to share the asylum history, the origin office reads it there too.
    ok(await call(cw, 'POST', `/api/cases/${id}/handover-consents`, { purpose: 'reception', asylumHistory: true, counsellingNotes: false, healthInformation: false, consentedOn: '2026-03-01' }), 'consent');
    const shared = (await call(om, 'GET', `/api/cases/${id}/eligibility`)).json().check;
    expect(shared.facts.legalStatus).toBe(LEGAL_STATUS);
    expect(shared.criteria.find((r: { criterion: string }) => r.criterion === 'legalStatus').code).toBe('legalStatus.allowed');

    // The host office still reads all of it.
    const hostView = (await call(hostManager, 'GET', `/api/cases/${id}/eligibility`)).body;
    expect(hostView).toContain(LEGAL_STATUS);
    expect((await call(hostManager, 'GET', `/api/cases/${id}/protection`)).body).toContain(HEALTH);
    expect((await call(hostManager, 'GET', `/api/cases/${id}/attachments`)).body).toContain(HEALTH);
    expect((await call(hostManager, 'GET', hidden)).statusCode).toBe(200);
  });
});

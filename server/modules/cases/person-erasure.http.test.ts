import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Permission, Scope } from '../../../shared/access.js';
import { ERASED_VALUE } from '../../../shared/crypto.js';
import { AGE_BANDS, STAT_FIGURES } from '../../../shared/schemas/statistics.js';
import type { Actor } from '../../platform/actor.js';
import { householdInput, multipartUpload, testApp, type Session } from '../../test-support/harness.js';
import { statisticsFigure } from '../statistics/index.js';

const t = await testApp();
const { call, officeWith, db, fx, login } = t;

const REASON = 'The returnee asked for their data to be erased, by letter of 3 March.';
let serial = 0;

/** A statistics reader of the organisation who also reads its cases: exact figures, without disclosure control. */
const reader = (at: { officeId: string; organisationId: string }, scope: Scope = 'organisation'): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001', name: 'Reader', email: 'r@example.org', officeId: at.officeId, organisationId: at.organisationId,
  preferredLanguage: 'en', grants: new Map<Permission, Scope>([['statistics.read', scope], ['case.read', scope], ['case.restricted', scope]]), roles: [], totpEnabled: false, totpEnrolmentRequired: false,
  sessionTokenHash: '', csrfToken: '', ip: null,
});

/** One office with a caseworker, its organisation's data-protection officer, and a household of one with a name of its own. */
async function setting(opts: { members?: unknown[] } = {}) {
  const a = await officeWith(['caseworker']);
  const dpoUser = await fx.user({ roles: ['data_protection_officer'], organisationId: a.organisationId, officeId: null });
  const dpo = await login(dpoUser.email, dpoUser.password);
  serial += 1;
  const tag = 'abcdefghijklmnopqrstuvwxyz'[serial]!;
  const givenName = `Zenobiaq${tag}`;
  const familyName = `Quillfeatherby${tag}`;
  const created = await call(a.users.caseworker.session, 'POST', '/api/cases', householdInput({
    principal: {
      givenName, familyName, sex: 'female', birthDate: '1988-04-12', nationality: 'IQ', originalScriptName: `زنوبيا${serial}`,
      phone: `+32 470 55 0${serial}`, email: `zenobia${serial}@example.org`, documents: [{ type: 'passport', number: `QX77${serial}123`, issuingCountry: 'IQ' }],
    },
    members: opts.members ?? [],
  }));
  expect(created.statusCode).toBe(201);
  const caseId = created.json().id as string;
  const member = await db.selectFrom('case_member').select('person_id').where('case_id', '=', caseId).where('relationship', '=', 'principal').executeTakeFirstOrThrow();
  return { a, cw: a.users.caseworker.session, dpo, caseId, caseNumber: created.json().caseNumber as string, personId: member.person_id, givenName, familyName };
}

/** The case ended, counted by the statistics as a departure of 2024. */
const close = (caseId: string) => db.updateTable('return_case').set({ stage: 'closed', departed_on: '2024-05-01' }).where('id', '=', caseId).execute();

async function attach(s: Session, caseId: string, name: string, content: string) {
  const { payload, contentType } = multipartUpload({ name, content: Buffer.from(content) }, `About ${name}`);
  const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/attachments`, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType } });
  expect(res.statusCode).toBe(201);
}

/** Every figure the statistics answer for the organisation, as the module reads them. */
async function figures(at: { officeId: string; organisationId: string }) {
  const out: Record<string, unknown> = {};
  for (const figure of STAT_FIGURES) {
    for (const kind of ['voluntary_return', 'post_arrival'] as const) {
      out[`${figure}/${kind}`] = await statisticsFigure(db, reader(at), figure, { kind, top: 10, year: 2024 }).catch((err: Error) => `error ${err.message}`);
    }
  }
  // Legal status and household size by sex and age band, read from their own tables of sums.
  for (const figure of ['legal-status', 'household'] as const) {
    for (const sex of ['female', 'male'] as const) {
      for (const ageBand of AGE_BANDS) out[`${figure}/${sex}/${ageBand}`] = await statisticsFigure(db, reader(at), figure, { kind: 'voluntary_return', top: 10, sex, ageBand });
    }
  }
  return out;
}

/** Rows of every table (but the audit trail) whose text holds `needle`, as `table: count`. */
async function tablesHolding(needle: string) {
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'audit_event'`.execute(db);
  const found: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)} x WHERE x::text ILIKE ${`%${needle}%`}`.execute(db);
    if (rows[0]!.n > 0) found[name] = rows[0]!.n;
  }
  return found;
}

describe('restriction of processing', () => {
  it('takes the person\'s cases out of everyone\'s scope but the officer\'s, reads and writes alike, until lifted; the statistics still count them', async () => {
    const { a, cw, dpo, caseId, personId, givenName, familyName } = await setting();
    await close(caseId);
    const search = async (q?: string) => (await call(cw, 'POST', '/api/cases/search', q ? { q } : {})).json().items.map((i: { id: string }) => i.id);
    const duplicates = async () => (await call(cw, 'POST', '/api/cases/duplicates', { givenName, familyName, birthDate: '1988-04-12', nationality: 'IQ' })).json().candidates.map((c: { caseId: string }) => c.caseId);
    expect((await call(cw, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    expect(await search()).toContain(caseId);
    expect(await duplicates()).toContain(caseId);
    const before = await figures({ officeId: a.office.id, organisationId: a.organisationId });

    const short = await call(dpo, 'POST', `/api/persons/${personId}/restriction`, { reason: 'Asked by phone' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('PERSON_DECISION_REASON_TOO_SHORT');
    const restricted = await call(dpo, 'POST', `/api/persons/${personId}/restriction`, { reason: REASON });
    expect(restricted.statusCode).toBe(200);
    expect(restricted.json().restriction).toMatchObject({ reason: REASON });
    expect((await call(dpo, 'POST', `/api/persons/${personId}/restriction`, { reason: REASON })).json().error.code).toBe('PERSON_RESTRICTION_EXISTS');

    for (const url of [`/api/cases/${caseId}`, `/api/cases/${caseId}/notes`, `/api/cases/${caseId}/history`]) expect((await call(cw, 'GET', url)).statusCode, url).toBe(404);
    expect((await call(cw, 'POST', `/api/cases/${caseId}/notes`, { body: 'Still here?' })).statusCode).toBe(404);
    expect(await search()).not.toContain(caseId);
    expect(await search(familyName)).not.toContain(caseId);
    expect(await duplicates()).not.toContain(caseId);
    // The officer still sees the person; the statistics do not change.
    const state = (await call(dpo, 'GET', `/api/persons/${personId}/data-protection`)).json();
    expect(state.person).toMatchObject({ givenName, familyName, erasedAt: null });
    expect(state.restriction.reason).toBe(REASON);
    expect(await figures({ officeId: a.office.id, organisationId: a.organisationId })).toEqual(before);

    expect((await call(dpo, 'POST', `/api/persons/${personId}/restriction/lift`, { reason: 'The dispute about the accuracy is settled.' })).statusCode).toBe(200);
    expect((await call(cw, 'GET', `/api/cases/${caseId}`)).statusCode).toBe(200);
    expect(await search(familyName)).toContain(caseId);
    const events = await db.selectFrom('audit_event').select('event').where('entity_id', '=', personId).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['person.restriction.placed', 'person.restriction.lifted']);
  });
});

describe('erasure', () => {
  it('destroys the person\'s names, contacts, documents, notes and files, keeps the statistics equal, and is audited without the data', async () => {
    const { a, cw, dpo, caseId, personId, givenName, familyName } = await setting();
    expect((await call(cw, 'POST', `/api/cases/${caseId}/notes`, { body: `Called ${givenName} ${familyName} about the flight.` })).statusCode).toBe(201);
    await attach(cw, caseId, `${familyName}-letter.txt`, `Passport of ${givenName} ${familyName}`);
    await close(caseId);
    const at = { officeId: a.office.id, organisationId: a.organisationId };
    const before = await figures(at);
    expect(before['years/voluntary_return']).toMatchObject({ controlled: false, total: { value: 1 } });
    expect(before['sex-age/voluntary_return']).toMatchObject({ total: { value: 1 } });
    expect(before['legal-status/female/35-59']).toMatchObject({ total: { value: 1 } });
    expect(before['household/female/35-59']).toMatchObject({ total: { value: 1 }, rows: expect.arrayContaining([{ key: '1', value: 1, withheld: null }]) });
    expect(Object.keys(await tablesHolding(familyName))).toEqual(expect.arrayContaining(['person', 'case_note', 'case_attachment']));

    const preview = await call(dpo, 'GET', `/api/persons/${personId}/erasure-preview`);
    expect(preview.statusCode).toBe(200);
    const counts = Object.fromEntries(preview.json().counts.map((c: { kind: string; count: number }) => [c.kind, c.count]));
    expect(counts).toMatchObject({ names: 3, contacts: 2, identity_documents: 1, notes: 1, attachments: 1 });
    expect(preview.json().blockers).toEqual([]);

    const erased = await call(dpo, 'POST', `/api/persons/${personId}/erasure`, { reason: REASON });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().counts).toEqual(preview.json().counts);

    expect(await tablesHolding(familyName)).toEqual({});
    expect(await tablesHolding(givenName)).toEqual({});
    expect(await tablesHolding(`زنوبيا${serial}`)).toEqual({});
    expect(await tablesHolding(`zenobia${serial}@example.org`)).toEqual({});
    expect(await tablesHolding(`QX77${serial}123`)).toEqual({});
    const person = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    // The name is the erased marker (each screen shows it in its reader's language); of the birth date the year stays, marked estimated.
    expect(person).toMatchObject({ given_name: ERASED_VALUE, family_name: '', name_folded: '', name_skeleton: '', block_keys: [], sex: 'female', birth_date: '1988-07-01', birth_date_estimated: true, nationality: 'IQ' });
    expect(person.erased_at).not.toBeNull();
    // Crypto-shredding: the person's data key is gone, so what was sealed for them reads as erased.
    const key = await db.selectFrom('person_key').select(['wrapped_key', 'destroyed_at']).where('person_id', '=', personId).executeTakeFirstOrThrow();
    expect(key).toMatchObject({ wrapped_key: null });
    expect(key.destroyed_at).not.toBeNull();
    const file = await db.selectFrom('case_attachment').select(['content', 'size_bytes']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(file).toMatchObject({ size_bytes: 0 });
    expect(file.content.length).toBe(0);
    expect(await figures(at)).toEqual(before);

    // The closed case stays, with an erased person; the duplicate check no longer finds them.
    const opened = (await call(cw, 'GET', `/api/cases/${caseId}`)).json();
    expect(opened.members[0].person).toMatchObject({ erased: true, givenName: ERASED_VALUE, familyName: '', birthDate: '1988-07-01', birthDateEstimated: true });
    expect((await call(cw, 'POST', '/api/cases/search', {})).json().items.find((i: { id: string }) => i.id === caseId).principal).toMatchObject({ givenName: ERASED_VALUE, familyName: '' });
    const dup = (await call(cw, 'POST', '/api/cases/duplicates', { givenName, familyName, birthDate: '1988-04-12', nationality: 'IQ' })).json();
    expect(dup.candidates.map((c: { caseId: string }) => c.caseId)).not.toContain(caseId);

    const entry = await db.selectFrom('audit_event').select(['details']).where('event', '=', 'person.erased').where('entity_id', '=', personId).executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ counts: { names: 3, contacts: 2, notes: 1, attachments: 1 }, cases: [caseId] });
    expect(JSON.stringify(entry.details)).not.toContain(familyName);
    expect(JSON.stringify(entry.details)).not.toContain(givenName);

    const again = await call(dpo, 'POST', `/api/persons/${personId}/erasure`, { reason: REASON });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('PERSON_ERASED');
    expect((await call(dpo, 'GET', `/api/persons/${personId}/data-protection`)).json().person.erasedAt).not.toBeNull();
    // Nobody types the names back in.
    const retyped = await call(cw, 'PATCH', `/api/cases/${caseId}/persons/${personId}`, { givenName }, { 'if-match': `"${personId}.${person.version}"` });
    expect(retyped.statusCode, retyped.body).toBe(409);
    expect(retyped.json().error.code).toBe('PERSON_ERASED');
  });

  it('keeps the notes and files of a household the person shares, and the other members\' names', async () => {
    const { dpo, cw, caseId, personId, familyName } = await setting({ members: [{ relationship: 'spouse', person: { givenName: 'Oyelaran', familyName: 'Bankolefemi', sex: 'male', birthDate: '1985-02-02', nationality: 'IQ' } }] });
    expect((await call(cw, 'POST', `/api/cases/${caseId}/notes`, { body: 'The household agreed on the date.' })).statusCode).toBe(201);
    await close(caseId);
    const preview = (await call(dpo, 'GET', `/api/persons/${personId}/erasure-preview`)).json();
    expect(preview.counts.find((c: { kind: string }) => c.kind === 'notes').count).toBe(0);
    const erased = await call(dpo, 'POST', `/api/persons/${personId}/erasure`, { reason: REASON });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await tablesHolding(familyName)).toEqual({});
    expect(Object.keys(await tablesHolding('Bankolefemi'))).toContain('person');
    expect(await db.selectFrom('case_note').select('id').where('case_id', '=', caseId).execute()).toHaveLength(1);
  });

  it('destroys the notes, files and free text of a household once its last member is erased', async () => {
    const { dpo, cw, caseId, personId } = await setting({ members: [{ relationship: 'spouse', person: { givenName: 'Oyelaran', familyName: 'Wendelmoorcroft', sex: 'male', birthDate: '1985-02-02', nationality: 'IQ' } }] });
    const spouse = (await db.selectFrom('case_member').select('person_id').where('case_id', '=', caseId).where('relationship', '=', 'spouse').executeTakeFirstOrThrow()).person_id;
    expect((await call(cw, 'POST', `/api/cases/${caseId}/notes`, { body: 'Xylophoric household note about both of them.' })).statusCode).toBe(201);
    await attach(cw, caseId, 'Xylophoric-plan.txt', 'Plan of the household');
    await close(caseId);
    await db.updateTable('stage_transition').set({ reason: 'Xylophoric reason of the closure' }).where('case_id', '=', caseId).execute();
    expect(Object.keys(await tablesHolding('Xylophoric'))).toEqual(expect.arrayContaining(['case_note', 'case_attachment', 'stage_transition']));

    expect((await call(dpo, 'POST', `/api/persons/${personId}/erasure`, { reason: REASON })).statusCode).toBe(200);
    // Another member remains: the household's text stays.
    expect(Object.keys(await tablesHolding('Xylophoric'))).toEqual(expect.arrayContaining(['case_note', 'case_attachment', 'stage_transition']));

    const preview = (await call(dpo, 'GET', `/api/persons/${spouse}/erasure-preview`)).json();
    const counts = Object.fromEntries(preview.counts.map((c: { kind: string; count: number }) => [c.kind, c.count]));
    expect(counts).toMatchObject({ notes: 1, attachments: 1 });
    expect(counts.case_texts).toBeGreaterThanOrEqual(1);
    const erased = await call(dpo, 'POST', `/api/persons/${spouse}/erasure`, { reason: REASON });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json().counts).toEqual(preview.counts);
    // The last member gone, nothing of the household's text is left.
    expect(await tablesHolding('Xylophoric')).toEqual({});
    expect(await tablesHolding('Wendelmoorcroft')).toEqual({});
    expect(await db.selectFrom('case_note').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
    const entry = await db.selectFrom('audit_event').select(['details']).where('event', '=', 'person.erased').where('entity_id', '=', spouse).executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ soleCases: [caseId], counts: { notes: 1, attachments: 1 } });
  });

  it('keeps the age band the statistics counted, even where the year alone would cross a band, and drops "estimated" with no date', async () => {
    // Born 1 March 2006, departed 1 May 2024: 18, an adult; counted from 1 July 2006, 17.
    const { a, dpo, caseId, personId } = await setting({ members: [] });
    await db.updateTable('person').set({ birth_date: '2006-03-01' }).where('id', '=', personId).execute();
    await close(caseId);
    const nobirth = await setting();
    await db.updateTable('person').set({ birth_date: null, birth_date_estimated: true }).where('id', '=', nobirth.personId).execute();
    await close(nobirth.caseId);
    const at = { officeId: a.office.id, organisationId: a.organisationId };
    const before = await figures(at);
    expect((await call(dpo, 'POST', `/api/persons/${personId}/erasure`, { reason: REASON })).statusCode).toBe(200);
    expect(await db.selectFrom('person').select(['birth_date', 'birth_date_estimated']).where('id', '=', personId).executeTakeFirstOrThrow()).toEqual({ birth_date: '2006-07-01', birth_date_estimated: true });
    expect(await figures(at)).toEqual(before);
    expect((await call(nobirth.dpo, 'POST', `/api/persons/${nobirth.personId}/erasure`, { reason: REASON })).statusCode).toBe(200);
    expect(await db.selectFrom('person').select(['birth_date', 'birth_date_estimated']).where('id', '=', nobirth.personId).executeTakeFirstOrThrow()).toEqual({ birth_date: null, birth_date_estimated: false });
  });

  it('is blocked, with its own code, by a legal hold, an open payment and an active case', async () => {
    const { dpo, caseId, personId, a } = await setting();
    const refusal = async () => {
      const res = await call(dpo, 'POST', `/api/persons/${personId}/erasure`, { reason: REASON });
      expect(res.statusCode).toBe(409);
      return res.json().error.code as string;
    };
    const blockers = async () => (await call(dpo, 'GET', `/api/persons/${personId}/erasure-preview`)).json().blockers;

    expect(await refusal()).toBe('ERASURE_BLOCKED_ACTIVE_CASE');
    expect(await blockers()).toEqual(['ERASURE_BLOCKED_ACTIVE_CASE']);
    await close(caseId);

    const hold = await call(dpo, 'POST', `/api/persons/${personId}/legal-hold`, { reason: 'Evidence in the prosecution of the traffickers.' });
    expect(hold.statusCode).toBe(200);
    expect(hold.json().legalHold.reason).toBe('Evidence in the prosecution of the traffickers.');
    expect(await refusal()).toBe('ERASURE_BLOCKED_LEGAL_HOLD');
    expect((await call(dpo, 'POST', `/api/persons/${personId}/legal-hold/lift`, { reason: 'The prosecution closed the file in May.' })).statusCode).toBe(200);

    const tranche = await db.insertInto('payment_tranche').values({
      case_id: caseId, component_key: '11111111-1111-4111-8111-111111111111', position: 1, amount_minor: 50_000, currency: 'EUR', due_on: '2024-06-01',
      created_by: a.users.caseworker.id, created_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    expect(await refusal()).toBe('ERASURE_BLOCKED_OPEN_PAYMENT');
    expect(await blockers()).toEqual(['ERASURE_BLOCKED_OPEN_PAYMENT']);
    await db.deleteFrom('payment_tranche').where('id', '=', tranche.id).execute();

    expect(await blockers()).toEqual([]);
    expect(await db.selectFrom('person').select('erased_at').where('id', '=', personId).executeTakeFirstOrThrow()).toEqual({ erased_at: null });
    const events = await db.selectFrom('audit_event').select('event').where('entity_id', '=', personId).where('event', 'like', 'person.legal_hold%').orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['person.legal_hold.placed', 'person.legal_hold.lifted']);
  });

  it('is not found for another organisation\'s officer and forbidden to a caseworker', async () => {
    const { cw, caseId, personId } = await setting();
    await close(caseId);
    const other = await setting();
    for (const [method, url, body] of [
      ['GET', `/api/persons/${personId}/erasure-preview`, undefined], ['POST', `/api/persons/${personId}/erasure`, { reason: REASON }],
      ['POST', `/api/persons/${personId}/legal-hold`, { reason: REASON }], ['POST', `/api/persons/${personId}/restriction`, { reason: REASON }],
      ['GET', `/api/persons/${personId}/data-protection`, undefined],
    ] as const) {
      expect((await call(other.dpo, method, url, body)).statusCode, `${method} ${url}`).toBe(404);
      expect((await call(cw, method, url, body)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await db.selectFrom('person').select('erased_at').where('id', '=', personId).executeTakeFirstOrThrow()).toEqual({ erased_at: null });
  });
});

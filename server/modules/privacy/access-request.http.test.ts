import { describe, expect, it } from 'vitest';
import { householdInput, multipartUpload, testApp, type Session } from '../../test-support/harness.js';
import { ERASED_VALUE } from '../../../shared/crypto.js';
import { pdfUnicodeText } from '../../test-support/pdf-unicode-text.js';
import { bundlePdf, type Bundle } from './bundle-files.js';
import { buildAccessBundle } from './index.js';

const t = await testApp();
const { call, officeWith, db, clock, fx, login, cipher } = t;

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e9a8d60000000049454e44ae426082', 'hex');
const REFERENCE = 'Letter of 3 March, returnee asks for a copy of their data';

/** A caseworker's case with records in several modules, and a data-protection officer of the organisation. */
async function setting() {
  const a = await officeWith(['caseworker', 'counsellor']);
  const s = a.users.caseworker.session;
  const created = (await call(s, 'POST', '/api/cases', householdInput())).json();
  const caseId = created.id as string;
  const personId = created.members[0].person.id as string;
  const spouseId = created.members[1].person.id as string;
  expect((await call(s, 'POST', `/api/cases/${caseId}/notes`, { body: 'Prefers calls in the morning' })).statusCode).toBe(201);
  expect((await call(s, 'POST', `/api/cases/${caseId}/vulnerabilities`, { personId, category: 'medical_physical', identifiedOn: '2026-03-02', details: 'Knee injury' })).statusCode).toBe(201);
  expect((await call(s, 'POST', `/api/cases/${caseId}/vulnerabilities`, { personId: spouseId, category: 'disability', identifiedOn: '2026-03-02', details: 'Spouse only' })).statusCode).toBe(201);
  expect((await call(s, 'POST', `/api/cases/${caseId}/travel/documents`, { personId, type: 'passport', number: 'ZX987654', issuingCountry: 'IQ', status: 'issued' })).statusCode).toBe(201);
  const { payload, contentType } = multipartUpload({ name: 'declaration.png', content: PNG }, 'Signed declaration');
  const up = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/attachments`, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType } });
  expect(up.statusCode).toBe(201);
  const dpoUser = await fx.user({ roles: ['data_protection_officer'], organisationId: a.organisationId, officeId: null });
  const dpo = await login(dpoUser.email, dpoUser.password);
  return { a, caseId, personId, dpo, dpoUser };
}

const start = (s: Session, personId: string, body: Record<string, unknown> = { language: 'en', reference: REFERENCE }) =>
  call(s, 'POST', `/api/persons/${personId}/access-requests`, body);

describe('a returnee\'s access request', () => {
  it('gathers the person\'s records of every module into JSON, CSV and PDF, with progress, audited with ids only', async () => {
    const { caseId, personId, dpo, dpoUser } = await setting();
    const started = await start(dpo, personId);
    expect(started.statusCode).toBe(202);
    const id = started.json().id as string;
    expect(started.json()).toMatchObject({ personId, status: 'queued', sectionsDone: 0, language: 'en' });

    expect(await buildAccessBundle(id, { db, clock, cipher })).toBe('done');
    const listed = (await call(dpo, 'GET', `/api/persons/${personId}/access-requests`)).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id, status: 'done' });
    expect(listed.items[0].sectionsDone).toBe(listed.items[0].sectionsTotal);

    const res = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const bundle = res.json();
    const s = bundle.sections;
    expect(s.person[0]).toMatchObject({ id: personId, given_name: 'Mohammed', original_script_name: 'محمد الحسن', birth_date: '1988-04-12', nationality: 'IQ' });
    expect(s.identity_document[0]).toMatchObject({ type: 'passport', number: 'A1234567' });
    expect(s.return_case.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(s.case_member).toHaveLength(1);
    expect(s.stage_transition.length).toBeGreaterThan(0);
    expect(s.case_note.map((n: { body: string }) => n.body)).toContain('Prefers calls in the morning');
    // The person's vulnerability, not the spouse's.
    expect(s.vulnerability.map((v: { details: string }) => v.details)).toEqual(['Knee injury']);
    // The travel document's number decrypted.
    expect(s.travel_document[0]).toMatchObject({ type: 'passport', number: 'ZX987654' });
    expect(s.travel_document[0]).not.toHaveProperty('number_encrypted');
    // The attachment's metadata, hash and content (base64).
    expect(s.case_attachment[0]).toMatchObject({ file_name: 'declaration.png', sha256: expect.any(String) });
    expect(Buffer.from(s.case_attachment[0].content.base64, 'base64').equals(PNG)).toBe(true);
    // The audit entries about them: who, when, what.
    const events = s.audit_event.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['case.created', 'person.access_request.started']));
    const { name } = await db.selectFrom('app_user').select('name').where('id', '=', dpoUser.id).executeTakeFirstOrThrow();
    expect(s.audit_event.find((e: { event: string }) => e.event === 'person.access_request.started')).toMatchObject({ actor_id: dpoUser.id, actor_name: name });

    const csv = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('(vulnerability)');
    expect(csv.body).toContain('Knee injury');
    const pdf = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const audited = await db.selectFrom('audit_event').select(['event', 'entity_id', 'details']).where('actor_id', '=', dpoUser.id)
      .where('event', 'like', 'person.access_request.%').orderBy('id').execute();
    expect(audited.map((e) => e.event)).toEqual(['person.access_request.started', 'person.access_request.downloaded', 'person.access_request.downloaded', 'person.access_request.downloaded']);
    expect(audited.every((e) => e.entity_id === personId)).toBe(true);
    // Ids only: neither the reference nor a name.
    const text = JSON.stringify(audited);
    expect(text).not.toContain('Letter of 3 March');
    expect(text).not.toContain('Mohammed');
  });

  it('writes the PDF in the requested language (Arabic) and refuses a short reference', async () => {
    const { personId, dpo } = await setting();
    const short = await start(dpo, personId, { language: 'ar', reference: 'too short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('ACCESS_REQUEST_REFERENCE_TOO_SHORT');
    const id = (await start(dpo, personId, { language: 'ar', reference: REFERENCE })).json().id;
    expect(await buildAccessBundle(id, { db, clock, cipher })).toBe('done');
    const pdf = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=csv`);
    expect(csv.body).toContain('البيانات الشخصية');
  });

  it('names the person on the PDF\'s title page, and an erased person "Erased person" in the bundle\'s language', async () => {
    const { personId, dpo } = await setting();
    const id = (await start(dpo, personId, { language: 'fr', reference: REFERENCE })).json().id;
    expect(await buildAccessBundle(id, { db, clock, cipher })).toBe('done');
    const bundle = (await call(dpo, 'GET', `/api/access-requests/${id}/download?format=json`)).json() as Bundle;
    const pdf = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=pdf`);
    const named = pdfUnicodeText(pdf.rawPayload).join('\n');
    expect(named).toContain(`Personne : ${bundle.person.givenName} ${bundle.person.familyName}`);
    // A bundle is refused once the person is erased; a bundle naming an erased person still never prints the marker.
    const erased = pdfUnicodeText(await bundlePdf({ ...bundle, person: { ...bundle.person, givenName: ERASED_VALUE, familyName: '' } })).join('\n');
    expect(erased).toContain('Personne : Personne effacée');
    expect(erased).not.toContain(ERASED_VALUE);
  });

  it('is 404 to another organisation\'s officer, 403 to a caseworker, 409 before the bundle is built and 410 once expired', async () => {
    const { a, personId, dpo, dpoUser } = await setting();
    const other = await officeWith(['caseworker']);
    const foreignDpoUser = await fx.user({ roles: ['data_protection_officer'], organisationId: other.organisationId, officeId: null });
    const foreignDpo = await login(foreignDpoUser.email, foreignDpoUser.password);
    expect((await start(foreignDpo, personId)).statusCode).toBe(404);
    expect((await call(foreignDpo, 'GET', `/api/persons/${personId}/access-requests`)).statusCode).toBe(404);
    expect((await start(a.users.caseworker.session, personId)).statusCode).toBe(403);

    const id = (await start(dpo, personId)).json().id;
    const early = await call(dpo, 'GET', `/api/access-requests/${id}/download?format=json`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('ACCESS_REQUEST_NOT_READY');
    expect((await call(foreignDpo, 'GET', `/api/access-requests/${id}/download?format=json`)).statusCode).toBe(404);
    expect((await call(a.users.caseworker.session, 'GET', `/api/access-requests/${id}/download?format=json`)).statusCode).toBe(403);

    await buildAccessBundle(id, { db, clock, cipher });
    clock.advance(8 * 24 * 60 * 60_000);
    const again = await login(dpoUser.email, dpoUser.password);
    expect((await call(again, 'GET', `/api/access-requests/${id}/download?format=json`)).statusCode).toBe(410);
  });

  it('loses its files when the person is erased, and a request still running then fails', async () => {
    const { personId, dpo } = await setting();
    const done = (await start(dpo, personId)).json().id;
    await buildAccessBundle(done, { db, clock, cipher });
    expect((await call(dpo, 'GET', `/api/access-requests/${done}/download?format=json`)).statusCode).toBe(200);
    const running = (await start(dpo, personId)).json().id;
    await db.updateTable('access_request').set({ status: 'running' }).where('id', '=', running).execute();
    // What the erasure does to the person row (person-erasure.http.test.ts runs the whole erasure).
    await db.updateTable('person').set({ erased_at: clock.now() }).where('id', '=', personId).execute();
    const gone = await call(dpo, 'GET', `/api/access-requests/${done}/download?format=json`);
    expect(gone.statusCode).toBe(410);
    const rows = await db.selectFrom('access_request').select(['id', 'status', 'error_code', 'bundle_json']).where('person_id', '=', personId).execute();
    expect(rows.every((r) => r.bundle_json === null)).toBe(true);
    expect(rows.find((r) => r.id === running)).toMatchObject({ status: 'failed', error_code: 'ACCESS_REQUEST_PERSON_ERASED' });
  });
});

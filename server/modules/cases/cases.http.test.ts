import { describe, expect, it } from 'vitest';
import { householdInput, multipartUpload, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db } = t;

const register = async (s: Session, body: Record<string, unknown> = householdInput()) => {
  const res = await call(s, 'POST', '/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return { id: res.json().id as string, etag: res.headers.etag as string, body: res.json() };
};

describe('registering a household', () => {
  it('creates a case with a readable number, its members, the first stage and an audit trace', async () => {
    const { users, office } = await officeWith(['caseworker']);
    const { id, body, etag } = await register(users.caseworker.session);
    expect(body.caseNumber).toMatch(new RegExp(`^${office.case_prefix}-2026-000001$`));
    expect(body.stage).toBe('registered');
    expect(body.members).toHaveLength(2);
    expect(body.members[0]).toMatchObject({ isPrincipal: true, person: { givenName: 'Mohammed', originalScriptName: 'محمد الحسن' } });
    expect(etag).toMatch(/^"[0-9a-f-]{36}\.1"$/);
    const second = await register(users.caseworker.session);
    expect(second.body.caseNumber).toMatch(/-000002$/);
    const events = await db.selectFrom('audit_event').select(['event', 'after']).where('case_id', '=', id).execute();
    expect(events.map((e) => e.event)).toContain('case.created');
  });

  it('answers a retry with the same Idempotency-Key with the first case', async () => {
    const { users } = await officeWith(['caseworker']);
    const headers = { 'idempotency-key': 'register-1' };
    const a = await call(users.caseworker.session, 'POST', '/api/cases', householdInput(), headers);
    const b = await call(users.caseworker.session, 'POST', '/api/cases', householdInput(), headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
  });

  it('refuses bad input with a code, and loses nothing', async () => {
    const { users } = await officeWith(['caseworker']);
    const unknownField = await call(users.caseworker.session, 'POST', '/api/cases', { ...householdInput(), colour: 'blue' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('VALIDATION_FAILED');
    const badCountry = await call(users.caseworker.session, 'POST', '/api/cases', householdInput({ countryOfReturn: 'XX' }));
    expect(badCountry.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'countryOfReturn' } });
    const postArrivalAtHost = await call(users.caseworker.session, 'POST', '/api/cases', householdInput({ kind: 'post_arrival' }));
    expect(postArrivalAtHost.json().error.code).toBe('CASE_KIND_OFFICE_MISMATCH');
    const count = await db.selectFrom('return_case').select((eb) => eb.fn.countAll<number>().as('n')).where('created_by', '=', users.caseworker.id).executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });

  it('starts a post-arrival case at arrived, with no way back to pre-departure stages or withdrawal', async () => {
    const { users } = await officeWith(['caseworker'], { kind: 'origin', country: 'IQ' });
    const { body } = await register(users.caseworker.session, householdInput({ kind: 'post_arrival', legalStatus: 'other', admissionDate: '2026-02-20' }));
    expect(body.stage).toBe('arrived');
    expect(body.allowedTransitions.map((x: { to: string }) => x.to)).not.toContain('withdrawn');
    // Reintegration starts with the approval of the reintegration plan, not as a plain stage change.
    expect(body.allowedTransitions.map((x: { to: string }) => x.to)).not.toContain('reintegration');
  });
});

describe('correcting a household member', () => {
  it('changes only the fields the correction names: documents, other names, languages and the estimate are kept', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const input = householdInput();
    const { id, body } = await register(s, { ...input, principal: { ...input.principal, otherNames: ['Abu Ali'], languages: ['ar', 'ku'], birthDateEstimated: true } });
    const principal = body.members[0].person;
    const res = await call(s, 'PATCH', `/api/cases/${id}/persons/${principal.id}`, { familyName: 'Al-Hasan' }, { 'if-match': `"${principal.id}.${principal.version}"` });
    expect(res.statusCode).toBe(200);
    const corrected = res.json().members[0].person;
    expect(corrected).toMatchObject({ familyName: 'Al-Hasan', givenName: 'Mohammed', otherNames: ['Abu Ali'], languages: ['ar', 'ku'], birthDateEstimated: true });
    expect(corrected.documents).toMatchObject([{ type: 'passport', number: 'A1234567', issuingCountry: 'IQ' }]);
    // The trail records the one field that changed.
    const events = await db.selectFrom('audit_event').select(['event', 'after']).where('case_id', '=', id).where('event', '=', 'person.updated').execute();
    expect(events.map((e) => Object.keys(e.after as object))).toEqual([['familyName']]);
    // Removing the date of birth removes the mark that it was estimated.
    const again = (await call(s, 'GET', `/api/cases/${id}`)).json().members[0].person;
    const cleared = await call(s, 'PATCH', `/api/cases/${id}/persons/${principal.id}`, { birthDate: null }, { 'if-match': `"${principal.id}.${again.version}"` });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().members[0].person).toMatchObject({ birthDate: null, birthDateEstimated: false, otherNames: ['Abu Ali'] });
  });
});

describe('finding people', () => {
  it('warns of a possible duplicate across spellings and scripts', async () => {
    const { users } = await officeWith(['caseworker']);
    await register(users.caseworker.session);
    for (const givenName of ['Muhammad', 'Mohamed', 'محمد']) {
      const res = await call(users.caseworker.session, 'POST', '/api/cases/duplicates', { givenName, familyName: 'Al Hasan', birthDate: '1988-04-12', nationality: 'IQ' });
      expect(res.statusCode).toBe(200);
      expect(res.json().candidates.length, givenName).toBeGreaterThan(0);
      expect(res.json().candidates[0]).toMatchObject({ givenName: 'Mohammed', familyName: 'Al-Hassan' });
    }
    const unrelated = await call(users.caseworker.session, 'POST', '/api/cases/duplicates', { givenName: 'Chiamaka', familyName: 'Okonkwo', birthDate: '1970-01-01', nationality: 'NG' });
    expect(unrelated.json().candidates).toEqual([]);
  });

  it('ranks a person born a day off above one born eleven months off, and finds a typo in the year', async () => {
    const { users } = await officeWith(['caseworker']);
    const person = (birthDate: string) => householdInput({
      principal: { givenName: 'Oluwaseun', familyName: 'Adeyemi', sex: 'female', birthDate, nationality: 'NG' }, members: [], countryOfReturn: 'NG',
    });
    // Registered in this order, so that the older registration cannot win by accident.
    const elevenMonths = await register(users.caseworker.session, person('1991-04-07'));
    const oneDay = await register(users.caseworker.session, person('1992-03-08'));
    const yearTypo = await register(users.caseworker.session, person('1982-03-07'));
    const res = await call(users.caseworker.session, 'POST', '/api/cases/duplicates', { givenName: 'Oluwaseun', familyName: 'Adeyemi', birthDate: '1992-03-07', nationality: 'NG' });
    expect(res.statusCode).toBe(200);
    const candidates: { caseId: string; score: number }[] = res.json().candidates;
    const scoreOf = (id: string) => candidates.find((c) => c.caseId === id)?.score;
    expect(candidates[0]!.caseId).toBe(oneDay.id);
    expect(scoreOf(oneDay.id)).toBeGreaterThan(scoreOf(elevenMonths.id)!);
    // One mistyped digit of the year is ten years apart, yet likely the same person.
    expect(scoreOf(yearTypo.id)).toBeGreaterThan(scoreOf(elevenMonths.id)!);
    const exact = await call(users.caseworker.session, 'POST', '/api/cases/duplicates', { givenName: 'Oluwaseun', familyName: 'Adeyemi', birthDate: '1992-03-08', nationality: 'NG' });
    expect(exact.json().candidates[0]).toMatchObject({ caseId: oneDay.id, score: 1 });
  });

  it('finds a case by a misspelled name, its case number and a document number', async () => {
    const { users } = await officeWith(['caseworker']);
    const { id, body } = await register(users.caseworker.session, householdInput({
      principal: { givenName: 'Chukwuemeka', familyName: 'Okafor', sex: 'male', nationality: 'NG', documents: [{ type: 'passport', number: 'B 0987-654' }] },
      members: [], countryOfReturn: 'NG',
    }));
    const search = (q: string) => call(users.caseworker.session, 'POST', '/api/cases/search', { q });
    expect((await search('Chukwumeka Okafur')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await search(body.caseNumber)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await search('b0987654')).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('filters, sorts and pages the list', async () => {
    const { users } = await officeWith(['caseworker']);
    for (let i = 0; i < 3; i++) await register(users.caseworker.session, householdInput({ countryOfReturn: i === 0 ? 'AF' : 'IQ' }));
    const page = await call(users.caseworker.session, 'POST', '/api/cases/search', { countryOfReturn: 'IQ', pageSize: 1, page: 2, sort: 'caseNumber', order: 'asc' });
    expect(page.json()).toMatchObject({ total: 2, totalCapped: false, page: 2, pageSize: 1 });
    expect(page.json().items[0].caseNumber).toMatch(/-000003$/);
    // A filter on the principal's nationality counts through the person; the others from cases alone.
    const byNationality = await call(users.caseworker.session, 'POST', '/api/cases/search', { nationality: 'IQ', countryOfReturn: 'AF' });
    expect(byNationality.json()).toMatchObject({ total: 1 });
    expect((await call(users.caseworker.session, 'POST', '/api/cases/search', { nationality: 'ZW' })).json()).toMatchObject({ total: 0, items: [] });
  });
});

describe('confidentiality', () => {
  it('hides a case from a caseworker of another office: 404 and absent from search', async () => {
    const a = await officeWith(['caseworker']);
    const b = await officeWith(['caseworker']);
    const { id, body } = await register(a.users.caseworker.session);
    expect((await call(b.users.caseworker.session, 'GET', `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await call(b.users.caseworker.session, 'GET', `/api/cases/${id}/notes`)).statusCode).toBe(404);
    const found = await call(b.users.caseworker.session, 'POST', '/api/cases/search', { q: body.caseNumber });
    expect(found.json().items).toEqual([]);
    const dup = await call(b.users.caseworker.session, 'POST', '/api/cases/duplicates', { givenName: 'Mohammed', familyName: 'Al-Hassan' });
    expect(dup.json().candidates.map((c: { caseId: string }) => c.caseId)).not.toContain(id);
  });

  it('audits every opening of a case', async () => {
    const { users } = await officeWith(['caseworker']);
    const { id } = await register(users.caseworker.session);
    await call(users.caseworker.session, 'GET', `/api/cases/${id}`);
    await call(users.caseworker.session, 'GET', `/api/cases/${id}`);
    const opened = await db.selectFrom('audit_event').select('id').where('case_id', '=', id).where('event', '=', 'case.opened').execute();
    expect(opened).toHaveLength(2);
  });

  it('leaves sensitive notes out for roles without the right', async () => {
    const { users } = await officeWith(['caseworker', 'counsellor']);
    const { id } = await register(users.caseworker.session);
    expect((await call(users.counsellor.session, 'POST', `/api/cases/${id}/notes`, { body: 'Disclosed abuse during transit.', sensitive: true })).statusCode).toBe(201);
    expect((await call(users.caseworker.session, 'POST', `/api/cases/${id}/notes`, { body: 'Called about documents.' })).statusCode).toBe(201);
    expect((await call(users.caseworker.session, 'POST', `/api/cases/${id}/notes`, { body: 'x', sensitive: true })).statusCode).toBe(403);
    const forCaseworker = (await call(users.caseworker.session, 'GET', `/api/cases/${id}/notes`)).json().items;
    expect(forCaseworker.map((n: { body: string }) => n.body)).toEqual(['Called about documents.']);
    const forCounsellor = (await call(users.counsellor.session, 'GET', `/api/cases/${id}/notes`)).json().items;
    expect(forCounsellor).toHaveLength(2);
  });
});

describe('stages', () => {
  it('moves a case with If-Match, keeps the history, and refuses stale, missing or impossible moves', async () => {
    const { users } = await officeWith(['caseworker']);
    const { id, etag } = await register(users.caseworker.session);
    const url = `/api/cases/${id}/transitions`;
    expect((await call(users.caseworker.session, 'POST', url, { to: 'counselling' })).statusCode).toBe(428);
    const moved = await call(users.caseworker.session, 'POST', url, { to: 'counselling' }, { 'if-match': etag });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().stage).toBe('counselling');
    expect((await call(users.caseworker.session, 'POST', url, { to: 'suspended', reason: 'Travelling' }, { 'if-match': etag })).statusCode).toBe(412);
    const impossible = await call(users.caseworker.session, 'POST', url, { to: 'departed' }, { 'if-match': moved.headers.etag as string });
    expect(impossible.statusCode).toBe(409);
    expect(impossible.json().error.code).toBe('CASE_STAGE_TRANSITION_INVALID');
    const noReason = await call(users.caseworker.session, 'POST', url, { to: 'suspended' }, { 'if-match': moved.headers.etag as string });
    expect(noReason.json().error.code).toBe('CASE_TRANSITION_REASON_REQUIRED');
    const suspended = await call(users.caseworker.session, 'POST', url, { to: 'suspended', reason: 'Hospitalised' }, { 'if-match': moved.headers.etag as string });
    expect(suspended.statusCode).toBe(200);
    const history = (await call(users.caseworker.session, 'GET', `/api/cases/${id}/history`)).json();
    expect(history.transitions.map((x: { toStage: string }) => x.toStage)).toEqual(['suspended', 'counselling', 'registered']);
    expect(history.transitions[0].reason).toBe('Hospitalised');
    expect(history.events[0].changes).toBeUndefined();
  });

  it('leaves the moves of actions (decision, application, withdrawal, departure, arrival) to those actions', async () => {
    const { users } = await officeWith(['caseworker']);
    const { id, etag } = await register(users.caseworker.session);
    const url = `/api/cases/${id}/transitions`;
    const moved = await call(users.caseworker.session, 'POST', url, { to: 'counselling' }, { 'if-match': etag });
    expect(moved.json().allowedTransitions.map((x: { to: string }) => x.to)).not.toContain('decision_recorded');
    expect(moved.json().availableActions).toEqual(expect.arrayContaining(['decision', 'withdrawal']));
    for (const to of ['decision_recorded', 'withdrawn']) {
      const refused = await call(users.caseworker.session, 'POST', url, { to }, { 'if-match': moved.headers.etag as string });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('CASE_TRANSITION_NEEDS_ACTION');
    }
    expect((await call(users.caseworker.session, 'GET', `/api/cases/${id}`)).json().stage).toBe('counselling');
  });

  it('moves a post-arrival case to reintegration only through its plan, and keeps a case without an admission date out of assistance', async () => {
    const { users } = await officeWith(['caseworker', 'office_manager'], { kind: 'origin', country: 'IQ' });
    const s = users.caseworker.session;
    const input = householdInput({ kind: 'post_arrival', legalStatus: 'other' });
    const move = (id: string, etag: string, to: string, reason?: string) => call(s, 'POST', `/api/cases/${id}/transitions`, { to, reason }, { 'if-match': etag });
    const stageOf = async (id: string) => (await db.selectFrom('return_case').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;

    // The approval of the plan owns the move (see reintegration.http.test.ts for the admission date).
    const admitted = await register(s, { ...input, admissionDate: '2026-03-01' });
    const plain = await move(admitted.id, admitted.etag, 'reintegration');
    expect(plain.statusCode).toBe(409);
    expect(plain.json().error).toMatchObject({ code: 'CASE_TRANSITION_NEEDS_ACTION', details: { action: 'reintegration' } });
    expect(await stageOf(admitted.id)).toBe('arrived');

    // A case that reached reintegration without an admission date (recorded before this rule)
    // does not resume into it from a suspension, nor go on to monitoring, until the date is recorded.
    const legacy = await register(s, input);
    await db.updateTable('return_case').set({ stage: 'reintegration' }).where('id', '=', legacy.id).execute();
    await db.insertInto('stage_transition').values({ case_id: legacy.id, from_stage: 'arrived', to_stage: 'reintegration', reason: null, actor_id: users.caseworker.id, at: new Date('2026-03-02T08:00:00Z') }).execute();
    const toMonitoring = await move(legacy.id, legacy.etag, 'monitoring');
    expect(toMonitoring.json().error.code).toBe('CASE_TRANSITION_NEEDS_ACTION');
    const suspended = await move(legacy.id, legacy.etag, 'suspended', 'In hospital');
    expect(suspended.statusCode).toBe(200);
    // Resuming is the manager's.
    const resumed = await call(users.office_manager.session, 'POST', `/api/cases/${legacy.id}/transitions`, { to: 'reintegration', reason: 'Out of hospital' }, { 'if-match': suspended.headers.etag as string });
    expect(resumed.statusCode).toBe(409);
    expect(resumed.json().error.code).toBe('ADMISSION_DATE_REQUIRED');
    expect(await stageOf(legacy.id)).toBe('suspended');
  });
});

describe('attachments', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e9a8d60000000049454e44ae426082', 'hex');
  const upload = (s: Session, id: string, name: string, content: Buffer) => {
    const { payload, contentType } = multipartUpload({ name, content }, 'Signed declaration');
    return t.app.inject({ method: 'POST', url: `/api/cases/${id}/attachments`, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType } });
  };

  it('accepts an allowed type by its content, refuses others and oversized files, and audits downloads', async () => {
    const { users } = await officeWith(['caseworker']);
    const { id } = await register(users.caseworker.session);
    const ok = await upload(users.caseworker.session, id, 'photo.pdf', png);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'image/png', description: 'Signed declaration' });
    const exe = await upload(users.caseworker.session, id, 'x.png', Buffer.from('4d5a90000300000004000000ffff0000', 'hex'));
    expect(exe.statusCode).toBe(415);
    const big = await upload(users.caseworker.session, id, 'big.png', Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    const list = (await call(users.caseworker.session, 'GET', `/api/cases/${id}/attachments`)).json().items;
    expect(list).toHaveLength(1);
    const file = await call(users.caseworker.session, 'GET', `/api/cases/${id}/attachments/${list[0].id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(png)).toBe(true);
    const downloads = await db.selectFrom('audit_event').select('id').where('case_id', '=', id).where('event', '=', 'case.attachment.downloaded').execute();
    expect(downloads).toHaveLength(1);
  });
});

describe('the printable summary', () => {
  it('gives the case as the reader sees it, with its stage history and who printed it, audits every printout, and refuses outsiders', async () => {
    const { users } = await officeWith(['caseworker']);
    const other = await officeWith(['caseworker']);
    const { id, etag } = await register(users.caseworker.session);
    await call(users.caseworker.session, 'POST', `/api/cases/${id}/transitions`, { to: 'counselling' }, { 'if-match': etag });

    const res = await call(users.caseworker.session, 'GET', `/api/cases/${id}/summary`);
    expect(res.statusCode).toBe(200);
    const summary = res.json();
    expect(summary.case).toMatchObject({ id, stage: 'counselling' });
    expect(summary.case.members).toHaveLength(2);
    expect(summary.transitions.map((x: { toStage: string }) => x.toStage)).toEqual(['registered', 'counselling']);
    expect(summary.printedBy).toMatch(/^User /);
    expect(Date.parse(summary.printedAt)).not.toBeNaN();
    await call(users.caseworker.session, 'GET', `/api/cases/${id}/summary`);
    const printed = await db.selectFrom('audit_event').select(['actor_id']).where('case_id', '=', id).where('event', '=', 'case.summary.printed').execute();
    expect(printed).toHaveLength(2);
    expect(printed[0].actor_id).toBe(users.caseworker.id);

    const outsider = await call(other.users.caseworker.session, 'GET', `/api/cases/${id}/summary`);
    expect(outsider.statusCode).toBe(404);
    const traces = await db.selectFrom('audit_event').select('id').where('case_id', '=', id).where('event', '=', 'case.summary.printed').execute();
    expect(traces).toHaveLength(2);
  });
});

describe('saved filters', () => {
  it('keeps one filter per name when the same name is saved many times at once, and tells the others the name is taken', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const answers = await Promise.all(Array.from({ length: 10 }, () => call(s, 'POST', '/api/saved-filters', { name: 'My arrivals', filter: { stage: ['arrived'] } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) expect(refused.json().error).toMatchObject({ code: 'SAVED_FILTER_NAME_TAKEN', details: { field: 'name' } });
    const kept = (await call(s, 'GET', '/api/saved-filters')).json().items;
    expect(kept.map((f: { name: string }) => f.name)).toEqual(['My arrivals']);
  });
});

import { describe, expect, it } from 'vitest';
import { ERASED_VALUE } from '../../../shared/crypto.js';
import type { Permission, Scope } from '../../../shared/access.js';
import { STAT_FIGURES } from '../../../shared/schemas/statistics.js';
import type { Actor } from '../../platform/actor.js';
import { householdInput, multipartUpload, testApp, type Session } from '../../test-support/harness.js';
import { statisticsFigure } from '../statistics/index.js';
import { runRetention, runScheduledRetention } from './index.js';

const t = await testApp();
const { call, officeWith, db, fx, login, clock } = t;
const deps = { db, clock };
const YEAR_MS = 365.25 * 24 * 60 * 60 * 1000;

/** A statistics reader of the organisation who also reads its cases: exact figures. */
const reader = (at: { officeId: string; organisationId: string }, scope: Scope = 'organisation'): Actor => ({
  userId: '00000000-0000-0000-0000-000000000001', name: 'Reader', email: 'r@example.org', officeId: at.officeId, organisationId: at.organisationId,
  preferredLanguage: 'en', grants: new Map<Permission, Scope>([['statistics.read', scope], ['case.read', scope], ['case.restricted', scope]]), roles: [], totpEnabled: false, totpEnrolmentRequired: false,
  sessionTokenHash: '', csrfToken: '', ip: null,
});

async function figures(at: { officeId: string; organisationId: string }) {
  const out: Record<string, unknown> = {};
  for (const figure of STAT_FIGURES) {
    for (const kind of ['voluntary_return', 'post_arrival'] as const) {
      out[`${figure}/${kind}`] = await statisticsFigure(db, reader(at), figure, { kind, top: 10, year: 2024 }).catch((err: Error) => `error ${err.message}`);
    }
  }
  return out;
}

/** An organisation with an office (a caseworker in it), a second office, and two data-protection officers. */
async function organisation() {
  const a = await officeWith(['caseworker']);
  const b = await officeWith(['caseworker'], { organisationId: a.organisationId });
  const officer = async () => {
    const u = await fx.user({ roles: ['data_protection_officer'], organisationId: a.organisationId, officeId: null });
    return { id: u.id, session: await login(u.email, u.password) };
  };
  return { a, b, dpo: await officer(), dpo2: await officer(), at: { officeId: a.office.id, organisationId: a.organisationId } };
}

let serial = 0;
/** A household of one registered by `cw`, ended (closed, departed in 2024) `yearsAgo` years before the test clock's now. */
async function household(cw: Session, yearsAgo: number | null, files: [string, string][] = [], spouse = false, familyName = `Retainedson${++serial}x`) {
  const created = await call(cw, 'POST', '/api/cases', householdInput({
    principal: { givenName: 'Ilkay', familyName, sex: 'male', birthDate: '1979-03-03', nationality: 'IQ', documents: [{ type: 'passport', number: `RT${serial}0099`, issuingCountry: 'IQ' }] },
    members: spouse ? [{ relationship: 'spouse', person: { givenName: 'Derya', familyName, sex: 'female', birthDate: '1981-01-01', nationality: 'IQ' } }] : [],
  }));
  expect(created.statusCode, created.body).toBe(201);
  const caseId = created.json().id as string;
  const fileIds: string[] = [];
  for (const [name, content] of files) fileIds.push(await attach(cw, caseId, name.replace('{name}', familyName), content.replace('{name}', familyName)));
  if (yearsAgo !== null) {
    await db.updateTable('return_case').set({ stage: 'closed', departed_on: '2024-05-01', stage_changed_at: new Date(clock.now().getTime() - yearsAgo * YEAR_MS) }).where('id', '=', caseId).execute();
  }
  const m = await db.selectFrom('case_member').select(['person_id', 'relationship']).where('case_id', '=', caseId).execute();
  const of = (relationship: string) => m.find((x) => x.relationship === relationship)?.person_id;
  return { caseId, caseNumber: created.json().caseNumber as string, personId: of('principal')!, spouseId: of('spouse') ?? null, familyName, fileIds };
}

async function attach(s: Session, caseId: string, name: string, content: string) {
  const { payload, contentType } = multipartUpload({ name, content: Buffer.from(content) }, `About ${name}`);
  const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/attachments`, payload, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Asks for a dry run and works its job, as the queue would; answers the finished run with its report. */
async function dryRun(s: Session, ruleId: string) {
  const asked = await call(s, 'POST', `/api/retention-rules/${ruleId}/dry-run`);
  expect(asked.statusCode, asked.body).toBe(202);
  expect(asked.json()).toMatchObject({ kind: 'dry', status: 'queued', itemsDone: 0 });
  expect(await runRetention(asked.json().id, deps)).toBe('done');
  const run = await call(s, 'GET', `/api/retention-runs/${asked.json().id}`);
  expect(run.statusCode).toBe(200);
  return run.json();
}

const personRows = (ids: string[]) => db.selectFrom('person').select(['id', 'given_name', 'family_name', 'erased_at']).where('id', 'in', ids).orderBy('id').execute();
const attachmentRows = (caseIds: string[]) => db.selectFrom('case_attachment').select(['id', 'size_bytes', 'file_name', 'sha256']).where('case_id', 'in', caseIds).orderBy('id').execute();

describe('retention rules', () => {
  it('are written, changed and deleted by an officer of the organisation, audited, and do not exist for another organisation', async () => {
    const { a, b, dpo } = await organisation();
    const other = await organisation();
    const body = { name: 'Closed cases after 7 years', scope: 'organisation', action: 'anonymise_closed_cases', years: 7 };
    const created = await call(dpo.session, 'POST', '/api/retention-rules', body);
    expect(created.statusCode, created.body).toBe(201);
    const rule = created.json();
    expect(rule).toMatchObject({ ...body, status: 'pending_approval', enabled: true, createdBy: { id: dpo.id }, approvedBy: null, runs: [] });

    // A project or office of another organisation, or a scope without its project/office, is refused.
    for (const bad of [{ ...body, scope: 'office', officeId: other.a.office.id }, { ...body, scope: 'office' }, { ...body, scope: 'organisation', officeId: a.office.id }]) {
      const res = await call(dpo.session, 'POST', '/api/retention-rules', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('RETENTION_SCOPE_INVALID');
    }
    const office = await call(dpo.session, 'POST', '/api/retention-rules', { ...body, name: 'Files of the first office', scope: 'office', officeId: a.office.id, action: 'delete_attachments', years: 3 });
    expect(office.statusCode).toBe(201);
    expect(office.json()).toMatchObject({ scope: 'office', officeId: a.office.id, officeName: a.office.name, projectId: null });

    const scopes = (await call(dpo.session, 'GET', '/api/retention-rules/scopes')).json();
    expect(scopes.offices.map((o: { id: string }) => o.id).sort()).toEqual([a.office.id, b.office.id].sort());
    expect(scopes.projects).toEqual([]);
    const listed = (await call(dpo.session, 'GET', '/api/retention-rules')).json().items.map((r: { id: string }) => r.id);
    expect(listed.sort()).toEqual([rule.id, office.json().id].sort());
    expect((await call(other.dpo.session, 'GET', '/api/retention-rules')).json().items).toEqual([]);

    const renamed = await call(dpo.session, 'PATCH', `/api/retention-rules/${rule.id}`, { name: 'Closed cases after 8 years', years: 8, enabled: false });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Closed cases after 8 years', years: 8, enabled: false, version: 2 });

    for (const [method, url, payload] of [
      ['GET', `/api/retention-rules/${rule.id}`, undefined], ['PATCH', `/api/retention-rules/${rule.id}`, { enabled: true }],
      ['POST', `/api/retention-rules/${rule.id}/approve`, undefined], ['POST', `/api/retention-rules/${rule.id}/dry-run`, undefined],
      ['DELETE', `/api/retention-rules/${rule.id}`, undefined],
    ] as const) {
      const res = await call(other.dpo.session, method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('RETENTION_RULE_NOT_FOUND');
      expect((await call(a.users.caseworker.session, method, url, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await call(a.users.caseworker.session, 'POST', '/api/retention-rules', body)).statusCode).toBe(403);
    expect((await call(dpo.session, 'GET', `/api/retention-rules/${rule.id}`)).json()).toMatchObject({ enabled: false, version: 2 });

    expect((await call(dpo.session, 'DELETE', `/api/retention-rules/${office.json().id}`)).statusCode).toBe(204);
    expect((await call(dpo.session, 'GET', `/api/retention-rules/${office.json().id}`)).statusCode).toBe(404);

    const events = await db.selectFrom('audit_event').select(['event', 'entity_id', 'actor_id', 'before', 'after']).where('entity_type', '=', 'retention_rule')
      .where('entity_id', 'in', [rule.id, office.json().id]).orderBy('id').execute();
    expect(events.map((e) => [e.event, e.entity_id])).toEqual([
      ['retention.rule.created', rule.id], ['retention.rule.created', office.json().id], ['retention.rule.updated', rule.id], ['retention.rule.deleted', office.json().id],
    ]);
    expect(events.every((e) => e.actor_id === dpo.id)).toBe(true);
    expect(events[2]).toMatchObject({ before: { years: 7, enabled: true }, after: { years: 8, enabled: false } });
  });

  it('need a second officer\'s approval: the author is refused, a colleague approves, and a change of years asks again', async () => {
    const { dpo, dpo2 } = await organisation();
    const rule = (await call(dpo.session, 'POST', '/api/retention-rules', { name: 'Old files', scope: 'organisation', action: 'delete_attachments', years: 5 })).json();
    const own = await call(dpo.session, 'POST', `/api/retention-rules/${rule.id}/approve`);
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('RETENTION_RULE_SELF_APPROVAL');
    expect((await call(dpo.session, 'GET', `/api/retention-rules/${rule.id}`)).json().status).toBe('pending_approval');

    const approved = await call(dpo2.session, 'POST', `/api/retention-rules/${rule.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: { id: dpo2.id }, createdBy: { id: dpo.id } });
    expect((await call(dpo2.session, 'POST', `/api/retention-rules/${rule.id}/approve`)).json().error.code).toBe('RETENTION_RULE_ALREADY_APPROVED');

    expect((await call(dpo.session, 'PATCH', `/api/retention-rules/${rule.id}`, { name: 'Old files of closed cases' })).json().status).toBe('approved');
    const longer = await call(dpo.session, 'PATCH', `/api/retention-rules/${rule.id}`, { years: 6 });
    expect(longer.json()).toMatchObject({ status: 'pending_approval', approvedBy: null, years: 6 });
    const approval = await db.selectFrom('audit_event').select(['actor_id', 'details']).where('event', '=', 'retention.rule.approved').where('entity_id', '=', rule.id).execute();
    expect(approval).toEqual([{ actor_id: dpo2.id, details: expect.objectContaining({ author: dpo.id, years: 5 }) }]);
  });
});

describe('retention runs', () => {
  it('a dry run changes nothing and reaches exactly what the real run then anonymises; held persons are skipped; the statistics do not change', async () => {
    const { a, b, dpo, dpo2, at } = await organisation();
    const cw = a.users.caseworker.session;
    // Every member of a case ended long ago is reached, the spouse too.
    const old = await household(cw, 8, [['{name}-letter.txt', 'Letter of {name}']], true);
    const spouseId = old.spouseId!;
    const held = await household(cw, 9);
    const recent = await household(cw, 1);
    const active = await household(cw, null);
    const otherOffice = await household(b.users.caseworker.session, 8);
    expect((await call(dpo.session, 'POST', `/api/persons/${held.personId}/legal-hold`, { reason: 'Evidence in the prosecution of the traffickers.' })).statusCode).toBe(200);
    const everyone = [spouseId, ...[old, held, recent, active, otherOffice].map((h) => h.personId)];

    const rule = (await call(dpo.session, 'POST', '/api/retention-rules', { name: 'First office, closed 7 years', scope: 'office', officeId: a.office.id, action: 'anonymise_closed_cases', years: 7 })).json();
    const personsBefore = await personRows(everyone);
    const filesBefore = await attachmentRows([old.caseId]);
    const before = await figures(at);

    // The dry run works before the approval and changes nothing.
    const dry = await dryRun(dpo.session, rule.id);
    expect(dry).toMatchObject({ kind: 'dry', status: 'done', itemsTotal: 3, itemsDone: 3, reachedCount: 2, skippedCount: 1 });
    expect(dry.report.persons).toEqual(expect.arrayContaining([{ personId: old.personId, caseNumbers: [old.caseNumber] }, { personId: spouseId, caseNumbers: [old.caseNumber] }]));
    expect(dry.report.persons).toHaveLength(2);
    expect(dry.report.skipped).toEqual([{ personId: held.personId, caseNumbers: [held.caseNumber], blockers: ['ERASURE_BLOCKED_LEGAL_HOLD'] }]);
    expect(JSON.stringify(dry.report)).not.toContain(old.familyName);
    expect(await personRows(everyone)).toEqual(personsBefore);
    expect(await attachmentRows([old.caseId])).toEqual(filesBefore);
    expect((await call(dpo.session, 'GET', `/api/retention-rules/${rule.id}`)).json().runs.map((r: { id: string }) => r.id)).toEqual([dry.id]);

    // Not approved yet: the daily job leaves the rule alone.
    expect(await runScheduledRetention(deps)).toEqual([]);
    expect(await personRows(everyone)).toEqual(personsBefore);

    expect((await call(dpo2.session, 'POST', `/api/retention-rules/${rule.id}/approve`)).statusCode).toBe(200);
    const runs = await runScheduledRetention(deps);
    expect(runs).toHaveLength(1);
    const real = (await call(dpo.session, 'GET', `/api/retention-runs/${runs[0]}`)).json();
    expect(real).toMatchObject({ kind: 'real', status: 'done', reachedCount: 2, skippedCount: 1 });
    // The dry run's reach is the real run's.
    expect(real.report.persons.map((p: { personId: string }) => p.personId)).toEqual(dry.report.persons.map((p: { personId: string }) => p.personId));
    expect(real.report.skipped).toEqual(dry.report.skipped);

    const after = new Map((await personRows(everyone)).map((p) => [p.id, p]));
    for (const gone of [old.personId, spouseId]) {
      expect(after.get(gone)).toMatchObject({ given_name: ERASED_VALUE, family_name: '' });
      expect(after.get(gone)!.erased_at).not.toBeNull();
    }
    for (const kept of [held, recent, active, otherOffice]) expect(after.get(kept.personId)).toMatchObject({ family_name: kept.familyName, erased_at: null });
    // As in an officer's erasure, the files of a household go with its last member (here both members are reached).
    expect(await attachmentRows([old.caseId])).toEqual(filesBefore.map((f) => ({ ...f, size_bytes: 0, file_name: 'erased', sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })));
    const key = await db.selectFrom('person_key').select(['wrapped_key', 'destroyed_at']).where('person_id', '=', old.personId).executeTakeFirstOrThrow();
    expect(key.wrapped_key).toBeNull();
    expect(key.destroyed_at).not.toBeNull();
    expect(await figures(at)).toEqual(before);

    // One entry for the run (counts and ids, no name), and the erasure's own entry, by no user.
    const entry = await db.selectFrom('audit_event').select(['actor_id', 'details']).where('event', '=', 'retention.run.finished').where('entity_id', '=', runs[0]!).executeTakeFirstOrThrow();
    expect(entry.actor_id).toBeNull();
    expect((entry.details as { personIds: string[] }).personIds.sort()).toEqual([old.personId, spouseId].sort());
    expect(entry.details).toMatchObject({ kind: 'real', reached: 2, skipped: 1, skippedIds: [{ id: held.personId, blockers: ['ERASURE_BLOCKED_LEGAL_HOLD'] }] });
    expect(JSON.stringify(entry.details)).not.toContain(old.familyName);
    const erased = await db.selectFrom('audit_event').select(['actor_id', 'details']).where('event', '=', 'person.erased').where('entity_id', '=', old.personId).executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ actor_id: null, details: { retentionRuleId: rule.id, retentionRunId: runs[0] } });

    // A rule once applied is disabled, not deleted; disabled, the daily job skips it.
    expect((await call(dpo.session, 'DELETE', `/api/retention-rules/${rule.id}`)).json().error.code).toBe('RETENTION_RULE_HAS_RUNS');
    expect((await call(dpo.session, 'PATCH', `/api/retention-rules/${rule.id}`, { enabled: false })).statusCode).toBe(200);
    expect(await runScheduledRetention(deps)).toEqual([]);
  });

  it('an attachments rule empties the files of cases ended long ago only, and skips a case with an open payment', async () => {
    const { a, dpo, dpo2 } = await organisation();
    const cw = a.users.caseworker.session;
    const old = await household(cw, 6, [['old-receipt.txt', 'An old receipt']]);
    const unpaid = await household(cw, 6, [['unpaid.txt', 'A plan']]);
    const recent = await household(cw, 2, [['recent.txt', 'A recent letter']]);
    const [oldFile, unpaidFile, recentFile] = [old.fileIds[0]!, unpaid.fileIds[0]!, recent.fileIds[0]!];
    await db.insertInto('payment_tranche').values({
      case_id: unpaid.caseId, component_key: '11111111-1111-4111-8111-111111111111', position: 1, amount_minor: 50_000, currency: 'EUR', due_on: '2024-06-01',
      created_by: a.users.caseworker.id, created_at: new Date(),
    }).execute();

    const rule = (await call(dpo.session, 'POST', '/api/retention-rules', { name: 'Files after 5 years', scope: 'organisation', action: 'delete_attachments', years: 5 })).json();
    const dry = await dryRun(dpo.session, rule.id);
    expect(dry.report.attachments).toEqual([{ attachmentId: oldFile, caseNumber: old.caseNumber, sizeBytes: 'An old receipt'.length }]);
    expect(dry.report.skipped).toEqual([{ attachmentId: unpaidFile, caseNumbers: [unpaid.caseNumber], blockers: ['ERASURE_BLOCKED_OPEN_PAYMENT'] }]);
    expect(dry).toMatchObject({ bytes: 'An old receipt'.length, reachedCount: 1, skippedCount: 1 });
    expect((await attachmentRows([old.caseId]))[0]).toMatchObject({ size_bytes: 'An old receipt'.length });

    expect((await call(dpo2.session, 'POST', `/api/retention-rules/${rule.id}/approve`)).statusCode).toBe(200);
    const [runId] = await runScheduledRetention(deps);
    const real = (await call(dpo.session, 'GET', `/api/retention-runs/${runId}`)).json();
    expect(real.report.attachments.map((x: { attachmentId: string }) => x.attachmentId)).toEqual(dry.report.attachments.map((x: { attachmentId: string }) => x.attachmentId));

    const bytes = async (id: string) => (await db.selectFrom('case_attachment').select('content').where('id', '=', id).executeTakeFirstOrThrow()).content.length;
    expect(await bytes(oldFile)).toBe(0);
    expect(await bytes(unpaidFile)).toBe('A plan'.length);
    expect(await bytes(recentFile)).toBe('A recent letter'.length);
    // The persons stay: this rule empties files only.
    expect(await personRows([old.personId])).toMatchObject([{ family_name: old.familyName, erased_at: null }]);
  });

  it('"run now" applies an approved rule at once to exactly what its confirmed dry run listed, audited without a name; refused otherwise', async () => {
    const { a, dpo, dpo2 } = await organisation();
    const cw = a.users.caseworker.session;
    const old = await household(cw, 8, [], true);
    const alone = await household(cw, 9);
    const late = await household(cw, 1);
    const rule = (await call(dpo.session, 'POST', '/api/retention-rules', { name: 'Closed 7 years, now', scope: 'organisation', action: 'anonymise_closed_cases', years: 7 })).json();
    const runNow = (s: Session, body: unknown) => call(s, 'POST', `/api/retention-rules/${rule.id}/run`, body);

    // Not approved: refused, even after a dry run.
    const early = await dryRun(dpo.session, rule.id);
    const unapproved = await runNow(dpo.session, { dryRunId: early.id, reachedCount: early.reachedCount });
    expect(unapproved.statusCode).toBe(409);
    expect(unapproved.json().error.code).toBe('RETENTION_RULE_NOT_APPROVED');
    // Without the permission: forbidden.
    expect((await runNow(cw, { dryRunId: early.id, reachedCount: early.reachedCount })).statusCode).toBe(403);

    clock.advance(60_000);
    expect((await call(dpo2.session, 'POST', `/api/retention-rules/${rule.id}/approve`)).statusCode).toBe(200);
    // The dry run made before the rule last changed does not stand for it.
    const stale = await runNow(dpo.session, { dryRunId: early.id, reachedCount: early.reachedCount });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('RETENTION_DRY_RUN_REQUIRED');
    clock.advance(60_000);
    const dry = await dryRun(dpo.session, rule.id);
    const listed = dry.report.persons.map((p: { personId: string }) => p.personId).sort();
    expect(listed).toEqual([old.personId, old.spouseId, alone.personId].sort());
    // The count the officer confirms must be the dry run's.
    const mistyped = await runNow(dpo.session, { dryRunId: dry.id, reachedCount: dry.reachedCount + 1 });
    expect(mistyped.statusCode).toBe(409);
    expect(mistyped.json().error.code).toBe('RETENTION_DRY_RUN_REQUIRED');

    // A case that ends long ago only after the dry run is left for the next run.
    await db.updateTable('return_case').set({ stage_changed_at: new Date(clock.now().getTime() - 10 * YEAR_MS) }).where('id', '=', late.caseId).execute();
    const asked = await runNow(dpo.session, { dryRunId: dry.id, reachedCount: dry.reachedCount });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toMatchObject({ kind: 'real', status: 'queued', ruleId: rule.id });
    const twice = await runNow(dpo.session, { dryRunId: dry.id, reachedCount: dry.reachedCount });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('RETENTION_RUN_IN_PROGRESS');
    // The job, as the queue works it; its progress and report show on the rule's page.
    expect(await runRetention(asked.json().id, deps)).toBe('done');
    const real = (await call(dpo.session, 'GET', `/api/retention-runs/${asked.json().id}`)).json();
    expect(real).toMatchObject({ kind: 'real', status: 'done', itemsTotal: 3, itemsDone: 3, reachedCount: 3 });
    expect(real.report.persons.map((p: { personId: string }) => p.personId).sort()).toEqual(listed);
    const erased = await db.selectFrom('person').select('id').where('id', 'in', [old.personId, old.spouseId!, alone.personId, late.personId]).where('erased_at', 'is not', null).execute();
    expect(erased.map((p) => p.id).sort()).toEqual(listed);

    const entry = await db.selectFrom('audit_event').select(['actor_id', 'details']).where('event', '=', 'retention.run.requested').where('entity_id', '=', asked.json().id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: dpo.id, details: { ruleId: rule.id, kind: 'real', dryRunId: dry.id, reached: 3, skipped: 0 } });
    expect(JSON.stringify(entry.details)).not.toContain(old.familyName);
    // The nightly run then reaches the case that ended since.
    const nightly = await db.selectFrom('retention_run').select('id').where('id', 'in', await runScheduledRetention(deps)).where('rule_id', '=', rule.id).executeTakeFirstOrThrow();
    expect((await call(dpo.session, 'GET', `/api/retention-runs/${nightly.id}`)).json().report.persons.map((p: { personId: string }) => p.personId)).toEqual([late.personId]);
  });

  it('is not found for another organisation\'s officer', async () => {
    const { dpo } = await organisation();
    const other = await organisation();
    const rule = (await call(dpo.session, 'POST', '/api/retention-rules', { name: 'Files after 5 years', scope: 'organisation', action: 'delete_attachments', years: 5 })).json();
    const dry = await dryRun(dpo.session, rule.id);
    const res = await call(other.dpo.session, 'GET', `/api/retention-runs/${dry.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('RETENTION_RUN_NOT_FOUND');
  });
});

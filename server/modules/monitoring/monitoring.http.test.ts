import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITION, DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import { testApp } from '../../test-support/harness.js';
import { ensureDefaultInstrument } from './index.js';

const t = await testApp();
const { call, officeWith, db, ownerUrl } = t;

const team = await officeWith(['programme_manager', 'monitoring_officer', 'me_officer', 'caseworker']);
const pm = team.users.programme_manager.session;
const mo = team.users.monitoring_officer.session;
const me = team.users.me_officer.session;
const cw = team.users.caseworker.session;

const instruments = async () => (await call(pm, 'GET', '/api/monitoring/instruments')).json().items as { id: string; key: string; builtin: boolean; versions: { id: string; number: number; status: string; provisionalWeights: boolean }[] }[];
const builtin = async () => (await instruments()).find((i) => i.key === DEFAULT_INSTRUMENT_KEY)!;

describe('the built-in instrument', () => {
  it('is there from the start, published, with provisional weights, once however often start runs', async () => {
    await ensureDefaultInstrument(db);
    const list = await instruments();
    const i = list.filter((x) => x.key === DEFAULT_INSTRUMENT_KEY);
    expect(i).toHaveLength(1);
    expect(i[0]).toMatchObject({ builtin: true, versions: [{ number: 1, status: 'published', provisionalWeights: true }] });
    const v = await call(mo, 'GET', `/api/monitoring/instrument-versions/${i[0]!.versions[0]!.id}`);
    expect(v.statusCode).toBe(200);
    expect(v.json().definition).toEqual(DEFAULT_DEFINITION);
  });

  it('is read by score readers, and not by case staff without the permission', async () => {
    expect((await call(mo, 'GET', '/api/monitoring/instruments')).statusCode).toBe(200);
    // The M&E officer reads programme statistics, not returnees' scores.
    expect((await call(me, 'GET', '/api/monitoring/instruments')).statusCode).toBe(403);
    expect((await call(cw, 'GET', '/api/monitoring/instruments')).statusCode).toBe(403);
    const vId = (await builtin()).versions[0]!.id;
    expect((await call(mo, 'POST', `/api/monitoring/instruments/${(await builtin()).id}/drafts`, {})).statusCode).toBe(403);
    expect((await call(cw, 'POST', `/api/monitoring/instrument-versions/${vId}/score`, { answers: {} })).statusCode).toBe(403);
  });
});

describe('versions: draft, publish, never changed after', () => {
  it('copies the published version into a draft, edits it, publishes it, and a new draft copies that', async () => {
    const inst = await builtin();
    const created = await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, {}, { 'idempotency-key': 'draft-1' });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ number: 2, status: 'draft', provisionalWeights: true });
    expect(draft.definition).toEqual(DEFAULT_DEFINITION);
    // A second draft is refused while one is open.
    const second = await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, {});
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('INSTRUMENT_DRAFT_EXISTS');

    const edited = structuredClone(DEFAULT_DEFINITION);
    edited.dimensions[0]!.weight = 2;
    edited.dimensions[2]!.threshold = 0.6;
    // A bad definition is refused with the field named, nothing stored.
    const bad = structuredClone(edited);
    bad.questions[0]!.options[0]!.score = 1.2;
    const refused = await call(pm, 'PUT', `/api/monitoring/instrument-versions/${draft.id}`, { definition: bad, provisionalWeights: false }, { 'if-match': created.headers.etag as string });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json().error.details)).toContain('questions.0.options.0.score');
    // Without If-Match: 428; stale: 412.
    expect((await call(pm, 'PUT', `/api/monitoring/instrument-versions/${draft.id}`, { definition: edited, provisionalWeights: false })).statusCode).toBe(428);
    const updated = await call(pm, 'PUT', `/api/monitoring/instrument-versions/${draft.id}`, { definition: edited, provisionalWeights: false }, { 'if-match': created.headers.etag as string });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ provisionalWeights: false, version: 2 });
    expect((await call(pm, 'PUT', `/api/monitoring/instrument-versions/${draft.id}`, { definition: edited, provisionalWeights: false }, { 'if-match': created.headers.etag as string })).statusCode).toBe(412);

    const published = await call(pm, 'POST', `/api/monitoring/instrument-versions/${draft.id}/publish`, undefined, { 'if-match': updated.headers.etag as string });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedByName: expect.any(String) });
    const events = await db.selectFrom('audit_event').select(['event', 'after']).where('entity_id', '=', draft.id).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['monitoring.instrument.draft_created', 'monitoring.instrument.draft_updated', 'monitoring.instrument.published']);

    // Published: the API refuses an edit and a second publication.
    const again = await call(pm, 'PUT', `/api/monitoring/instrument-versions/${draft.id}`, { definition: DEFAULT_DEFINITION, provisionalWeights: true }, { 'if-match': published.headers.etag as string });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INSTRUMENT_VERSION_PUBLISHED');

    // The next draft copies the latest published version (2), not the built-in one.
    const next = await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, {});
    expect(next.statusCode).toBe(201);
    expect(next.json()).toMatchObject({ number: 3, provisionalWeights: false });
    expect(next.json().definition.dimensions[0].weight).toBe(2);
  });

  it('creates a draft from a definition sent, refusing an invalid one field by field', async () => {
    const inst = await builtin();
    // Close the open draft first: one draft per instrument.
    const open = inst.versions.find((v) => v.status === 'draft')!;
    const current = await call(pm, 'GET', `/api/monitoring/instrument-versions/${open.id}`);
    expect((await call(pm, 'POST', `/api/monitoring/instrument-versions/${open.id}/publish`, undefined, { 'if-match': current.headers.etag as string })).statusCode).toBe(200);

    const bad = structuredClone(DEFAULT_DEFINITION) as unknown as { indicators: { questions: string[]; weight: number }[]; questions: { label: Record<string, string> }[] };
    bad.indicators[0]!.questions = [];
    bad.indicators[1]!.weight = -1;
    delete bad.questions[0]!.label.ar;
    const refused = await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, { definition: bad });
    expect(refused.statusCode).toBe(400);
    const details = JSON.stringify(refused.json().error.details);
    for (const field of ['indicators.0.questions', 'indicators.1.weight', 'questions.0.label.ar']) expect(details).toContain(field);
    expect((await instruments()).find((i) => i.id === inst.id)!.versions.some((v) => v.status === 'draft')).toBe(false);

    const own = structuredClone(DEFAULT_DEFINITION);
    own.indicators[0]!.weight = 3;
    const created = await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, { definition: own });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ number: 4, status: 'draft', provisionalWeights: false });
    expect(created.json().definition.indicators[0].weight).toBe(3);
  });

  it('refuses a raw UPDATE or DELETE of a published version in the database, from the owner too', async () => {
    const vId = (await builtin()).versions.find((v) => v.number === 1)!.id;
    await expect(sql`UPDATE monitoring_instrument_version SET provisional_weights = false WHERE id = ${vId}`.execute(db)).rejects.toThrow(/published instrument version cannot change/);
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE monitoring_instrument_version SET definition = '{}'::jsonb WHERE id = $1`, [vId])).rejects.toThrow(/cannot change/);
      await expect(owner.query(`DELETE FROM monitoring_instrument_version WHERE id = $1`, [vId])).rejects.toThrow(/cannot change/);
    } finally {
      await owner.end();
    }
    const row = await db.selectFrom('monitoring_instrument_version').select(['definition', 'provisional_weights']).where('id', '=', vId).executeTakeFirstOrThrow();
    expect(row).toEqual({ definition: DEFAULT_DEFINITION, provisional_weights: true });
  });
});

describe('scoring answers against a version', () => {
  it('scores exactly as the shared code does, without saving anything', async () => {
    const vId = (await builtin()).versions.find((v) => v.number === 1)!.id;
    const before = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await call(mo, 'POST', `/api/monitoring/instrument-versions/${vId}/score`, {
      answers: { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 2, food: 's1', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's3' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // income 0.75; employment (1 + 0.3333) / 2 = 0.66665 -> 0.6666 (half to even); food 0.3333.
    expect(r.indicators.slice(0, 4).map((i: { score: string | null }) => i.score)).toEqual(['0.7500', '0.6666', null, '0.3333']);
    // economic = (0.75 + 0.66665 + 0.3333) / 3 = 0.58331666… -> 0.5833
    // psychosocial: safety 1, distress (0 + 1) / 2 = 0.5, migrate 0 -> 1.5 / 3 = 0.5000, not below 0.5
    expect(r.dimensions).toEqual([
      { key: 'economic', score: '0.5833', belowThreshold: false },
      { key: 'social', score: null, belowThreshold: false },
      { key: 'psychosocial', score: '0.5000', belowThreshold: false },
    ]);
    // composite = (0.58331666… + 0.5) / 2 = 0.54165833… -> 0.5417
    expect(r.composite).toBe('0.5417');
    expect(r.triggers).toEqual([{ key: 'distress_reported', action: 'referral' }, { key: 'wish_to_migrate', action: 'follow_up_task' }]);
    expect(r.versionNumber).toBe(1);
    const after = await db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an answer that does not fit, naming it, rather than dropping it', async () => {
    const vId = (await builtin()).versions.find((v) => v.number === 1)!.id;
    const res = await call(mo, 'POST', `/api/monitoring/instrument-versions/${vId}/score`, { answers: { employed: 'perhaps', food: 's1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'MONITORING_ANSWER_INVALID', details: { field: 'answers.employed', problems: [{ question: 'employed', problem: 'unknown_option' }] } });
    const unknown = await call(mo, 'POST', `/api/monitoring/instrument-versions/${vId}/score`, { answers: { shoe_size: 42 } });
    expect(unknown.json().error.details.problems).toEqual([{ question: 'shoe_size', problem: 'unknown_question' }]);
    expect((await call(mo, 'POST', '/api/monitoring/instrument-versions/00000000-0000-4000-8000-000000000000/score', { answers: {} })).statusCode).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_DEFINITION, DEFAULT_INSTRUMENT_KEY } from '../../../shared/monitoring/index.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { statistic } from './score-summary.js';

const t = await testApp();
const { call, officeWith, db } = t;

const host = await officeWith(['caseworker', 'monitoring_officer', 'programme_manager', 'me_officer'], { country: 'BE' });
const other = await officeWith(['caseworker', 'monitoring_officer'], { country: 'NL' });
const origin = await officeWith(['office_manager', 'monitoring_officer'], { kind: 'origin', country: 'IQ' });
const cw = host.users.caseworker.session;
const mo = host.users.monitoring_officer.session;
const pm = host.users.programme_manager.session;
const me = host.users.me_officer.session;

const ok = <T extends { statusCode: number; body: string }>(res: T, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
type Visit = { id: string; version: number; status: string; slot: number };
const planned = (s: Session, id: string) => call(s, 'GET', `/api/cases/${id}/monitoring`).then((r) => (ok(r).json().visits as Visit[]).filter((v) => v.status === 'planned'));
const record = (s: Session, v: Visit, body: Record<string, unknown>) => call(s, 'PUT', `/api/monitoring/visits/${v.id}`, body, { 'if-match': `"${v.id}.${v.version}"` });

/** A case of the team's office in monitoring, arrived on the day given, returning to the country given. */
async function monitoredCase(team: typeof host, country: string, arrivedOn: string) {
  const c = ok(await call(team.users.caseworker.session, 'POST', '/api/cases', householdInput()), 201).json();
  await db.updateTable('return_case').set({ stage: 'monitoring', country_of_return: country, owner_id: team.users.monitoring_officer.id }).where('id', '=', c.id).execute();
  await db.insertInto('arrival').values({ case_id: c.id, arrived_on: arrivedOn, place: 'Airport', received_by_user_id: null, received_by_name: 'Reception desk', recorded_by: team.users.caseworker.id, recorded_at: new Date() }).execute();
  return c.id as string;
}

const LOW = { income_sources: ['work', 'remittances'], employed: 'yes', work_months: 2, food: 's1', distress: 'yes', psychosocial_support: 'no', migrate_again: 'yes', safety: 's3' };
const HIGH = { income_sources: ['work'], employed: 'yes', work_months: 6, debt: 'none', food: 's3', distress: 'no', migrate_again: 'no', safety: 's3' };
const MID = { income_sources: ['farming'], employed: 'no', debt: 'manageable', food: 's2', distress: 'no', migrate_again: 'yes', safety: 's2' };

const instrument = async () => {
  const list = (await call(pm, 'GET', '/api/monitoring/instruments')).json().items as { id: string; key: string; versions: { id: string; number: number; status: string }[] }[];
  return list.find((i) => i.key === DEFAULT_INSTRUMENT_KEY)!;
};
const scoreOf = async (versionId: string, answers: object) => ok(await call(mo, 'POST', `/api/monitoring/instrument-versions/${versionId}/score`, { answers })).json() as { dimensions: { key: string; score: string | null }[]; composite: string | null };
const summary = async (s: Session, query: string) => ok(await call(s, 'GET', `/api/monitoring/score-summary?${query}`)).json();

describe('the statistic of scores', () => {
  it('is exact: mean and median rounded half up to four decimals, unanswered dimensions left out', () => {
    expect(statistic(['0.5000', '0.6667', '0.3333'])).toEqual({ mean: '0.5000', median: '0.5000', n: 3 });
    expect(statistic(['0.1000', '0.2001', null])).toEqual({ mean: '0.1501', median: '0.1501', n: 2 });
    expect(statistic(['1.0000', '0.0000', '0.0000'])).toEqual({ mean: '0.3333', median: '0.0000', n: 3 });
    expect(statistic([null])).toEqual({ mean: null, median: null, n: 0 });
  });
});

describe('the programme’s view of scores', () => {
  it('counts each case’s latest visit under one version, in the viewer’s scope, and withholds small counts from those who open no case', async () => {
    const inst = await instrument();
    const v1 = inst.versions.find((v) => v.number === 1)!.id;
    // Five returnees to Iraq (arrived in 2026-Q1), one to Ghana (2025-Q4); one returnee to Iraq of another office.
    const iraq = [];
    for (let i = 0; i < 5; i += 1) iraq.push(await monitoredCase(host, 'IQ', '2026-02-20'));
    const ghana = await monitoredCase(host, 'GH', '2025-11-05');
    const elsewhere = await monitoredCase(other, 'IQ', '2026-01-10');
    const answersOf = [HIGH, LOW, LOW, MID, HIGH];
    // The first Iraqi returnee: a low first visit, then a high one: only the latest counts.
    const [first] = await planned(mo, iraq[0]!);
    ok(await record(mo, first!, { method: 'phone', visitedOn: '2026-05-20', outcome: 'reached', instrumentVersionId: v1, answers: LOW }));
    for (const [i, id] of iraq.entries()) {
      const [v] = await planned(mo, id);
      ok(await record(mo, v!, { method: 'on_site', visitedOn: '2026-08-20', outcome: 'reached', instrumentVersionId: v1, answers: answersOf[i] }));
    }
    ok(await record(mo, (await planned(mo, ghana))[0]!, { method: 'phone', visitedOn: '2026-02-05', outcome: 'reached', instrumentVersionId: v1, answers: MID }));
    const otherMo = other.users.monitoring_officer.session;
    ok(await record(otherMo, (await planned(otherMo, elsewhere))[0]!, { method: 'phone', visitedOn: '2026-04-10', outcome: 'reached', instrumentVersionId: v1, answers: LOW }));

    const scored = { HIGH: await scoreOf(v1, HIGH), LOW: await scoreOf(v1, LOW), MID: await scoreOf(v1, MID) };
    const iraqScores = answersOf.map((a) => scored[a === HIGH ? 'HIGH' : a === LOW ? 'LOW' : 'MID']);

    // The monitoring officer opens the cases counted: every count shown, the other office's case absent.
    const byCountry = await summary(mo, 'groupBy=country');
    expect(byCountry).toMatchObject({ groupBy: 'country', version: { id: v1, number: 1 }, suppression: false, total: 6 });
    const iq = byCountry.groups.find((g: { key: string }) => g.key === 'IQ');
    expect(iq).toMatchObject({ count: 5, suppressed: false, composite: statistic(iraqScores.map((s) => s.composite)) });
    for (const d of ['economic', 'social', 'psychosocial']) {
      expect(iq.dimensions.find((x: { key: string }) => x.key === d)).toEqual({ key: d, ...statistic(iraqScores.map((s) => s.dimensions.find((x) => x.key === d)!.score)) });
    }
    // Exact for the answers given: two HIGH, two LOW, one MID.
    expect(iq.composite.mean).toBe(statistic([scored.HIGH.composite, scored.HIGH.composite, scored.LOW.composite, scored.LOW.composite, scored.MID.composite]).mean);
    expect(byCountry.groups.find((g: { key: string }) => g.key === 'GH')).toMatchObject({ count: 1, suppressed: false, composite: { mean: scored.MID.composite, median: scored.MID.composite, n: 1 } });

    const cohorts = await summary(mo, 'groupBy=cohort&dimension=economic');
    expect(cohorts.groups.map((g: { key: string; count: number }) => [g.key, g.count])).toEqual([['2025-Q4', 1], ['2026-Q1', 5]]);
    expect(cohorts.groups[0].dimensions.map((d: { key: string }) => d.key)).toEqual(['economic']);

    // The other office's officer counts its own case only.
    const theirs = await summary(otherMo, 'groupBy=country');
    expect(theirs.groups).toMatchObject([{ key: 'IQ', count: 1, composite: { mean: scored.LOW.composite } }]);

    // The programme manager (every case, opens none): Iraq's six shown, Ghana's one withheld with its means.
    const programme = await summary(pm, 'groupBy=country');
    expect(programme).toMatchObject({ suppression: true, total: 6 });
    expect(programme.groups).toEqual([
      { key: 'GH', label: 'GH', count: null, suppressed: true, dimensions: [], composite: null },
      expect.objectContaining({ key: 'IQ', count: 6, suppressed: false }),
    ]);
    // Someone with statistics only reads nothing here.
    expect((await call(me, 'GET', '/api/monitoring/score-summary')).statusCode).toBe(403);

    // A second version: one visit re-scored under it. The newest version with scores is the default, alone.
    const edited = structuredClone(DEFAULT_DEFINITION);
    edited.dimensions[0]!.weight = 2;
    const draft = ok(await call(pm, 'POST', `/api/monitoring/instruments/${inst.id}/drafts`, { definition: edited }), 201);
    expect((await call(mo, 'GET', `/api/monitoring/score-summary?instrumentVersionId=${draft.json().id}`)).json().error.code).toBe('MONITORING_VERSION_NOT_PUBLISHED');
    const v2 = ok(await call(pm, 'POST', `/api/monitoring/instrument-versions/${draft.json().id}/publish`, undefined, { 'if-match': draft.headers.etag as string })).json().id as string;
    const latestVisit = (await call(mo, 'GET', `/api/cases/${iraq[1]}/monitoring`)).json().visits.find((v: { status: string; visitedOn: string }) => v.visitedOn === '2026-08-20');
    ok(await call(mo, 'POST', `/api/monitoring/visits/${latestVisit.id}/scores`, { instrumentVersionId: v2 }), 201);
    const newest = await summary(mo, 'groupBy=country');
    expect(newest.version.id).toBe(v2);
    expect(newest.versions.map((v: { id: string }) => v.id)).toEqual([v2, v1]);
    expect(newest.groups).toMatchObject([{ key: 'IQ', count: 1, composite: { mean: (await scoreOf(v2, LOW)).composite } }]);
    // Under version 1 nothing moved.
    expect((await summary(mo, `groupBy=country&instrumentVersionId=${v1}`)).groups.find((g: { key: string }) => g.key === 'IQ')).toEqual(iq);
  });
});

describe('the monitoring outcome for the host office', () => {
  async function handedOver(purpose: 'monitoring' | 'reception') {
    const id = ok(await call(cw, 'POST', '/api/cases', householdInput()), 201).json().id as string;
    await db.updateTable('return_case').set({ stage: 'departed' }).where('id', '=', id).execute();
    const consent = { asylumHistory: false, counsellingNotes: false, healthInformation: false, consentedOn: '2026-02-28' };
    const h = ok(await call(cw, 'POST', `/api/cases/${id}/handovers`, { toOfficeId: origin.office.id, purpose, consent }), 201).json();
    ok(await call(origin.users.office_manager.session, 'POST', `/api/handovers/${h.id}/accept`, {}, { 'if-match': `"${h.id}.1"` }));
    await db.updateTable('return_case').set({ stage: 'monitoring', owner_id: origin.users.monitoring_officer.id }).where('id', '=', id).execute();
    return id;
  }

  it('shows visits, scores and status, never notes, next steps or answers; without consent, says so', async () => {
    const inst = await instrument();
    const v1 = inst.versions.find((v) => v.number === 1)!.id;
    const before = ok(await call(cw, 'GET', `/api/cases/${(await monitoredCase(host, 'IQ', '2026-01-01'))}/monitoring/feedback`)).json();
    expect(before).toMatchObject({ state: 'not_handed_over', visits: [] });

    const id = await handedOver('monitoring');
    const om = origin.users.monitoring_officer.session;
    const [a, b] = await planned(om, id);
    ok(await record(om, a!, { method: 'phone', visitedOn: '2026-04-01', outcome: 'not_reached', notReachedReason: 'no_answer', nextSteps: 'NEXT-STEP call again' }));
    ok(await record(om, b!, { method: 'on_site', visitedOn: '2026-07-01', outcome: 'reached', instrumentVersionId: v1, answers: HIGH, sensitiveNotes: 'SECRET-NOTE debts to a smuggler', nextSteps: 'NEXT-STEP visit' }));
    const res = ok(await call(cw, 'GET', `/api/cases/${id}/monitoring/feedback`));
    expect(res.body).not.toMatch(/SECRET-NOTE|NEXT-STEP|income_sources|indicators|triggers/);
    const fb = res.json();
    const expected = await scoreOf(v1, HIGH);
    expect(fb).toMatchObject({ state: 'shared', originOfficeName: origin.office.name, stage: 'monitoring', lostToFollowUp: false, closed: false });
    expect(fb.visits.filter((v: { status: string }) => v.status === 'recorded')).toMatchObject([
      { slot: a!.slot, status: 'recorded', method: 'phone', visitedOn: '2026-04-01', outcome: 'not_reached', notReachedReason: 'no_answer', scores: [] },
      { slot: b!.slot, status: 'recorded', method: 'on_site', outcome: 'reached', scores: [{ versionId: v1, versionNumber: 1, composite: expected.composite, dimensions: expected.dimensions.map((d) => ({ key: d.key, score: d.score })) }] },
    ]);
    // The origin office reads the case's own Monitoring tab, not this feedback.
    expect((await call(om, 'GET', `/api/cases/${id}/monitoring/feedback`)).statusCode).toBe(403);
    // Another host office's caseworker: the case does not exist for them.
    expect((await call(other.users.caseworker.session, 'GET', `/api/cases/${id}/monitoring/feedback`)).statusCode).toBe(404);

    const withheld = await handedOver('reception');
    const [c] = await planned(om, withheld);
    ok(await record(om, c!, { method: 'on_site', visitedOn: '2026-07-01', outcome: 'reached', instrumentVersionId: v1, answers: HIGH }));
    const none = ok(await call(cw, 'GET', `/api/cases/${withheld}/monitoring/feedback`)).json();
    expect(none).toMatchObject({ state: 'not_consented', visits: [], stage: null });
  });
});

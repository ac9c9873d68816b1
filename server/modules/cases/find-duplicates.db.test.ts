import { describe, expect, it } from 'vitest';
import { labelledMetrics, labelledPairs, type LabelledPerson } from '../../../bench/labelled-duplicates.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const { call, officeWith, db, fx, login } = await testApp();

interface Candidate { personId: string; caseId: string; givenName: string; familyName: string; score: number }

/** Registers a one-person case; the person's id. */
async function register(s: Session, p: Partial<LabelledPerson> & { givenName: string; familyName: string }) {
  const res = await call(s, 'POST', '/api/cases', householdInput({
    principal: { sex: 'male', nationality: 'IQ', documents: [], ...p }, members: [], countryOfReturn: p.nationality ?? 'IQ',
  }));
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return { caseId: res.json().id as string, personId: res.json().members[0].person.id as string };
}
const check = async (s: Session, body: object): Promise<Candidate[]> => {
  const res = await call(s, 'POST', '/api/cases/duplicates', body);
  expect(res.statusCode).toBe(200);
  return res.json().candidates;
};
const ids = (cs: Candidate[]) => cs.map((c) => c.personId);

describe('the duplicate check at registration', () => {
  it('finds the same person written another way: spelling, Arabic script, Cyrillic, a dropped middle name, names swapped, the birth date a day off or estimated', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const mohammed = await register(s, { givenName: 'Mohammed', familyName: 'Al-Hassan', birthDate: '1988-04-12' });
    const ivanov = await register(s, { givenName: 'Ivan', familyName: 'Ivanov', birthDate: '1979-10-02', nationality: 'UA' });
    const middle = await register(s, { givenName: 'Omar Khaled', familyName: 'Haddad', birthDate: '1993-06-20' });
    const estimated = await register(s, { givenName: 'Zainab', familyName: 'Jaber', sex: 'female', birthDate: '2001-01-01', birthDateEstimated: true });
    const cases: [string, string, Record<string, unknown>][] = [
      ['Muhammad', mohammed.personId, { givenName: 'Muhammad', familyName: 'Al Hasan', birthDate: '1988-04-12', nationality: 'IQ' }],
      ['Mohamed', mohammed.personId, { givenName: 'Mohamed', familyName: 'Alhassan', birthDate: '1988-04-12', nationality: 'IQ' }],
      ['Arabic script', mohammed.personId, { givenName: 'محمد', familyName: 'الحسن', birthDate: '1988-04-12', nationality: 'IQ' }],
      ['swapped', mohammed.personId, { givenName: 'Al-Hassan', familyName: 'Mohammed', birthDate: '1988-04-12', nationality: 'IQ' }],
      ['a day off', mohammed.personId, { givenName: 'Mohammed', familyName: 'Al-Hassan', birthDate: '1988-04-13', nationality: 'IQ' }],
      ['Cyrillic', ivanov.personId, { givenName: 'Иван', familyName: 'Иванов', birthDate: '1979-10-02', nationality: 'UA' }],
      ['middle name dropped', middle.personId, { givenName: 'Omar', familyName: 'Haddad', birthDate: '1993-06-20', nationality: 'IQ' }],
      ['estimated 1 January on record', estimated.personId, { givenName: 'Zaynab', familyName: 'Jabir', birthDate: '2001-08-17', nationality: 'IQ' }],
      ['estimated 1 January entered', mohammed.personId, { givenName: 'Mohammed', familyName: 'Al-Hassan', birthDate: '1988-01-01', nationality: 'IQ' }],
    ];
    for (const [kind, personId, body] of cases) {
      const found = await check(s, body);
      expect(found[0]?.personId, kind).toBe(personId);
      expect(found[0]!.score, kind).toBeGreaterThanOrEqual(0.8);
    }
    // Nothing alike: no candidate at all.
    expect(await check(s, { givenName: 'Chiamaka', familyName: 'Okonkwo', birthDate: '1970-01-01', nationality: 'NG' })).toEqual([]);
  });

  it('scores a birth date a day off above eleven months off, and a sibling well below the person', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const elevenMonths = await register(s, { givenName: 'Hamza', familyName: 'Darwish', birthDate: '1984-07-03' });
    const oneDay = await register(s, { givenName: 'Hamza', familyName: 'Darwish', birthDate: '1985-06-02' });
    const sibling = await register(s, { givenName: 'Bilal', familyName: 'Darwish', birthDate: '1987-02-11' });
    const found = await check(s, { givenName: 'Hamzah', familyName: 'Darweesh', birthDate: '1985-06-03', nationality: 'IQ' });
    const score = (id: string) => found.find((c) => c.personId === id)?.score ?? -1;
    expect(ids(found)[0]).toBe(oneDay.personId);
    expect(score(oneDay.personId)).toBeGreaterThan(score(elevenMonths.personId));
    expect(score(elevenMonths.personId)).toBeGreaterThan(0);
    expect(score(sibling.personId)).toBeLessThan(0.8);
  });

  it('never lists a person of another office, nor of a restricted case the actor may not open', async () => {
    const a = await officeWith(['caseworker']);
    const b = await officeWith(['caseworker'], { organisationId: a.organisationId });
    const colleague = await fx.user({ roles: ['caseworker'], organisationId: a.organisationId, officeId: a.office.id });
    const colleagueSession = await login(colleague.email, colleague.password);
    const person = { givenName: 'Youssef', familyName: 'Mansour', birthDate: '1990-02-14' };
    const open = await register(a.users.caseworker.session, person);
    const restricted = await register(colleagueSession, person);
    await db.updateTable('return_case').set({ restricted: true }).where('id', '=', restricted.caseId).execute();
    const query = { givenName: 'Yusuf', familyName: 'Mansur', birthDate: '1990-02-14', nationality: 'IQ' };

    expect(ids(await check(a.users.caseworker.session, query))).toEqual([open.personId]);
    // Its owner sees the restricted case, so the check does find it where it may.
    expect(ids(await check(colleagueSession, query)).sort()).toEqual([open.personId, restricted.personId].sort());
    expect(await check(b.users.caseworker.session, query)).toEqual([]);
  });

  it('keeps the blocking keys current when a name or date of birth changes', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const { personId } = await register(s, { givenName: 'Ahmed', familyName: 'Khalil', birthDate: '1980-03-03' });
    const query = { givenName: 'Ahmad', familyName: 'Khaleel', birthDate: '1980-03-03', nationality: 'IQ' };
    expect(ids(await check(s, query))).toEqual([personId]);
    await db.updateTable('person').set({ birth_date: '1960-05-05' }).where('id', '=', personId).execute();
    expect(await check(s, query)).toEqual([]);
    expect(ids(await check(s, { ...query, birthDate: '1960-05-05' }))).toEqual([personId]);
  });

  it('finds at least 95% of a slice of the labelled set, and keeps near misses below a strong match', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    const pairs = labelledPairs(7, 105, 30);
    const registered: string[] = [];
    for (let i = 0; i < pairs.length; i += 5) {
      registered.push(...(await Promise.all(pairs.slice(i, i + 5).map(async (p) => (await register(s, p.registered)).personId))));
    }
    const results = [];
    for (const [i, pair] of pairs.entries()) results.push({ pair, registeredId: registered[i]!, candidates: await check(s, pair.query) });
    const m = labelledMetrics(results);
    expect(m.truePairs).toBe(105);
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.nearMissSpecificity).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});

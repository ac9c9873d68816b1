import { describe, expect, it } from 'vitest';
import { labelledMetrics, labelledPairs, type LabelledPerson } from '../../../bench/labelled-duplicates.js';
import { nameKeys } from '../../../shared/names/name-keys.js';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';
import { DUPLICATE_CANDIDATE_LIMIT } from './find-duplicates.js';

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

  it('keeps the people born nearest the entered date when a name has more candidates than are ranked', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    // 'Hailu Haile' is one skeleton token twice ('hl'): every Hailu and every Haile of the years
    // around shares its key. More of them than are ranked, none born within three days of the
    // entered date, all in one case registered first; the person himself is registered last.
    const household = await register(s, { givenName: 'Tesfaye', familyName: 'Bekele', birthDate: '1970-03-03', nationality: 'ET' });
    const { skeleton, folded } = nameKeys(['Hailu', 'Haile']);
    const day = (n: number) => new Date(Date.UTC(2001, 5, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const dates = Array.from({ length: 700 }, (_, i) => day(i)).filter((d) => Math.abs(Date.parse(d) - Date.parse('2002-05-04')) > 3 * 86_400_000);
    const namesakes = await db.insertInto('person')
      .values(Array.from({ length: DUPLICATE_CANDIDATE_LIMIT + 20 }, (_, i) => ({
        given_name: 'Hailu', family_name: 'Haile', other_names: [], original_script_name: null, transliteration: null, sex: 'male' as const,
        birth_date: dates[i % dates.length]!, birth_date_estimated: false, nationality: 'ET', languages: [], phone: null, email: null,
        name_skeleton: skeleton, name_folded: folded,
      })))
      .returning('id')
      .execute();
    await db.insertInto('case_member')
      .values(namesakes.map((p, i) => ({ case_id: household.caseId, person_id: p.id, relationship: 'child' as const, position: i + 1 })))
      .execute();
    const himself = await register(s, { givenName: 'Hailu', familyName: 'Haile', birthDate: '2002-05-03', nationality: 'ET' });
    const found = await check(s, { givenName: 'Hailu', familyName: 'Haile', birthDate: '2002-05-04', nationality: 'ET' });
    expect(found[0]?.personId).toBe(himself.personId);
    expect(found[0]!.score).toBeGreaterThanOrEqual(0.9);
  });

  it('lists every candidate as likely as the tenth, so that none of them is left out at random', async () => {
    const { users } = await officeWith(['caseworker']);
    const s = users.caseworker.session;
    // Born in 1986, a dozen namesakes: entered as born "1 January 1986", all are equally likely.
    const born = ['1986-02-11', '1986-03-15', '1986-04-02', '1986-05-19', '1986-06-07', '1986-07-23', '1986-08-14', '1986-09-09', '1986-10-28', '1986-11-03', '1986-12-12', '1986-12-30'];
    const registered = [];
    for (const birthDate of born) registered.push((await register(s, { givenName: 'Eka', familyName: 'Kapanadze', sex: 'female', birthDate, nationality: 'GE' })).personId);
    const other = await register(s, { givenName: 'Eka', familyName: 'Kapanadze', sex: 'female', birthDate: '1996-01-01', nationality: 'GE' });
    const found = await check(s, { givenName: 'Eka', familyName: 'Kapanadze', birthDate: '1986-01-01', nationality: 'GE' });
    expect(ids(found).slice(0, born.length).sort()).toEqual([...registered].sort());
    expect(new Set(found.slice(0, born.length).map((c) => c.score)).size).toBe(1);
    // 1 January of another year, one digit of the year apart: well below the year entered.
    const score = (id: string) => found.find((c) => c.personId === id)?.score ?? 0;
    expect(score(other.personId)).toBeLessThan(found[0]!.score);
  });

  it('without a date of birth, lists the namesakes of exactly the name entered before people merely spelled alike, however many of those there are', async () => {
    const a = await officeWith(['caseworker']);
    const b = await officeWith(['caseworker'], { organisationId: a.organisationId });
    const s = a.users.caseworker.session;
    /** Adds `n` people of this name to the case, as members. */
    const namesakes = async (caseId: string, n: number, givenName: string, nationality = 'SY') => {
      const { skeleton, folded } = nameKeys([givenName, 'Nasser']);
      const people = await db.insertInto('person')
        .values(Array.from({ length: n }, (_, i) => ({
          given_name: givenName, family_name: 'Nasser', other_names: [], original_script_name: null, transliteration: null, sex: 'male' as const,
          birth_date: `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, birth_date_estimated: false, nationality, languages: [], phone: null, email: null,
          name_skeleton: skeleton, name_folded: folded,
        })))
        .returning('id')
        .execute();
      await db.insertInto('case_member')
        .values(people.map((p, i) => ({ case_id: caseId, person_id: p.id, relationship: 'other_relative' as const, position: i + 1 })))
        .execute();
      return people.map((p) => p.id);
    };
    const here = await register(s, { givenName: 'Walid', familyName: 'Haddad', birthDate: '1950-05-05', nationality: 'SY' });
    const there = await register(b.users.caseworker.session, { givenName: 'Walid', familyName: 'Haddad', birthDate: '1950-05-05', nationality: 'SY' });
    // More people spelled alike ('Kareem', the same skeleton) than the check ranks, written first;
    // then the namesakes: in the office, of another nationality, and in another office.
    await namesakes(here.caseId, DUPLICATE_CANDIDATE_LIMIT + 20, 'Kareem');
    const exact = await namesakes(here.caseId, 30, 'Karim');
    await namesakes(here.caseId, 5, 'Karim', 'IQ');
    const elsewhere = await namesakes(there.caseId, 30, 'Karim');

    const found = await check(s, { givenName: 'Karim', familyName: 'Nasser', nationality: 'SY' });
    expect(found).toHaveLength(25);
    expect(ids(found).every((id) => exact.includes(id))).toBe(true);
    expect(new Set(found.map((c) => c.score)).size).toBe(1);
    // Without a nationality entered, the namesakes of every nationality are as likely.
    const anyNationality = await check(s, { givenName: 'Karim', familyName: 'Nasser' });
    expect(anyNationality).toHaveLength(25);
    expect(anyNationality.every((c) => c.givenName === 'Karim' && c.familyName === 'Nasser')).toBe(true);
    // The other office's caseworker sees only that office's namesakes.
    const theirs = await check(b.users.caseworker.session, { givenName: 'Karim', familyName: 'Nasser', nationality: 'SY' });
    expect(theirs).toHaveLength(25);
    expect(ids(theirs).every((id) => elsewhere.includes(id))).toBe(true);
    // Fewer namesakes than that: those spelled alike are ranked with them, as with a date of birth.
    const few = await register(s, { givenName: 'Rami', familyName: 'Saleh', birthDate: '1977-07-07', nationality: 'SY' });
    const alike = await register(s, { givenName: 'Ramy', familyName: 'Saleh', birthDate: '1981-03-09', nationality: 'SY' });
    expect(ids(await check(s, { givenName: 'Rami', familyName: 'Saleh', nationality: 'SY' }))).toEqual([few.personId, alike.personId]);
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

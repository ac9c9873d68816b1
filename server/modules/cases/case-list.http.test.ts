import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { householdInput, testApp, type Session } from '../../test-support/harness.js';

const t = await testApp();
const { call, officeWith, db } = t;

const register = async (s: Session, body: Record<string, unknown> = householdInput()) => {
  const res = await call(s, 'POST', '/api/cases', body);
  if (res.statusCode !== 201) throw new Error(`register failed ${res.statusCode} ${res.body}`);
  return res.json().id as string;
};

// An actor who reads every case of every office, but opens no restricted case but their own.
await db.insertInto('role')
  .values({ key: 'all_reader', name: 'All reader', scope: 'all', permissions: ['case.read'], builtin: false, updated_at: new Date() })
  .execute();

const { office, organisationId, users } = await officeWith(['caseworker', 'me_officer']);
const other = await officeWith(['caseworker'], { organisationId });
const allReaderUser = await t.fx.user({ roles: ['all_reader'], organisationId, officeId: office.id });
const allReader = await t.login(allReaderUser.email, allReaderUser.password);
const cw = users.caseworker;
const colleagueUser = await t.fx.user({ roles: ['caseworker'], organisationId, officeId: office.id });
const colleague = { ...colleagueUser, session: await t.login(colleagueUser.email, colleagueUser.password) };

/** Cases by stage as counted straight from return_case, under the condition of the one who counts. */
async function direct(where: ReturnType<typeof sql<boolean>>) {
  const { rows } = await sql<{ stage: string; n: number }>`SELECT stage, count(*)::int AS n FROM return_case c WHERE ${where} GROUP BY stage`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.stage, r.n]));
}
const inOffice = (officeId: string) => sql<boolean>`(c.office_id = ${officeId} OR c.origin_office_id = ${officeId})`;
const opens = (userId: string) => sql<boolean>`(NOT c.restricted OR c.owner_id = ${userId} OR EXISTS (SELECT 1 FROM case_assignment a WHERE a.case_id = c.id AND a.user_id = ${userId}))`;

async function expectCountsExact() {
  const counts = async (s: Session, mine = false) => {
    const res = await call(s, 'GET', `/api/cases/stage-counts${mine ? '?mine=true' : ''}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  expect((await counts(cw.session)).counts).toEqual(await direct(sql<boolean>`${inOffice(office.id)} AND ${opens(cw.id)}`));
  expect((await counts(colleague.session)).counts).toEqual(await direct(sql<boolean>`${inOffice(office.id)} AND ${opens(colleague.id)}`));
  expect((await counts(cw.session, true)).counts).toEqual(await direct(sql<boolean>`c.owner_id = ${cw.id}`));
  expect((await counts(other.users.caseworker.session)).counts).toEqual(await direct(sql<boolean>`${inOffice(other.office.id)} AND ${opens(other.users.caseworker.id)}`));
  expect((await counts(allReader)).counts).toEqual(await direct(opens(allReaderUser.id)));
  // Statistics users count every case of their scope, restricted ones too, with 1 to 4 withheld.
  const all = await direct(sql<boolean>`true`);
  const stats = await counts(users.me_officer.session);
  expect(stats.counts).toEqual(Object.fromEntries(Object.entries(all).filter(([, n]) => n >= 5)));
  expect([...stats.suppressed].sort()).toEqual(Object.entries(all).filter(([, n]) => n < 5).map(([k]) => k).sort());
}

describe('stage counts', () => {
  it('equal a count of the cases after registrations, stage moves, reassignments and restriction', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) ids.push(await register(cw.session));
    for (let i = 0; i < 3; i += 1) ids.push(await register(other.users.caseworker.session));
    await expectCountsExact();

    const moved = await call(cw.session, 'POST', `/api/cases/${ids[0]}/transitions`, { to: 'counselling' }, { 'if-match': `"${ids[0]}.1"` });
    expect(moved.statusCode).toBe(200);
    await expectCountsExact();

    // Another owner, another office (the old one becomes the origin office), restricted cases.
    await db.updateTable('return_case').set({ owner_id: colleague.id }).where('id', '=', ids[1]).execute();
    await db.updateTable('return_case').set({ office_id: other.office.id, origin_office_id: office.id }).where('id', '=', ids[2]).execute();
    await db.updateTable('return_case').set({ restricted: true }).where('id', 'in', [ids[3], ids[4]]).execute();
    await db.updateTable('return_case').set({ restricted: true, owner_id: colleague.id }).where('id', '=', ids[5]).execute();
    await expectCountsExact();
    const colleagueCounts = (await call(colleague.session, 'GET', '/api/cases/stage-counts')).json();
    const cwCounts = (await call(cw.session, 'GET', '/api/cases/stage-counts')).json();
    // The caseworker opens their two restricted cases, the colleague their one.
    expect(cwCounts.total - colleagueCounts.total).toBe(1);

    // The rows fold into one per key without changing any count.
    const rowsBefore = await db.selectFrom('case_stage_count').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await sql`SELECT case_stage_count_compact()`.execute(db);
    const rowsAfter = await db.selectFrom('case_stage_count').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rowsAfter.n)).toBeLessThan(Number(rowsBefore.n));
    await expectCountsExact();
    await sql`UPDATE return_case SET restricted = false WHERE id = ${ids[3]}`.execute(db);
    await expectCountsExact();
  });
});

describe('paging by cursor', () => {
  const SORTS = [
    { sort: 'updatedAt' }, { sort: 'createdAt', order: 'asc' }, { sort: 'caseNumber' }, { sort: 'caseNumber', order: 'desc' }, { sort: 'stage' }, { sort: 'principalName' },
  ] as const;

  it('gives the same pages as paging by number, in every sort, ties broken by id', async () => {
    const { users: u, office: o, organisationId: org } = await officeWith(['caseworker']);
    const ids: string[] = [];
    for (let i = 0; i < 9; i += 1) ids.push(await register(u.caseworker.session, householdInput(i % 2 ? {} : { principal: { ...householdInput().principal, familyName: 'Okafor', givenName: 'Ada' } })));
    // Ties on every sort key but the case number.
    await db.updateTable('return_case').set({ updated_at: new Date('2026-01-01T00:00:00.123Z'), created_at: new Date('2025-01-01T00:00:00Z') }).where('id', 'in', ids).execute();
    // A restricted case of another caseworker of the office never shows, on any page.
    const someoneElse = await t.fx.user({ roles: ['caseworker'], organisationId: org, officeId: o.id });
    await db.updateTable('return_case').set({ restricted: true, owner_id: someoneElse.id }).where('id', '=', ids[8]).execute();
    for (const s of SORTS) {
      const byNumber: string[][] = [];
      for (let page = 1; page <= 4; page += 1) {
        const res = await call(u.caseworker.session, 'POST', '/api/cases/search', { ...s, page, pageSize: 2 });
        expect(res.statusCode).toBe(200);
        byNumber.push(res.json().items.map((x: { id: string }) => x.id));
      }
      const byCursor: string[][] = [];
      let cursor: string | undefined;
      for (let page = 1; page <= 4; page += 1) {
        const res = await call(u.caseworker.session, 'POST', '/api/cases/search', { ...s, page, pageSize: 2, ...(cursor ? { cursor } : {}) });
        expect(res.statusCode, res.body).toBe(200);
        byCursor.push(res.json().items.map((x: { id: string }) => x.id));
        cursor = res.json().nextCursor ?? undefined;
        if (page < 4) expect(cursor, JSON.stringify(s)).toBeTruthy();
        else expect(cursor).toBeFalsy();
      }
      expect(byCursor, JSON.stringify(s)).toEqual(byNumber);
      expect(byCursor.flat().sort()).toEqual(ids.slice(0, 8).sort());
      expect(byCursor.flat()).not.toContain(ids[8]);
      // No name in the cursor.
      const decoded = Buffer.from(cursor ?? '', 'base64url').toString('utf8');
      expect(decoded).not.toMatch(/Okafor|Hassan|Mohammed/i);
    }
  });

  it('refuses a forged cursor, and one made for another sort or filter, with a code', async () => {
    const { users: u } = await officeWith(['caseworker']);
    for (let i = 0; i < 3; i += 1) await register(u.caseworker.session);
    const first = (await call(u.caseworker.session, 'POST', '/api/cases/search', { sort: 'caseNumber', pageSize: 1 })).json();
    expect(first.nextCursor).toBeTruthy();
    const refuse = async (body: Record<string, unknown>, reason: string) => {
      const res = await call(u.caseworker.session, 'POST', '/api/cases/search', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'CASE_LIST_CURSOR_INVALID', details: { reason } });
    };
    await refuse({ sort: 'updatedAt', pageSize: 1, cursor: first.nextCursor }, 'stale');
    await refuse({ sort: 'caseNumber', order: 'desc', pageSize: 1, cursor: first.nextCursor }, 'stale');
    await refuse({ sort: 'caseNumber', stage: ['registered'], pageSize: 1, cursor: first.nextCursor }, 'stale');
    await refuse({ sort: 'caseNumber', pageSize: 1, cursor: 'bm90LWEtY3Vyc29y' }, 'malformed');
    const forged = Buffer.from(JSON.stringify([1, 'caseNumber', 'asc', 'x', '00000000-0000-4000-8000-000000000000', "'; DROP TABLE x"])).toString('base64url');
    await refuse({ sort: 'caseNumber', pageSize: 1, cursor: forged }, 'malformed');
    // A name-sort cursor naming a case the actor may not open tells nothing about it.
    const elsewhere = await register(other.users.caseworker.session);
    const [, sort, order, digest] = JSON.parse(Buffer.from((await call(u.caseworker.session, 'POST', '/api/cases/search', { sort: 'principalName', pageSize: 1 })).json().nextCursor, 'base64url').toString());
    await refuse({ sort: 'principalName', pageSize: 1, cursor: Buffer.from(JSON.stringify([1, sort, order, digest, elsewhere, null])).toString('base64url') }, 'stale');
    // Ranked by similarity, a list pages by number only.
    const ranked = (await call(u.caseworker.session, 'POST', '/api/cases/search', { q: 'Hassan', pageSize: 1 })).json();
    expect(ranked.total).toBeGreaterThan(1);
    expect(ranked.nextCursor).toBeNull();
    await refuse({ q: 'Hassan', pageSize: 1, cursor: first.nextCursor }, 'stale');
  });
});

describe('a worklist of several stages and the principal nationality filter', () => {
  it('merges the stages into true pages of the whole, by number and by cursor, in every case-column sort', async () => {
    const { users: u } = await officeWith(['caseworker']);
    const ids: string[] = [];
    for (let i = 0; i < 9; i += 1) ids.push(await register(u.caseworker.session));
    // Three stages, with update times interleaved across them and ties broken by id.
    const stages = ['registered', 'counselling', 'decision_recorded'];
    for (const [i, id] of ids.entries()) {
      await db.updateTable('return_case').set({ stage: stages[i % 3]!, updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 2))) }).where('id', '=', id).execute();
    }
    const wanted = ['registered', 'decision_recorded'];
    for (const s of [{ sort: 'updatedAt' }, { sort: 'updatedAt', order: 'asc' }, { sort: 'caseNumber' }, { sort: 'stage', order: 'desc' }] as const) {
      const whole = (await call(u.caseworker.session, 'POST', '/api/cases/search', { ...s, stage: wanted, pageSize: 100 })).json();
      expect(whole.total).toBe(6);
      const expected = (await db.selectFrom('return_case').select(['id', 'stage', 'updated_at', 'case_number']).where('id', 'in', ids).where('stage', 'in', wanted).execute())
        .sort((a, b) => {
          const key = (r: typeof a) => (s.sort === 'updatedAt' ? r.updated_at.toISOString() : s.sort === 'caseNumber' ? r.case_number : r.stage);
          const dir = ('order' in s ? s.order : s.sort === 'updatedAt' ? 'desc' : 'asc') === 'desc' ? -1 : 1;
          return dir * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1);
        }).map((r) => r.id);
      expect(whole.items.map((x: { id: string }) => x.id), JSON.stringify(s)).toEqual(expected);
      const byNumber: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        byNumber.push(...(await call(u.caseworker.session, 'POST', '/api/cases/search', { ...s, stage: wanted, page, pageSize: 2 })).json().items.map((x: { id: string }) => x.id));
      }
      expect(byNumber, JSON.stringify(s)).toEqual(expected);
      const byCursor: string[] = [];
      let cursor: string | undefined;
      for (let page = 1; page <= 3; page += 1) {
        const res = (await call(u.caseworker.session, 'POST', '/api/cases/search', { ...s, stage: wanted, pageSize: 2, ...(cursor ? { cursor } : {}) })).json();
        byCursor.push(...res.items.map((x: { id: string }) => x.id));
        cursor = res.nextCursor ?? undefined;
      }
      expect(byCursor, JSON.stringify(s)).toEqual(expected);
    }
  });

  it('follows the principal: a corrected nationality and a new principal move the case between filters', async () => {
    const { users: u } = await officeWith(['caseworker']);
    const id = await register(u.caseworker.session, householdInput({ principal: { ...householdInput().principal, nationality: 'SN' } }));
    const listed = async (nationality: string) =>
      (await call(u.caseworker.session, 'POST', '/api/cases/search', { nationality })).json().items.map((x: { id: string }) => x.id);
    expect(await listed('SN')).toEqual([id]);
    const c = await db.selectFrom('return_case').select(['principal_person_id', 'principal_nationality']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(c.principal_nationality).toBe('SN');
    const { version } = await db.selectFrom('person').select('version').where('id', '=', c.principal_person_id).executeTakeFirstOrThrow();
    const corrected = await call(u.caseworker.session, 'PATCH', `/api/cases/${id}/persons/${c.principal_person_id}`, { nationality: 'GM' }, { 'if-match': `"${c.principal_person_id}.${version}"` });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(await listed('SN')).toEqual([]);
    expect(await listed('GM')).toEqual([id]);
    // Another member made principal (as a correction of the file does): the case follows them.
    const spouse = await db.insertInto('person').values({ given_name: 'Awa', family_name: 'Diop', sex: 'female', nationality: 'ML', name_folded: 'awa diop', name_skeleton: 'w dp', updated_at: new Date() } as never)
      .returning('id').executeTakeFirstOrThrow();
    await db.updateTable('return_case').set({ principal_person_id: spouse.id }).where('id', '=', id).execute();
    expect(await listed('GM')).toEqual([]);
    expect(await listed('ML')).toEqual([id]);
  });
});

describe('name search', () => {
  const household = (given: string, family: string, spouse = 'Selam') => householdInput({
    principal: { givenName: given, familyName: family, sex: 'male', birthDate: '1985-03-02', nationality: 'ER' },
    members: [{ relationship: 'spouse', person: { givenName: spouse, familyName: family, sex: 'female', birthDate: '1987-06-01', nationality: 'ER' } }],
  });
  const search = async (s: Session, q: string, extra: Record<string, unknown> = {}) => {
    const res = await call(s, 'POST', '/api/cases/search', { q, pageSize: 25, ...extra });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string; score: number }[]; total: number; totalCapped: boolean };
  };

  it('finds a name with a letter dropped, doubled, swapped or replaced, a family name alone and another script', async () => {
    const id = await register(cw.session, household('Mulugeta', 'Gebremeskel'));
    for (const q of ['Mulugeta Gebremeskel', 'Mulgeta Gebremeskel', 'Mulugetta Gebremeskel', 'Mulugeta Gebremsekel', 'Mulugeta Gebremeskef', 'Gebremeskel', 'Gebremesgel']) {
      expect((await search(cw.session, q)).items.map((i) => i.id), q).toContain(id);
    }
    const mohammed = await register(cw.session, household('Mohammed', 'Zuberi'));
    for (const q of ['Muhammad Zuberi', 'محمد زبيري', 'Mohamed Zubeiri']) expect((await search(cw.session, q)).items.map((i) => i.id), q).toContain(mohammed);
    // The exact spelling ranks first.
    const ranked = await search(cw.session, 'Mulugeta Gebremeskel');
    expect(ranked.items[0]!.id).toBe(id);
    expect(ranked.items[0]!.score).toBe(1);
  });

  it('never shows a case out of scope, restricted or processing-restricted', async () => {
    const mine = await register(cw.session, household('Tewolde', 'Habtemariam'));
    const elsewhere = await register(other.users.caseworker.session, household('Tewolde', 'Habtemariam'));
    const restricted = await register(colleague.session, household('Tewolde', 'Habtemariam'));
    await db.updateTable('return_case').set({ restricted: true }).where('id', '=', restricted).execute();
    const found = (await search(cw.session, 'Tewolde Habtemarian')).items.map((i) => i.id);
    expect(found).toContain(mine);
    expect(found).not.toContain(elsewhere);
    expect(found).not.toContain(restricted);
    const all = (await search(allReader, 'Habtemariam')).items.map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([mine, elsewhere]));
    expect(all).not.toContain(restricted);
    const person = await db.selectFrom('case_member').select('person_id').where('case_id', '=', mine).executeTakeFirstOrThrow();
    await db.insertInto('person_processing_restriction').values({ person_id: person.person_id, reason: 'The person objected to the processing.', placed_by: cw.id, placed_at: new Date() }).execute();
    expect((await search(cw.session, 'Habtemariam')).items.map((i) => i.id)).not.toContain(mine);
  });

  it('counts exactly up to the cap of matching members, and says "more than" past it', async () => {
    const { NAME_MATCH_CAP } = await import('./name-search.js');
    const ids: string[] = [];
    // Two matching members a case: half the cap in cases reaches it.
    for (let i = 0; i < NAME_MATCH_CAP / 2 - 1; i += 1) ids.push(await register(cw.session, household(i % 2 ? 'Amanuel' : 'Dawit', 'Woldegiorgis')));
    const under = await search(cw.session, 'Woldegiorgis');
    expect(under).toMatchObject({ total: ids.length, totalCapped: false });
    const paged = await search(cw.session, 'Woldegiorgis', { page: 2 });
    expect(paged.items).toHaveLength(ids.length - 25);
    // Counted with the page, and on its own for a page past the last match; the same with a sort and stages.
    expect(paged).toMatchObject({ total: ids.length, totalCapped: false });
    expect(await search(cw.session, 'Woldegiorgis', { page: 3 })).toMatchObject({ items: [], total: ids.length, totalCapped: false });
    const byNumber = await search(cw.session, 'Woldegiorgis', { sort: 'caseNumber', stage: ['registered', 'counselling'] });
    expect(byNumber).toMatchObject({ total: ids.length, totalCapped: false });
    for (let i = 0; i < 2; i += 1) ids.push(await register(cw.session, household('Dawit', 'Woldegiorgis')));
    const over = await search(cw.session, 'Woldegiorgis');
    expect(over.totalCapped).toBe(true);
    expect(over.total).toBeLessThanOrEqual(ids.length);
    // A narrower query counts exactly again.
    expect(await search(cw.session, 'Amanuel Woldegiorgis')).toMatchObject({ total: ids.filter((_, i) => i < NAME_MATCH_CAP / 2 - 1 && i % 2).length, totalCapped: false });
  });
});

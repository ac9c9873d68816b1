import { sql } from 'kysely';
import { it } from 'vitest';
import { FieldCipher, newSecretKey } from '../../platform/crypto.js';
import { systemClock } from '../../platform/actor.js';
import { loadGrants } from '../../platform/session.js';
import { testDatabase } from '../../test-support/harness.js';
import { findDuplicates } from '../../modules/cases/find-duplicates.js';
import { loadDemoData } from './demo.js';

it('scratch', async () => {
  const { db } = await testDatabase();
  const t = Date.now();
  await loadDemoData({ db, clock: systemClock, cipher: new FieldCipher(newSecretKey()) }, () => {});
  console.log('load', Date.now() - t);
  const u = await db.selectFrom('app_user').selectAll().where('email', '=', 'caseworker.be@demo.homeward.test').executeTakeFirstOrThrow();
  const { roles, grants } = await loadGrants(db, u.id);
  const actor = { userId: u.id, name: u.name, email: u.email, officeId: u.office_id, organisationId: u.organisation_id, preferredLanguage: 'en', grants, roles: roles.map((r) => ({ ...r })), totpEnabled: false, totpEnrolmentRequired: false, sessionTokenHash: 'x', csrfToken: 'x', ip: null } as any;
  const principals = await sql<any>`SELECT c.case_number, c.stage, p.given_name, p.family_name, p.original_script_name, p.birth_date, p.nationality FROM return_case c JOIN person p ON p.id = c.principal_person_id JOIN office o ON o.id = c.office_id WHERE o.case_prefix = 'BE' ORDER BY c.created_at`.execute(db);
  let hits = 0;
  for (const p of principals.rows) {
    const d = await findDuplicates(actor, { givenName: p.given_name, familyName: p.family_name, originalScriptName: p.original_script_name, birthDate: p.birth_date, nationality: p.nationality }, { db });
    const others = d.candidates.filter((c) => c.caseNumber !== p.case_number && c.relationship === 'principal' && c.score >= 0.75);
    if (others.length) { hits++; console.log(p.case_number, p.stage, p.given_name, p.family_name, p.birth_date, '=>', others.slice(0, 3).map((o) => `${o.caseNumber} ${o.stage} ${o.givenName} ${o.familyName} ${o.birthDate} ${o.score}`).join(' | ')); }
  }
  console.log('BE principals with a >=0.75 candidate:', hits, 'of', principals.rows.length);
  console.log((await sql<any>`SELECT substr(case_number, 1, length(case_number) - 7) AS k, count(*) FROM return_case GROUP BY 1 ORDER BY 1`.execute(db)).rows.map((r: any) => `${r.k}:${r.count}`).join(' '));
  console.log((await sql<any>`SELECT u.email, count(*) FROM stage_transition t JOIN app_user u ON u.id = t.actor_id GROUP BY 1 ORDER BY 2 DESC`.execute(db)).rows.map((r: any) => `${r.email}:${r.count}`).join(' '));
  console.log((await sql<any>`SELECT u.email, n.sensitive, count(*) FROM case_note n JOIN app_user u ON u.id = n.author_id GROUP BY 1, 2 ORDER BY 3 DESC`.execute(db)).rows.map((r: any) => `${r.email}/${r.sensitive}:${r.count}`).join(' '));
  console.log((await sql<any>`SELECT u.email, count(*) FROM return_case c JOIN app_user u ON u.id = c.owner_id GROUP BY 1 ORDER BY 2 DESC`.execute(db)).rows.map((r: any) => `${r.email}:${r.count}`).join(' '));
  console.log((await sql<any>`SELECT count(*) AS persons, count(*) FILTER (WHERE birth_date_estimated) AS est, count(*) FILTER (WHERE phone IS NOT NULL) AS phones FROM person`.execute(db)).rows);
  console.log((await sql<any>`SELECT type, count(*) FROM identity_document GROUP BY 1`.execute(db)).rows);
}, 120_000);

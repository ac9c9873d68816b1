import { describe, expect, it } from 'vitest';
import { householdInput, testApp } from '../../test-support/harness.js';

/**
 * The audit search takes people, case numbers and event names as a person knows them; the
 * people picker names only users within the reader's audit scope.
 */
const t = await testApp();
const { call, officeWith } = t;

describe('audit search by what people know', () => {
  it('offers as actors only the users of the reader’s audit scope, by name or e-mail', async () => {
    const here = await officeWith(['office_manager', 'caseworker']);
    const elsewhere = await officeWith(['caseworker']);
    const manager = here.users.office_manager;
    const find = async (query: string) => {
      const res = await call(manager.session, 'POST', '/api/admin/audit/people', { query });
      expect(res.statusCode).toBe(200);
      return res.json().items as { id: string; name: string; email: string }[];
    };
    const colleague = here.users.caseworker;
    const byEmail = await find(colleague.email.slice(0, 8).toUpperCase());
    expect(byEmail.map((u) => u.id)).toContain(colleague.id);
    // "User" is in every fixture user's name: only this office's come back.
    const everyone = await find('user');
    expect(everyone.map((u) => u.id)).toEqual(expect.arrayContaining([manager.id, colleague.id]));
    expect(everyone.map((u) => u.id)).not.toContain(elsewhere.users.caseworker.id);
    expect(await find(elsewhere.users.caseworker.email)).toEqual([]);
  });

  it('refuses the people picker without audit.read', async () => {
    const o = await officeWith(['caseworker']);
    const res = await call(o.users.caseworker.session, 'POST', '/api/admin/audit/people', { query: 'a' });
    expect(res.statusCode).toBe(403);
  });

  it('finds a case’s entries by its number and events by their exact names', async () => {
    const o = await officeWith(['office_manager', 'caseworker']);
    const created = await call(o.users.caseworker.session, 'POST', '/api/cases', householdInput());
    expect(created.statusCode).toBe(201);
    const { id, caseNumber } = created.json() as { id: string; caseNumber: string };
    const res = await call(o.users.office_manager.session, 'POST', '/api/admin/audit/search', { caseNumber: caseNumber.toLowerCase(), events: ['case.created'] });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { caseId: string; caseNumber: string; event: string }[];
    expect(items.length).toBe(1);
    expect(items[0]).toMatchObject({ caseId: id, caseNumber, event: 'case.created' });
    const none = await call(o.users.office_manager.session, 'POST', '/api/admin/audit/search', { caseNumber: 'XX-0000-000000' });
    expect(none.json().items).toEqual([]);
  });
});

import { expect, test, type Page } from '@playwright/test';
import { demoUser, signIn } from './support.js';

async function csrf(page: Page) {
  const me = await page.request.get('/api/auth/me');
  return (await me.json()).csrfToken as string;
}

test('a caseworker screens a child as unaccompanied and sees the measures; another caseworker of the office can neither find nor open the case', async ({ page, browser }) => {
  await signIn(page, demoUser('caseworker', 'caseworker.de'));

  // A child registered in the Berlin office (through the API, as the registration screen would).
  const created = await page.request.post('/api/cases', {
    headers: { 'x-csrf-token': await csrf(page) },
    data: {
      kind: 'voluntary_return', legalStatus: 'asylum_pending', countryOfReturn: 'AF',
      principal: { givenName: 'Farid', familyName: 'Nazari', sex: 'male', birthDate: '2011-02-14', nationality: 'AF' },
      members: [],
    },
  });
  expect(created.status()).toBe(201);
  const { id: caseId, caseNumber } = (await created.json()) as { id: string; caseNumber: string };

  // The colleague can find the case before screening.
  const colleague = await browser.newContext();
  const colleaguePage = await colleague.newPage();
  await signIn(colleaguePage, demoUser('caseworker', 'caseworker2.de'));
  const before = await colleaguePage.request.get(`/api/cases/${caseId}`);
  expect(before.status()).toBe(200);

  // Screening on the Protection tab.
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { name: new RegExp(caseNumber) })).toBeVisible();
  await page.getByRole('tab', { name: 'Protection' }).click();
  await expect(page.getByText('No vulnerability recorded.')).toBeVisible();
  await page.getByLabel('Category').selectOption({ label: 'Unaccompanied child' });
  await page.getByLabel('Details', { exact: true }).fill('Arrived alone; guardian appointed by the youth welfare office.');
  await page.getByRole('button', { name: 'Record the vulnerability' }).click();

  // The child's measures arrive as tasks, and the case is now restricted.
  const measures = page.getByRole('list').filter({ has: page.getByText('Guardian’s consent') });
  await expect(page.getByText('Guardian’s consent').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText('Family tracing and assessment in the country of return').first()).toBeVisible();
  await expect(page.getByText('Best-interests determination').first()).toBeVisible();
  await expect(page.getByText('Restricted', { exact: true }).first()).toBeVisible();
  await expect(measures.first()).toBeVisible();

  // Start the guardian's consent task.
  const consent = page.getByRole('listitem', { name: /Guardian’s consent/ });
  await consent.getByLabel('Task status').selectOption({ label: 'In progress' });
  await consent.getByLabel('Notes').fill('Appointment with the guardian on Monday.');
  await consent.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('listitem', { name: /Guardian’s consent/ }).getByText('In progress', { exact: true }).first()).toBeVisible();

  // My tasks lists the case's measures.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My tasks' }).click();
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
  const taskLink = page.getByRole('link', { name: new RegExp(`${caseNumber}.*Guardian’s consent`) });
  await expect(taskLink).toBeVisible();
  // Each task says the stage of its case.
  await expect(page.getByRole('listitem').filter({ has: taskLink }).first().locator('.stage-badge')).toHaveText('Registered');

  // The colleague: absent from search, 404 on open.
  const search = await colleaguePage.request.post('/api/cases/search', { headers: { 'x-csrf-token': await csrf(colleaguePage) }, data: { q: caseNumber } });
  expect((await search.json()).items).toEqual([]);
  await colleaguePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
  await colleaguePage.getByLabel('Search cases').fill('Farid Nazari');
  await colleaguePage.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(colleaguePage.getByRole('link', { name: caseNumber })).toHaveCount(0);
  await colleaguePage.goto(`/cases/${caseId}`);
  await expect(colleaguePage.getByText('Case not found')).toBeVisible();
  expect((await colleaguePage.request.get(`/api/cases/${caseId}`)).status()).toBe(404);
  await colleague.close();
});

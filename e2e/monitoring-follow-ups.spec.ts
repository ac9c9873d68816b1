import { expect, test } from '@playwright/test';
import { apiOf, demoUser, fillDay, signIn } from './support.js';

const today = () => new Date().toISOString().slice(0, 10);

test('an officer records the arrival assessment and sees its weakest dimension on the plan tab', async ({ page }) => {
  await signIn(page, demoUser('monitoring_officer', 'monitoring.ng'));
  const api = await apiOf(page);
  // An arrived case of the office without an assessment yet.
  const found = (await api.post('/api/cases/search', { stage: ['arrived', 'reintegration'], pageSize: 50 })).items as { id: string }[];
  let caseId: string | null = null;
  for (const c of found) {
    const a = await api.get(`/api/cases/${c.id}/arrival-assessment`);
    if (!a.assessment && a.canRecord) {
      caseId = c.id;
      break;
    }
  }
  expect(caseId, 'an arrived case of the office without an arrival assessment').not.toBeNull();

  await page.goto(`/cases/${caseId}?tab=reintegration`);
  await expect(page.getByText('No arrival assessment yet.')).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Record the arrival assessment' }).click();
  const form = page.getByRole('form', { name: 'Record the arrival assessment' });
  await fillDay(form.getByLabel('Date of the assessment'), today());
  const income = form.getByRole('group', { name: 'Which sources of income does the household have?' });
  await income.getByLabel('Paid work or own business').check();
  await form.getByLabel('How safe do you feel where you live?').selectOption({ label: 'Safe' });
  await form.getByLabel('Do you wish to migrate again?').selectOption({ label: 'Yes' });
  await form.getByRole('button', { name: 'Save the assessment' }).click();

  // Saved: the scores per dimension and the weakest named, as the server computed them.
  await expect(form).toHaveCount(0, { timeout: 15_000 });
  const saved = (await api.get(`/api/cases/${caseId}/arrival-assessment`)).assessment;
  expect(saved.weakestDimension).toBeTruthy();
  const names: Record<string, string> = { economic: 'Economic', social: 'Social', psychosocial: 'Psychosocial' };
  await expect(page.getByRole('table', { name: 'Dimension scores at arrival' })).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Weakest dimension' })).toContainText(`The weakest dimension at arrival is ${names[saved.weakestDimension]}`);
});

test('an officer moves a follow-up’s due date on the case and marks it done from the worklist', async ({ page }) => {
  await signIn(page, demoUser('monitoring_officer', 'monitoring.ng'));
  const api = await apiOf(page);
  // A visit of the office recorded with the survey: "wish to migrate again" makes a follow-up task of the officer.
  const worklist = await api.get('/api/monitoring/worklist?scope=office');
  const item = [...worklist.overdue, ...worklist.dueThisWeek][0] as { caseId: string; visitId: string; caseNumber: string };
  expect(item, 'a visit due on the office worklist').toBeTruthy();
  const m = await api.get(`/api/cases/${item.caseId}/monitoring`);
  const visit = m.visits.find((v: { id: string }) => v.id === item.visitId);
  const instruments = (await api.get('/api/monitoring/instruments')).items as { builtin: boolean; versions: { id: string; number: number; status: string }[] }[];
  const version = instruments.find((i) => i.builtin)!.versions.filter((v) => v.status === 'published').sort((a, b) => b.number - a.number)[0]!.id;
  await api.put(`/api/monitoring/visits/${visit.id}`, {
    method: 'phone', visitedOn: today(), outcome: 'reached', instrumentVersionId: version, answers: { migrate_again: 'yes', safety: 's3' },
  }, `"${visit.id}.${visit.version}"`);

  // On the case: the task is due in a week; the officer brings it forward with a reason.
  await page.goto(`/cases/${item.caseId}?tab=monitoring`);
  const list = page.getByRole('list', { name: 'Follow-up tasks and referrals' });
  const task = list.getByRole('listitem').filter({ hasText: 'Wish to migrate again: follow up with the returnee' }).filter({ hasText: 'Open' }).first();
  await expect(task).toBeVisible({ timeout: 15_000 });
  await task.getByRole('button', { name: 'Change the due date' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change the due date' });
  await fillDay(dialog.getByLabel('Due'), today());
  await dialog.getByLabel('Reason').fill('The returnee asked to be called this week.');
  await dialog.getByRole('button', { name: 'Change the date' }).click();
  await expect(dialog).toHaveCount(0, { timeout: 15_000 });
  await expect(list).toContainText('Due date changed: The returnee asked to be called this week.');

  // On the worklist: the follow-up is due; marked done with its outcome, it leaves the list.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitoring visits' }).click();
  const done = page.getByRole('button', { name: `Mark the follow-up of case ${item.caseNumber} done` }).first();
  await expect(done).toBeVisible({ timeout: 15_000 });
  const before = await page.getByRole('button', { name: `Mark the follow-up of case ${item.caseNumber} done` }).count();
  await done.click();
  const confirm = page.getByRole('dialog', { name: 'Mark the follow-up done' });
  await confirm.getByLabel('Outcome').fill('Called: the returnee plans to stay and is looking for work.');
  await confirm.getByRole('button', { name: 'Mark done' }).click();
  await expect(confirm).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByRole('button', { name: `Mark the follow-up of case ${item.caseNumber} done` })).toHaveCount(before - 1);
});

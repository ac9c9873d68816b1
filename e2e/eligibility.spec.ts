import { expect, test, type Page } from '@playwright/test';
import { demoUser, fillDay, signIn } from './support.js';

async function csrf(page: Page) {
  const me = await page.request.get('/api/auth/me');
  return (await me.json()).csrfToken as string;
}

test('a programme manager sees projects and their rules; a caseworker checks a case and sees reasons and entitlement; a manager confirms', async ({ page, browser }) => {
  // The programme manager: projects with donors, and a published rules version.
  await signIn(page, demoUser('programme_manager', 'programme'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'AVRR-IQAF' });
  await expect(row).toContainText('European Union – Asylum, Migration and Integration Fund');
  await expect(row).toContainText('Version 2 in force');
  await expect(page.getByRole('row').filter({ hasText: 'AVRR-2022' })).toContainText('Closed');
  await row.getByRole('link', { name: /Eligibility rules/ }).click();
  await expect(page.getByRole('heading', { name: /Eligibility rules — AVRR-IQAF/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Versions, newest first/ }).locator('tbody tr').filter({ hasText: 'Published' })).toHaveCount(2);
  await expect(page.getByText('This version is published and can no longer change.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Reintegration (cash)' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Medical' })).not.toBeChecked();

  // A new project with its donors; shares above 100 % are refused before anything is sent.
  await page.getByRole('link', { name: 'Back to projects' }).click();
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  const code = `PILOT-${Date.now().toString(36).toUpperCase()}`;
  await dialog.getByLabel(/^Code/).fill(code);
  await dialog.getByLabel(/^Name/).fill('Pilot returns to Sri Lanka');
  await dialog.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Active' });
  await fillDay(dialog.getByLabel(/^Start date/), '2026-01-01');
  await fillDay(dialog.getByLabel(/^End date/), '2026-12-31');
  for (const [label, country] of [[/^Host countries/, 'Germany'], [/^Countries of return covered/, 'Sri Lanka']] as const) {
    const box = dialog.getByRole('combobox', { name: label });
    await box.click();
    await box.fill(country);
    await page.getByRole('option', { name: country, exact: true }).click();
    await box.press('Escape');
  }
  await dialog.getByRole('button', { name: 'Add a donor' }).click();
  await dialog.getByRole('textbox', { name: 'Donor 1', exact: true }).fill('City of Berlin');
  await dialog.getByRole('textbox', { name: 'Share of donor 1', exact: true }).fill('70');
  await dialog.getByRole('button', { name: 'Add a donor' }).click();
  await dialog.getByRole('textbox', { name: 'Donor 2', exact: true }).fill('Private foundation');
  await dialog.getByRole('textbox', { name: 'Share of donor 2', exact: true }).fill('40');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('The shares add up to 110 %, more than 100 %.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Share of donor 2', exact: true }).fill('30');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  const pilot = page.getByRole('row').filter({ hasText: code });
  await expect(pilot).toContainText('Private foundation');
  await expect(pilot).toContainText('No published rules');
  await pilot.getByRole('link', { name: /Eligibility rules/ }).click();
  await page.getByRole('button', { name: 'Write the first rules version' }).click();
  await expect(page.getByRole('checkbox', { name: 'Travel', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByText('Version 1 published: it applies to new checks.')).toBeVisible();
  await expect(page.getByText('This version is published and can no longer change.')).toBeVisible();

  // The caseworker: a household returning to Iraq, assigned to the project, checked.
  const worker = await browser.newPage();
  await signIn(worker, demoUser('caseworker', 'caseworker.de'));
  const created = await worker.request.post('/api/cases', {
    headers: { 'x-csrf-token': await csrf(worker) },
    data: {
      kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: 'IQ',
      principal: { givenName: 'Karim', familyName: 'Jabbar', sex: 'male', birthDate: '1985-03-03', nationality: 'IQ' },
      members: [
        { relationship: 'spouse', person: { givenName: 'Huda', familyName: 'Jabbar', sex: 'female', birthDate: '1989-07-07', nationality: 'IQ' } },
        { relationship: 'child', person: { givenName: 'Yusuf', familyName: 'Jabbar', sex: 'male', birthDate: '2017-09-09', nationality: 'IQ' } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const caseId = (await created.json()).id as string;
  await worker.goto(`/cases/${caseId}?tab=eligibility`);
  await expect(worker.getByText('Not assigned to a project yet.')).toBeVisible();
  const project = worker.getByRole('combobox', { name: 'Project' });
  await project.click();
  await project.fill('AVRR-IQAF');
  await worker.getByRole('option', { name: /^AVRR-IQAF/ }).click();
  await worker.getByRole('button', { name: 'Assign' }).click();
  await expect(worker.getByText(/Assigned to AVRR-IQAF/)).toBeVisible();
  await fillDay(worker.getByLabel('Arrival in the host country'), '2023-02-01');
  await worker.getByRole('button', { name: 'Save the date' }).click();
  await expect(worker.getByText('Arrival date saved.')).toBeVisible();
  await worker.getByRole('button', { name: 'Run the check' }).click();
  await expect(worker.getByText('Awaiting confirmation')).toBeVisible();
  await expect(worker.getByText('Eligible', { exact: true })).toBeVisible();
  const reasons = worker.getByRole('table', { name: 'Reason per criterion' });
  await expect(reasons.getByRole('row').filter({ hasText: 'Legal status' })).toContainText('Asylum claim rejected');
  await expect(reasons.getByRole('row').filter({ hasText: 'Country of return' })).toContainText('Met');
  await expect(reasons.getByRole('row').filter({ hasText: 'Minimum stay' })).toContainText('at least 3 required');
  const entitlement = worker.getByRole('table', { name: /Entitlement per travelling member/ });
  await expect(entitlement.getByRole('row').filter({ hasText: 'Yusuf Jabbar' })).toContainText('(child)');
  // Installation 3 × €200; reintegration cash 2 × €1,500 + €500 (cap €4,000); in kind 2 × €1,000 + €500 (cap €3,000).
  await expect(entitlement.getByRole('row').filter({ hasText: 'Household' })).toContainText('€3,500.00');
  await expect(entitlement.getByTestId('household-total')).toHaveText('€6,600.00');
  await expect(worker.getByRole('button', { name: 'Confirm' })).toHaveCount(0);

  // The office manager confirms.
  const manager = await browser.newPage();
  await signIn(manager, demoUser('office_manager', 'manager.de'));
  await manager.goto(`/cases/${caseId}?tab=eligibility`);
  await expect(manager.getByText('Awaiting confirmation')).toBeVisible();
  await manager.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(manager.getByText('Decision confirmed.')).toBeVisible();
  await expect(manager.getByText(/Final outcome: Eligible, by Katrin Schulz/)).toBeVisible();
  await expect(manager.getByText('Confirmed', { exact: true }).first()).toBeVisible();
});

test.describe('dates in the user language', () => {
  // The language is the user's preference, kept by the server: put it back whatever happens.
  test.afterEach(async ({ page }) => {
    await page.request.patch('/api/auth/me', { headers: { 'x-csrf-token': await csrf(page) }, data: { preferredLanguage: 'en' } });
  });

  test('in French a date field shows and reads days as DD/MM/YYYY, and its calendar works by keyboard', async ({ page }) => {
    await signIn(page, demoUser('programme_manager', 'programme'));
    await page.goto('/admin/projects');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('button', { name: 'Nouveau projet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau projet' });
    const starts = dialog.getByLabel(/^Date de début/);
    await fillDay(starts, '2022-09-01');
    await expect(starts).toHaveValue('01/09/2022');
    const ends = dialog.getByLabel(/^Date de fin/);
    await fillDay(ends, '15/09/2022');
    await expect(ends).toHaveValue('15/09/2022');

    // The calendar opens on the chosen day, named in French; arrows move, Enter chooses.
    const calendarButton = dialog.getByRole('button', { name: 'Calendrier' }).first();
    await calendarButton.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: 'jeudi 1 septembre 2022' })).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('button', { name: 'vendredi 2 septembre 2022' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(starts).toHaveValue('02/09/2022');
    await expect(calendarButton).toBeFocused();
  });
});

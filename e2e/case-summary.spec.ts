import { expect, test } from '@playwright/test';
import { demoUser, signIn } from './support.js';

// The language is the user's preference, kept by the server: put it back whatever happens.
test.afterEach(async ({ page }) => {
  const csrf = ((await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string }).csrfToken;
  await page.request.patch('/api/auth/me', { headers: { 'x-csrf-token': csrf }, data: { preferredLanguage: 'en' } });
});

test('a caseworker prints a case summary in French; the printout is in the case history', async ({ page }) => {
  await signIn(page, demoUser('caseworker', 'caseworker.de'));
  await page.goto('/cases');
  await page.getByRole('link', { name: /DE-\d{4}-\d{6}/ }).first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  const caseNumber = ((await (await page.request.get(`/api/cases/${caseId}`)).json()) as { caseNumber: string }).caseNumber;

  await page.getByLabel('Language').selectOption('fr');
  await page.getByRole('link', { name: 'Imprimer le résumé' }).click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}/print$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Résumé du dossier ${caseNumber}`);
  await expect(page.getByText(/^Imprimé par .+ le /)).toBeVisible();
  await expect(page.getByRole('note')).toContainText('Confidentiel');
  const household = page.locator('section[aria-labelledby="print-household"]');
  await expect(household.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Changement d’étape' })).toBeVisible();
  // The print button hands over to the browser's print dialog (saved as PDF there).
  await expect(page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' })).toBeVisible();
  // Printed, the page is the summary alone: no header, menu or buttons.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('header.app-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Imprimer ou enregistrer en PDF' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  const history = (await (await page.request.get(`/api/cases/${caseId}/history`)).json()) as { events: { event: string }[] };
  expect(history.events.map((e) => e.event)).toContain('case.summary.printed');
});

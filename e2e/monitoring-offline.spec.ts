import { expect, test } from '@playwright/test';
import { demoUser, signIn } from './support.js';

test('a monitoring officer downloads visits, records one without a connection (the app reloads offline), synchronises it, and sees it recorded on the case', async ({ page, context }) => {
  test.setTimeout(90_000);
  await signIn(page, demoUser('monitoring_officer', 'monitoring.ng'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Offline visits' }).click();
  await expect(page.getByRole('heading', { name: 'Offline visits', level: 1 })).toBeVisible();

  // Download the office's visits, encrypted under a passphrase.
  await page.getByText('My office', { exact: true }).click();
  const passphrase = 'river stones at dawn';
  await page.getByRole('textbox', { name: 'Passphrase of the offline store', exact: true }).fill(passphrase);
  await page.getByRole('textbox', { name: 'The passphrase again', exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Download and encrypt' }).click();
  await expect(page.getByText(/^Downloaded on .*: \d+ visits?\.$/)).toBeVisible({ timeout: 15_000 });
  const record = page.getByRole('button', { name: /^Record the visit of case/ }).first();
  await expect(record).toBeVisible();
  const caseNumber = (await record.textContent())!.replace('Record the visit of case ', '').trim();

  // The service worker keeps the app shell: wait until it controls the page, then cut the network.
  type Workers = { serviceWorker: { ready: Promise<unknown>; controller: unknown } };
  await page.evaluate(async () => {
    await (navigator as unknown as Workers).serviceWorker.ready;
  });
  await page.waitForFunction(() => (navigator as unknown as Workers).serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Offline visits', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();

  // Locked after the reload: a wrong passphrase counts, the right one opens.
  await expect(page.getByRole('heading', { name: 'Unlock the offline store' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Passphrase of the offline store', exact: true }).fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByText(/^Wrong passphrase\. After 4 more wrong attempts/)).toBeVisible({ timeout: 15_000 });
  await page.getByRole('textbox', { name: 'Passphrase of the offline store', exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();

  // Record the visit with the visit form, saved in the browser.
  // A case may have more than one visit due: the first, as downloaded.
  await page.getByRole('button', { name: `Record the visit of case ${caseNumber}` }).first().click();
  await expect(page.getByRole('heading', { name: `Record a visit offline: case ${caseNumber}` })).toBeVisible();
  // "How" alone also names the survey's questions that begin with it.
  await page.getByRole('combobox', { name: 'How', exact: true }).selectOption({ label: 'On-site visit' });
  await page.getByRole('combobox', { name: 'Outcome', exact: true }).selectOption({ label: 'Reached' });
  const income = page.getByRole('group', { name: 'Which sources of income does the household have?' });
  await income.getByLabel('Paid work or own business').check();
  await page.getByLabel('How safe do you feel where you live?').selectOption({ label: 'Safe' });
  await page.getByLabel('Do you wish to migrate again?').selectOption({ label: 'Yes' });
  await expect(page.getByTestId('composite-score')).not.toHaveText('Not scored');
  await page.getByLabel('Next steps').fill('Recorded in the village without a connection.');
  await page.getByRole('button', { name: 'Save in this browser' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: caseNumber }) }).first();
  await expect(row).toContainText('Recorded offline, to synchronise');

  // Back online: send the record.
  await context.setOffline(false);
  await expect(page.getByRole('status').filter({ hasText: 'Online' })).toBeVisible();
  const send = page.getByRole('button', { name: 'Send 1 record' });
  await expect(send).toBeEnabled({ timeout: 20_000 });
  await send.click();
  await expect(row).toContainText('Synchronised', { timeout: 15_000 });

  // Recorded on the case's Monitoring tab.
  await row.getByRole('link', { name: `Open case ${caseNumber}` }).click();
  await expect(page.getByText('Next steps: Recorded in the village without a connection.')).toBeVisible({ timeout: 15_000 });

  // Signing out erases the offline store.
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/monitoring/offline');
  await expect(page.getByText('Sign in to download the visits to take along.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Unlock the offline store' })).toHaveCount(0);
});

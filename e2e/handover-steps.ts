import { expect, type Browser, type Page } from '@playwright/test';
import { demoUser, signIn } from './support.js';

/** Picks an option in a Mantine select or searchable select by its accessible label. */
export async function choose(page: Page, label: RegExp, option: string, scope = page.locator('body')) {
  const box = scope.getByRole('combobox', { name: label }).first();
  const tag = await box.evaluate((el) => el.tagName);
  if (tag === 'SELECT') {
    await box.selectOption({ label: option });
    return;
  }
  await box.click();
  const readOnly = await box.evaluate((el) => Boolean((el as unknown as { readOnly?: boolean }).readOnly));
  if (!readOnly) await box.fill(option.slice(0, 5));
  await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).first().click();
}

/**
 * From the host office's page (signed in as its manager or caseworker): hands a departed return to
 * Iraq to the Baghdad office with consent to share health information; the origin office sees the
 * package without the legal status, accepts, confirms the arrival and records a reception service;
 * the host office then sees that its returnee arrived.
 */
export async function handOverAndReceive(page: Page, browser: Browser, caseId: string, caseNumber: string) {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  const tab = page.getByRole('tabpanel', { name: 'Handover & arrival' });
  await choose(page, /^Origin office/, 'Iraq – Baghdad', tab);
  await choose(page, /^Purpose/, 'Reception on arrival', tab);
  await tab.getByLabel('Note for the origin office').fill('Family of three; the father uses a wheelchair at airports.');
  await tab.getByRole('checkbox', { name: 'Health information' }).check();
  await tab.getByRole('button', { name: 'Send the handover' }).click();
  await expect(tab.getByText('Waiting for an answer')).toBeVisible();

  // The origin office sees the package, without the legal status, and accepts.
  const origin = await browser.newContext();
  const op = await origin.newPage();
  await signIn(op, demoUser('reintegration_officer', 'reintegration.iq'));
  expect((await op.request.get(`/api/cases/${caseId}`)).status()).toBe(404);
  await op.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incoming handovers' }).click();
  await op.getByRole('button', { name: `Show the handover package of ${caseNumber}` }).click();
  await expect(op.getByRole('heading', { name: `Handover package ${caseNumber}` })).toBeVisible();
  await expect(op.getByText('Family of three; the father uses a wheelchair at airports.')).toBeVisible();
  await expect(op.getByText('Not shared with your office').first()).toBeVisible();
  await expect(op.getByText('No reintegration plan has been drafted for this case.')).toBeVisible();
  await op.getByRole('button', { name: 'Accept' }).click();
  await expect(op.getByText('The handover was accepted: the case is now shared with your office.')).toBeVisible();
  await op.getByRole('link', { name: 'Open the case' }).click();
  await expect(op).toHaveURL(new RegExp(`/cases/${caseId}`));

  // Arrival and a reception service with its cost.
  await op.getByRole('tab', { name: 'Handover & arrival' }).click();
  const otab = op.getByRole('tabpanel', { name: 'Handover & arrival' });
  // The form proposes the journey's arrival airport and its local arrival date.
  await expect(otab.getByLabel(/^Place of arrival/)).toHaveValue('BGW');
  await expect(otab.getByLabel(/^Date of arrival/)).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await otab.getByLabel(/^Place of arrival/).fill('Baghdad International Airport');
  await choose(op, /^Received by/, 'Rana Al-Najjar', otab);
  await otab.getByRole('button', { name: 'Confirm the arrival' }).click();
  await expect(op.getByText('The arrival was confirmed.')).toBeVisible();
  await expect(otab.getByRole('heading', { name: 'Arrival', exact: true })).toBeVisible();
  await choose(op, /^Service/, 'Airport reception', otab);
  await choose(op, /^Status/, 'Provided', otab);
  await otab.getByLabel(/^Cost/).fill('25.50');
  await choose(op, /^Currency/, 'USD', otab);
  await otab.getByRole('button', { name: 'Add the service' }).click();
  await expect(otab.getByRole('cell', { name: 'Airport reception' })).toBeVisible();
  await expect(otab.getByText('$25.50')).toBeVisible();
  await origin.close();

  // The host office sees that its returnee arrived.
  await page.reload();
  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  await expect(tab.getByText('Baghdad International Airport')).toBeVisible();
  const record = await (await page.request.get(`/api/cases/${caseId}`)).json();
  expect(record.stage).toBe('arrived');
}

import { expect, type Browser, type Locator, type Page } from '@playwright/test';
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
 * Iraq to the Baghdad office with consent to share health information and counselling notes; the
 * origin office reads the package (members named, amounts in their currency, the counselling notes,
 * no raw data, without the legal status), accepts in the confirmation dialog, lands on the case's
 * handover tab, confirms the arrival and records a reception service; the host office then sees
 * that its returnee arrived.
 */
export async function handOverAndReceive(page: Page, browser: Browser, caseId: string, caseNumber: string, options: { counsellingNotes?: boolean } = {}) {
  await page.goto(`/cases/${caseId}`);
  await page.getByRole('tab', { name: 'Handover & arrival' }).click();
  const tab = page.getByRole('tabpanel', { name: 'Handover & arrival' });
  await choose(page, /^Origin office/, 'Iraq – Baghdad', tab);
  await choose(page, /^Purpose/, 'Reception on arrival', tab);
  await tab.getByLabel('Note for the origin office').fill('Family of three; the father uses a wheelchair at airports.');
  await tab.getByRole('checkbox', { name: 'Health information' }).check();
  await tab.getByRole('checkbox', { name: 'Counselling notes' }).check();
  await tab.getByRole('button', { name: 'Send the handover' }).click();
  await expect(tab.getByText('Waiting for an answer')).toBeVisible();

  // The origin office sees the package, without the legal status, and accepts.
  const origin = await browser.newContext();
  const op = await origin.newPage();
  await signIn(op, demoUser('reintegration_officer', 'reintegration.iq'));
  expect((await op.request.get(`/api/cases/${caseId}`)).status()).toBe(404);
  await op.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Incoming handovers' }).click();
  await op.getByLabel('Case number').fill(caseNumber);
  await op.getByRole('button', { name: 'Search', exact: true }).click();
  await op.getByRole('button', { name: `Show the handover package of ${caseNumber}` }).click();
  const pkg = op.getByRole('region', { name: `Handover package ${caseNumber}` });
  await expect(pkg.getByRole('heading', { name: `Handover package ${caseNumber}` })).toBeFocused();
  await expect(pkg.getByText('Family of three; the father uses a wheelchair at airports.')).toBeVisible();
  await expect(pkg.getByText('Not shared with your office').first()).toBeVisible();
  await expect(pkg.getByText('No reintegration plan has been drafted for this case.')).toBeVisible();
  await expectReadablePackage(op, pkg, caseId, options.counsellingNotes ?? false);

  // Accepting is final: the dialog says what happens, and only its button sends.
  await pkg.getByRole('button', { name: 'Accept', exact: true }).click();
  const dialog = op.getByRole('dialog', { name: `Accept the handover of ${caseNumber}?` });
  await expect(dialog.getByText(/moves to Iraq – Baghdad, which becomes responsible for it/)).toBeVisible();
  await expect(dialog.getByText('This cannot be undone.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Accept the handover' }).click();
  await expect(op.getByText('The handover was accepted: the case is now shared with your office.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await pkg.getByRole('link', { name: 'Open the case' }).click();
  await expect(op).toHaveURL(new RegExp(`/cases/${caseId}\\?tab=handover`));
  await expect(op.getByRole('tab', { name: 'Handover & arrival' })).toHaveAttribute('aria-selected', 'true');

  // Arrival and a reception service with its cost.
  const otab = op.getByRole('tabpanel', { name: 'Handover & arrival' });
  // The form proposes the journey's arrival airport and its local arrival date.
  await expect(otab.getByLabel(/^Place of arrival/)).toHaveValue('BGW');
  await expect(otab.getByLabel(/^Date of arrival/)).toHaveValue(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
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

/**
 * The package reads as a person reads it: members named, money formatted with its currency, legs
 * with local times to the minute, the counselling notes the returnee consented to share; never raw
 * JSON, internal ids or minor units.
 */
export async function expectReadablePackage(page: Page, pkg: Locator, caseId: string, counsellingNotes: boolean) {
  const read = await (await page.request.get(`/api/handovers/${await handoverIdOf(page, caseId)}/package`)).json();
  const principal = read.household[0] as { givenName: string; familyName: string };
  await expect(pkg.getByText(`${principal.givenName} ${principal.familyName}`).first()).toBeVisible();
  if (read.entitlement) {
    await expect(pkg.getByRole('table', { name: 'Entitlement per member and component' })).toBeVisible();
    // The household total, formatted in the entitlement's currency (two decimals for the euro).
    const total = new Intl.NumberFormat('en-US', { style: 'currency', currency: read.entitlement.currency }).format(read.entitlement.householdTotalMinor / 100);
    expect(total).toMatch(/^€[\d,]+\.\d{2}$/);
    await expect(pkg.getByRole('row', { name: /Household total/ }).getByText(total, { exact: true }).last()).toBeVisible();
  }
  for (const booking of read.travel as { legs: { departsLocal: string }[] }[]) {
    for (const leg of booking.legs) await expect(pkg.getByText(new RegExp(`${leg.departsLocal.slice(11, 16)} \u2066?\\(`)).first()).toBeVisible();
  }
  const notes = (read.counsellingNotes ?? []) as { body: string; source: string }[];
  if (counsellingNotes) expect(notes.filter((n) => n.source === 'counselling_session').length, 'the shared notes of the counselling sessions').toBeGreaterThan(0);
  if (notes.length) await expect(pkg.getByText(notes[0].body.split('\n')[0], { exact: false }).first()).toBeVisible();
  if (notes.some((n) => n.source === 'counselling_session')) await expect(pkg.getByText(/^Counselling session with /).first()).toBeVisible();
  const text = await pkg.innerText();
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  expect(text).not.toMatch(/amountMinor|householdTotalMinor|"component"|[{}]/);
}

/** The id of the case's open handover, as the origin office lists it. */
async function handoverIdOf(page: Page, caseId: string): Promise<string> {
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
  const found = await page.request.post('/api/handovers/incoming/search', { headers: { 'x-csrf-token': csrf }, data: { status: 'pending', pageSize: 200 } });
  const item = ((await found.json()).items as { id: string; caseId: string }[]).find((h) => h.caseId === caseId);
  if (!item) throw new Error('the handover is not in the incoming list');
  return item.id;
}

import { expect, test, type Page } from '@playwright/test';
import { choose } from './handover-steps.js';
import { apiOf, axeOf, demoUser, fillDay, signIn } from './support.js';

const pdf = (name: string, text: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`) });
const today = () => new Date().toISOString().slice(0, 10);

/** axe-core finds no WCAG 2.2 AA violation on the page as it stands (transitions ended). */
async function expectAccessible(page: Page, name: string) {
  await expect(page.locator('main')).toBeVisible();
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  const result = await axeOf(page).analyze();
  expect(result.violations.map((v) => `${name}: ${v.id} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
}

/** Sets the signed-in user's language (kept by the server) and reloads; answers the one it replaced. */
async function setLanguage(page: Page, language: string): Promise<string> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string; user: { preferredLanguage: string } };
  await page.request.patch('/api/auth/me', { headers: { 'x-csrf-token': me.csrfToken }, data: { preferredLanguage: language } });
  await page.reload();
  return me.user.preferredLanguage;
}

test('an origin office pays a returnee’s reintegration assistance in tranches: schedule, conditions, release, a payment in another currency approved by a second person, receipts, the second tranche, delivery', async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, demoUser('reintegration_officer', 'reintegration.iq'));
  const officer = await apiOf(page);

  // An arrived case of the Baghdad office with no plan yet (the last one: the plan journey takes the first).
  const found = await officer.post('/api/cases/search', { stage: ['arrived'], pageSize: 100 });
  const candidates: { id: string; principalId: string }[] = [];
  for (const item of found.items as { id: string }[]) {
    const c = await officer.get(`/api/cases/${item.id}`);
    const plan = await page.request.get(`/api/cases/${item.id}/reintegration-plan`);
    if (plan.status() !== 200) continue;
    const body = await plan.json();
    if (body.versions.length === 0 && !body.draft && body.editable && (c.kind === 'voluntary_return' || c.admissionDate)) candidates.push({ id: item.id, principalId: c.members[0].person.id });
  }
  expect(candidates.length, 'an arrived case at the Iraq office without a plan').toBeGreaterThan(0);
  const { id: caseId, principalId } = candidates[candidates.length - 1];

  // The plan drafted with the returnee (two components), their agreement, approval by the office manager.
  const later = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
  await officer.post(`/api/cases/${caseId}/reintegration-plan/components`, {
    type: 'cash_allowance', description: 'Allowance for the first months, in two tranches.', memberIds: [principalId], amountMinor: 300_000_000, currency: 'IQD', startsOn: today(), endsOn: later,
  }, await officer.etag(caseId));
  await officer.post(`/api/cases/${caseId}/reintegration-plan/components`, {
    type: 'vocational_training', description: 'Electrician course at the vocational centre.', memberIds: [principalId], amountMinor: 85000, currency: 'EUR', startsOn: today(), endsOn: later,
  }, await officer.etag(caseId));
  const signed = await officer.upload(`/api/cases/${caseId}/attachments`, pdf('signed-plan.pdf', 'Plan signed by the returnee'));
  await officer.put(`/api/cases/${caseId}/reintegration-plan/agreement`, { agreedOn: today(), language: 'ar', attachmentId: signed.id }, await officer.etag(caseId));

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, demoUser('office_manager', 'manager.iq'));
  const managerLanguage = await setLanguage(manager, 'en');
  const mg = await apiOf(manager);
  const plan = await mg.get(`/api/cases/${caseId}/reintegration-plan`);
  const past = plan.check && plan.check.versionId === plan.draft.id && !plan.check.withinEntitlement;
  await mg.post(`/api/cases/${caseId}/reintegration-plan/approval`, past ? { entitlementOverrideReason: 'Agreed with the donor for this household.' } : {}, await mg.etag(caseId));
  expect((await mg.get(`/api/cases/${caseId}`)).stage).toBe('reintegration');

  // Finance sets the Baghdad office's approval threshold: above 100 USD a second person approves.
  const financeContext = await browser.newContext();
  const finance = await financeContext.newPage();
  await signIn(finance, demoUser('finance_officer', 'finance'));
  await finance.goto('/finance/rates');
  const thresholdCard = finance.locator('section', { has: finance.getByRole('heading', { name: 'Payment approval threshold' }) });
  // Chosen with the keyboard: the card stands at the foot of a long page, where a floating option
  // list can move while it opens.
  const office = thresholdCard.getByRole('combobox', { name: /^Office/ });
  await office.scrollIntoViewIfNeeded();
  await office.click();
  await office.fill('Iraq – Baghdad');
  await office.press('ArrowDown');
  await office.press('Enter');
  await expect(office).toHaveValue('Iraq – Baghdad');
  await thresholdCard.getByLabel(/^Threshold/).fill('100');
  await choose(finance, /^Currency of the threshold/, 'USD — US Dollar', thresholdCard);
  await thresholdCard.getByRole('button', { name: 'Save the threshold' }).click();
  await expect(thresholdCard.getByText('Threshold saved.')).toBeVisible();
  await expect(thresholdCard.getByText(/Current threshold:/)).toContainText('100');
  await financeContext.close();

  // The officer sets the cash allowance's tranches from the proposal (60 % now, the rest later), with a condition of their own.
  await page.goto(`/cases/${caseId}?tab=reintegration`);
  const tab = page.getByRole('tabpanel', { name: 'Reintegration' });
  const cash = tab.locator('section', { has: page.getByRole('heading', { name: 'Payments: Reintegration cash allowance' }) });
  await expect(cash.getByText('No tranches yet.')).toBeVisible({ timeout: 15_000 });
  await cash.getByRole('button', { name: 'Set the tranches of Reintegration cash allowance' }).click();
  const schedule = page.getByRole('dialog', { name: 'Tranches of Reintegration cash allowance' });
  await expect(schedule.getByLabel(/^Amount of tranche 1/)).toHaveValue('180000.000');
  await expect(schedule.getByLabel(/^Amount of tranche 2/)).toHaveValue('120000.000');
  await expect(schedule.getByRole('combobox', { name: /^Condition 1 of tranche 2/ })).toHaveValue('Receipts of the previous tranche');
  await schedule.getByRole('button', { name: 'Add a condition to tranche 1' }).click();
  await schedule.getByLabel(/^What has to happen \(condition 1 of tranche 1\)/).fill('The returnee has opened an account for the allowance.');
  await schedule.getByRole('button', { name: 'Save the tranches' }).click();
  await expect(schedule).toBeHidden({ timeout: 15_000 });

  // The first tranche's condition is met (with a note), then the tranche is released.
  const first = cash.getByRole('region', { name: 'Tranche 1 of Reintegration cash allowance' });
  await expect(first.getByRole('button', { name: 'Release Tranche 1 of Reintegration cash allowance' })).toBeDisabled();
  await first.getByRole('button', { name: /^Mark “Other” met for Tranche 1/ }).click();
  const meet = page.getByRole('dialog', { name: 'Record that the condition is met?' });
  await meet.getByLabel(/^Note/).fill('Account seen at the branch.');
  await meet.getByRole('button', { name: 'Condition met' }).click();
  await expect(meet).toBeHidden({ timeout: 15_000 });
  await expect(first.getByText(/Met, recorded by Rana Al-Najjar/)).toBeVisible();
  await expect(first.getByText('Account seen at the branch.')).toBeVisible();
  await first.getByRole('button', { name: 'Release Tranche 1 of Reintegration cash allowance' }).click();
  const release = page.getByRole('dialog', { name: 'Release this tranche?' });
  await expect(release.getByText(/can no longer be changed/)).toBeVisible();
  await release.getByRole('button', { name: 'Release the tranche' }).click();
  await expect(release).toBeHidden({ timeout: 15_000 });
  await expect(first.getByText('Released', { exact: true })).toBeVisible();

  // Paid in US dollars: above the threshold, it waits for a second person; the rate of the day and the converted amount are kept.
  await first.getByRole('button', { name: 'Record a payment of Tranche 1 of Reintegration cash allowance' }).click();
  const pay = page.getByRole('dialog', { name: 'Payment of Tranche 1 of Reintegration cash allowance' });
  await choose(page, /^Currency of the payment/, 'USD — US Dollar', pay);
  await pay.getByLabel(/^Amount paid/).fill('130');
  await expect(pay.getByText(/converted into IQD at the rate of the payment day/)).toBeVisible();
  await choose(page, /^Method/, 'Cash', pay);
  await fillDay(pay.getByLabel(/^Paid on/), today());
  await pay.getByLabel(/^Reference/).fill('CASH-0001');
  // A double click records one payment (one Idempotency-Key per opened form).
  await pay.getByRole('button', { name: 'Record the payment' }).dblclick();
  await expect(pay).toBeHidden({ timeout: 15_000 });
  const payments = first.getByRole('table', { name: 'Payments of Tranche 1 of Reintegration cash allowance' });
  await expect(payments.getByRole('row')).toHaveCount(2);
  await expect(payments.getByText('Awaiting approval')).toBeVisible();
  await expect(payments.getByText(/Above the office’s threshold/)).toBeVisible();
  const converted = payments.getByText(/^= .*IQD.* at [\d.]+ \(.+\)$/).first();
  await expect(converted).toBeVisible();
  const stored = (await officer.get(`/api/cases/${caseId}/payments`)).components.find((c: { type: string }) => c.type === 'cash_allowance').tranches[0].disbursements[0];
  expect(stored.currency).toBe('USD');
  expect(stored.inComponentCurrency.currency).toBe('IQD');
  await expect(converted).toContainText(stored.inComponentCurrency.rate);
  await expect(converted).toContainText(stored.inComponentCurrency.source);
  // The recorder does not approve their own payment.
  await expect(payments.getByRole('button', { name: /^Approve the payment/ })).toHaveCount(0);

  // The queue shows the payment awaiting approval; the manager approves it from the case.
  await manager.goto('/disbursements?kind=awaiting_approval');
  const waiting = manager.getByRole('table', { name: /Payments awaiting approval/ });
  await waiting.getByRole('link', { name: /^Open the reintegration of case/ }).first().waitFor();
  await expectAccessible(manager, 'queue (en)');
  await manager.goto(`/cases/${caseId}?tab=reintegration`);
  const mtab = manager.getByRole('tabpanel', { name: 'Reintegration' });
  await mtab.getByRole('button', { name: /^Approve the payment of/ }).click();
  const approve = manager.getByRole('dialog', { name: 'Approve this payment?' });
  await approve.getByRole('button', { name: 'Approve the payment' }).click();
  await expect(approve).toBeHidden({ timeout: 15_000 });
  await expect(mtab.getByRole('table', { name: 'Payments of Tranche 1 of Reintegration cash allowance' }).getByText(/^Approved by Haider Jawad on/)).toBeVisible();

  // The officer adds the receipt: uploaded as a file of the case and linked.
  await page.reload();
  await expect(payments.getByText('Paid', { exact: true })).toBeVisible({ timeout: 15_000 });
  await payments.getByRole('button', { name: /^Add the receipt of the payment of/ }).click();
  const receipt = page.getByRole('dialog', { name: /^Receipt of the payment of/ });
  await receipt.getByLabel(/^Or upload the receipt/).setInputFiles(pdf('receipt-tranche-1.pdf', 'Cash receipt signed by the returnee'));
  await receipt.getByRole('button', { name: 'Link the receipt' }).click();
  await expect(receipt).toBeHidden({ timeout: 15_000 });
  await expect(payments.getByRole('link', { name: 'Receipt: receipt-tranche-1.pdf' })).toBeVisible();

  // The second tranche: its condition (the first tranche's receipts) met, released, paid in dinars below the threshold, its receipt linked.
  const second = cash.getByRole('region', { name: 'Tranche 2 of Reintegration cash allowance' });
  await second.getByRole('button', { name: /^Mark “Receipts of the previous tranche” met/ }).click();
  await page.getByRole('dialog', { name: 'Record that the condition is met?' }).getByRole('button', { name: 'Condition met' }).click();
  await expect(page.getByRole('dialog', { name: 'Record that the condition is met?' })).toBeHidden({ timeout: 15_000 });
  await second.getByRole('button', { name: 'Release Tranche 2 of Reintegration cash allowance' }).click();
  await page.getByRole('dialog', { name: 'Release this tranche?' }).getByRole('button', { name: 'Release the tranche' }).click();
  await expect(page.getByRole('dialog', { name: 'Release this tranche?' })).toBeHidden({ timeout: 15_000 });
  await second.getByRole('button', { name: 'Record a payment of Tranche 2 of Reintegration cash allowance' }).click();
  const pay2 = page.getByRole('dialog', { name: 'Payment of Tranche 2 of Reintegration cash allowance' });
  await expect(pay2.getByLabel(/^Amount paid/)).toHaveValue('120000.000');
  await choose(page, /^Method/, 'Mobile money', pay2);
  await pay2.getByRole('button', { name: 'Record the payment' }).click();
  await expect(pay2).toBeHidden({ timeout: 15_000 });
  const payments2 = second.getByRole('table', { name: 'Payments of Tranche 2 of Reintegration cash allowance' });
  await expect(payments2.getByText('Paid', { exact: true })).toBeVisible();
  await payments2.getByRole('button', { name: /^Add the receipt of the payment of/ }).click();
  const receipt2 = page.getByRole('dialog', { name: /^Receipt of the payment of/ });
  await receipt2.getByLabel(/^Or upload the receipt/).setInputFiles(pdf('receipt-tranche-2.pdf', 'Mobile money confirmation'));
  await receipt2.getByRole('button', { name: 'Link the receipt' }).click();
  await expect(receipt2).toBeHidden({ timeout: 15_000 });

  // The case's cost, per currency and in the project's currency.
  const cost = tab.locator('section', { has: page.getByRole('heading', { name: 'Cost of the case' }) });
  await expect(cost.getByRole('table', { name: /per currency/ }).getByRole('row', { name: /USD/ })).toBeVisible();
  await expect(cost.getByRole('table', { name: /per currency/ }).getByRole('row', { name: /IQD/ })).toBeVisible();
  await expectAccessible(page, 'reintegration tab with payments (en)');

  // Delivered: both components; the case moves on to monitoring.
  await manager.reload();
  for (const type of ['Reintegration cash allowance', 'Vocational training']) {
    await mtab.getByRole('button', { name: `Mark ${type} delivered` }).click();
    const dialog = manager.getByRole('dialog', { name: 'Mark the component delivered?' });
    await dialog.getByRole('button', { name: 'Mark delivered' }).click();
    await expect(dialog).toBeHidden({ timeout: 15_000 });
  }
  await expect.poll(async () => (await mg.get(`/api/cases/${caseId}`)).stage).toBe('monitoring');

  // The same screens in Arabic, right to left.
  await setLanguage(manager, 'ar');
  await expect(manager.locator('html')).toHaveAttribute('dir', 'rtl');
  await manager.goto(`/cases/${caseId}?tab=reintegration`);
  await expect(manager.getByRole('table', { name: /^مدفوعات الدفعة/ }).first()).toBeVisible({ timeout: 15_000 });
  await expectAccessible(manager, 'reintegration tab with payments (ar)');
  await manager.goto('/disbursements');
  await expect(manager.getByRole('heading', { name: 'المدفوعات', level: 1 })).toBeVisible();
  await expectAccessible(manager, 'queue (ar)');
  await setLanguage(manager, managerLanguage);
  await managerContext.close();
});

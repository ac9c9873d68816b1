import { expect, test, type Locator, type Page } from '@playwright/test';
import { choose } from './handover-steps.js';
import { demoUser, signIn } from './support.js';

const signedPlan = { name: 'signed-plan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Reintegration plan signed by the returnee\n%%EOF\n') };

async function fillDate(form: Locator, label: RegExp, day: string) {
  const input = form.getByLabel(label);
  await input.fill(day);
  await input.press('Tab');
}

async function addComponent(page: Page, c: { type: string; description: string; amount: string; currency: string; member: string }) {
  await page.getByRole('button', { name: 'Add a component' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add a component' });
  await choose(page, /^Type of assistance/, c.type, dialog);
  await dialog.getByLabel(/^Description/).fill(c.description);
  const members = dialog.getByRole('combobox', { name: /^Household members served/ });
  await members.focus();
  await members.press('ArrowDown');
  await page.getByRole('option').filter({ hasText: c.member }).filter({ visible: true }).first().click();
  await members.press('Escape');
  await dialog.getByLabel(/^Planned amount/).fill(c.amount);
  await dialog.getByLabel(/^Currency \(ISO 4217\)/).fill(c.currency);
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  await fillDate(dialog, /^Start date/, today);
  await fillDate(dialog, /^End date/, later);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
}

/** Sets the signed-in user's language (kept by the server) and reloads; answers the one it replaced. */
async function setLanguage(page: Page, language: string): Promise<string> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string; user: { preferredLanguage: string } };
  await page.request.patch('/api/auth/me', { headers: { 'x-csrf-token': me.csrfToken }, data: { preferredLanguage: language } });
  await page.reload();
  return me.user.preferredLanguage;
}

test('an origin office drafts a reintegration plan with the returnee, who agrees; the manager approves it and the case enters reintegration, then monitoring once both components are delivered', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, demoUser('reintegration_officer', 'reintegration.iq'));

  // An arrived case of the Baghdad office with no plan yet, whose assistance may start.
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
  const found = await page.request.post('/api/cases/search', { headers: { 'x-csrf-token': csrf }, data: { stage: ['arrived'], pageSize: 100 } });
  let caseId: string | undefined;
  let principal = '';
  for (const item of (await found.json()).items as { id: string }[]) {
    const c = await (await page.request.get(`/api/cases/${item.id}`)).json();
    const plan = await page.request.get(`/api/cases/${item.id}/reintegration-plan`);
    if (plan.status() !== 200) continue;
    const body = await plan.json();
    if (body.versions.length === 0 && body.editable && (c.kind === 'voluntary_return' || c.admissionDate)) {
      caseId = item.id;
      const p = c.members[0].person;
      principal = `${p.givenName} ${p.familyName}`;
      break;
    }
  }
  expect(caseId, 'an arrived case at the Iraq office without a plan').toBeTruthy();

  await page.goto(`/cases/${caseId}?tab=reintegration`);
  const tab = page.getByRole('tabpanel', { name: 'Reintegration' });
  await expect(tab.getByText(/No plan yet/)).toBeVisible({ timeout: 15_000 });

  await addComponent(page, { type: 'Reintegration cash allowance', description: 'Allowance in two tranches.', amount: '300000', currency: 'IQD', member: principal });
  await addComponent(page, { type: 'Vocational training', description: 'Electrician course at the vocational centre.', amount: '850', currency: 'EUR', member: principal });
  const draft = tab.getByRole('table', { name: /Components of the draft, version 1/ });
  await expect(draft.getByRole('row')).toHaveCount(3);
  await expect(tab.getByText(/Total planned:/)).toContainText('IQD');

  // The returnee's agreement: the day, the language and the signed plan.
  const agreement = tab.locator('form').filter({ has: page.getByRole('button', { name: 'Record the agreement' }) });
  const language = agreement.getByRole('combobox', { name: /^Language the plan was explained in/ });
  await language.click();
  await language.fill('Arab');
  await page.getByRole('option', { name: /^Arabic/ }).filter({ visible: true }).first().click();
  await agreement.getByLabel(/^Upload the signed plan/).setInputFiles(signedPlan);
  await agreement.getByRole('button', { name: 'Record the agreement' }).click();
  await expect(tab.getByText(/The returnee agreed on/).first()).toBeVisible({ timeout: 15_000 });
  // The officer cannot approve: no approve button for them.
  await expect(tab.getByRole('button', { name: 'Approve the plan' })).toHaveCount(0);

  // The office manager, a second person, approves: the case moves to reintegration.
  const context = await browser.newContext();
  const manager = await context.newPage();
  await signIn(manager, demoUser('office_manager', 'manager.iq'));
  // This manager reads Arabic; the journey reads the English screens, then puts the language back.
  const managerLanguage = await setLanguage(manager, 'en');
  await expect(manager.locator('html')).toHaveAttribute('lang', 'en');
  await manager.goto(`/cases/${caseId}?tab=reintegration`);
  const mtab = manager.getByRole('tabpanel', { name: 'Reintegration' });
  // The plan is checked against the returnee's confirmed entitlement; components without a budget line are listed.
  const check = mtab.locator('section', { has: manager.getByRole('heading', { name: 'Entitlement and budget check' }) });
  await expect(check).toBeVisible();
  await expect(check.getByText(/No budget line, nothing committed: Reintegration cash allowance, Vocational training/)).toBeVisible();
  const past = (await check.getByText(/^Over by/).count()) > 0 || (await check.getByText(/has no confirmed entitlement/).count()) > 0;
  await mtab.getByRole('button', { name: 'Approve the plan' }).click();
  const confirm = manager.getByRole('dialog', { name: 'Approve this version of the plan?' });
  await expect(confirm.getByText(/the case moves to reintegration/)).toBeVisible();
  // Past the entitlement (or without one) the manager, who may override, gives the reason; within it, none is asked.
  const reason = confirm.getByRole('textbox', { name: /Reason for approving past the entitlement/ });
  if (past) await reason.fill('The household’s second adult joins later; agreed with the donor.');
  else await expect(reason).toHaveCount(0);
  await confirm.getByRole('button', { name: 'Approve the plan' }).click();
  await expect(confirm).toBeHidden({ timeout: 15_000 });
  await expect(mtab.getByRole('heading', { name: 'Approved plan, version 1' })).toBeVisible();
  const stage = async () => (await (await manager.request.get(`/api/cases/${caseId}`)).json()).stage as string;
  expect(await stage()).toBe('reintegration');

  // Both components delivered: the case moves on to monitoring.
  for (const type of ['Reintegration cash allowance', 'Vocational training']) {
    await mtab.getByRole('button', { name: `Mark ${type} delivered` }).click();
    const dialog = manager.getByRole('dialog', { name: 'Mark the component delivered?' });
    await dialog.getByRole('button', { name: 'Mark delivered' }).click();
    await expect(dialog).toBeHidden({ timeout: 15_000 });
  }
  await expect(mtab.getByRole('table', { name: /Components of the approved plan/ }).getByText('Delivered')).toHaveCount(2);
  expect(await stage()).toBe('monitoring');
  await expect(mtab.getByText(/Approved by/).first()).toBeVisible();
  await setLanguage(manager, managerLanguage);
  await context.close();
});

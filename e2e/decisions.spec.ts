import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoUser, fillDay, signIn, type DemoUser } from './support.js';

const declaration = { name: 'declaration.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') };

/** Picks an option in a Mantine select by its accessible label (typing first when it is searchable). */
async function choose(page: Page, label: RegExp, option: string | RegExp) {
  const box = page.getByRole('combobox', { name: label }).first();
  await box.click();
  const readOnly = await box.evaluate((el) => Boolean((el as unknown as { readOnly?: boolean }).readOnly));
  if (!readOnly) await box.fill(typeof option === 'string' ? option.slice(0, 5) : option.source.replace(/[\^\\(]/g, '').slice(0, 5));
  await page.getByRole('option', { name: option }).filter({ visible: true }).first().click();
}

async function as(browser: Browser, user: DemoUser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  return page;
}

/** A household registered through the API (as the registration screen does) and moved to counselling. */
async function householdAtCounselling(page: Page, familyName: string) {
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
  const created = await page.request.post('/api/cases', {
    headers: { 'x-csrf-token': csrf },
    data: {
      kind: 'voluntary_return', legalStatus: 'asylum_rejected', countryOfReturn: 'IQ',
      principal: { givenName: 'Karim', familyName, sex: 'male', birthDate: '1984-02-11', nationality: 'IQ', languages: ['ar'] },
      members: [
        { relationship: 'spouse', person: { givenName: 'Layla', familyName, sex: 'female', birthDate: '1987-09-30', nationality: 'IQ' } },
        { relationship: 'child', person: { givenName: 'Sami', familyName, sex: 'male', birthDate: '2016-03-14', nationality: 'IQ' } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const body = await created.json();
  const moved = await page.request.post(`/api/cases/${body.id}/transitions`, {
    headers: { 'x-csrf-token': csrf, 'if-match': created.headers().etag! },
    data: { to: 'counselling' },
  });
  expect(moved.status()).toBe(200);
  return { id: body.id as string, caseNumber: body.caseNumber as string };
}

async function recordDecision(page: Page, member: string, guardian?: string) {
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Record the decision' }) });
  await choose(page, /^Travelling member/, new RegExp(`^${member}`));
  if (guardian) {
    await choose(page, /^Who decided/, 'legal guardian');
    await form.getByLabel(/^Name of the legal guardian/).fill(guardian);
  }
  await choose(page, /^Language the information was given in/, /^Arabic \(/);
  await form.getByRole('checkbox', { name: /was understood/ }).check();
  await form.getByRole('checkbox', { name: /No pressure was applied/ }).check();
  await form.getByLabel(/^Signed declaration/).setInputFiles(declaration);
  await form.getByRole('button', { name: 'Record the decision' }).click();
  await expect(page.getByRole('row', { name: new RegExp(member) }).getByText(/^Version 1/)).toBeVisible({ timeout: 15_000 });
}

test('pre-departure: counselling, the informed decision of every travelling member, an eligibility check with its reasons and entitlement, approval by a second person', async ({ browser }) => {
  test.setTimeout(180_000);
  const caseworker = await as(browser, demoUser('caseworker', 'caseworker.de'));
  const household = await householdAtCounselling(caseworker, 'Haddad');

  // Counselling: a session held, with the country information given.
  const counsellor = await as(browser, demoUser('counsellor', 'counsellor.de'));
  await counsellor.goto(`/cases/${household.id}?tab=counselling`);
  const counselling = counsellor.getByRole('tabpanel', { name: 'Counselling', exact: true });
  await counselling.getByRole('button', { name: 'New session' }).click();
  const session = counselling.getByRole('form', { name: 'Counselling session' });
  await expect(session.getByLabel('was held')).toBeChecked();
  const coi = session.getByRole('group', { name: 'Country information given' }).getByRole('checkbox').first();
  await expect(coi).toBeVisible({ timeout: 15_000 });
  await coi.check();
  await session.getByLabel('Agreed next steps').fill('The family decides after talking with relatives in Basra.');
  await session.getByRole('button', { name: 'Record session' }).click();
  await expect(counselling.getByRole('list', { name: 'Counselling sessions' }).getByRole('listitem').filter({ hasText: 'talking with relatives in Basra' })).toBeVisible({ timeout: 15_000 });

  // The informed decision of every travelling member; a child decides through the guardian.
  await counsellor.goto(`/cases/${household.id}?tab=decision`);
  await expect(counsellor.getByRole('heading', { name: 'Record a decision' })).toBeVisible();
  await expect(counsellor.getByRole('row', { name: /Sami Haddad/ }).getByText('Under 18')).toBeVisible();
  await recordDecision(counsellor, 'Karim Haddad');
  await recordDecision(counsellor, 'Layla Haddad');
  await recordDecision(counsellor, 'Sami Haddad', 'Karim Haddad (father)');
  await expect(counsellor.getByText('Decision recorded').first()).toBeVisible();
  await expect(counsellor.getByText('Travelling members without a current decision')).toHaveCount(0);

  // Eligibility: the project, the facts it needs, the check with a reason per criterion and the entitlement.
  await caseworker.goto(`/cases/${household.id}?tab=eligibility`);
  const project = caseworker.getByRole('combobox', { name: 'Project' });
  await project.click();
  await project.fill('AVRR-IQAF');
  await caseworker.getByRole('option', { name: /^AVRR-IQAF/ }).click();
  await caseworker.getByRole('button', { name: 'Assign' }).click();
  await expect(caseworker.getByText(/Assigned to AVRR-IQAF/)).toBeVisible();
  await fillDay(caseworker.getByLabel('Arrival in the host country'), '2023-02-01');
  await caseworker.getByRole('button', { name: 'Save the date' }).click();
  await expect(caseworker.getByText('Arrival date saved.')).toBeVisible();
  // Submitting before the check is refused with the reason.
  await caseworker.goto(`/cases/${household.id}?tab=decision`);
  await caseworker.getByRole('button', { name: 'Submit the application' }).click();
  await expect(caseworker.getByRole('alert').filter({ hasText: /eligibility/i })).toBeVisible();
  await caseworker.goto(`/cases/${household.id}?tab=eligibility`);
  await caseworker.getByRole('button', { name: 'Run the check' }).click();
  await expect(caseworker.getByText('Eligible', { exact: true })).toBeVisible();
  const reasons = caseworker.getByRole('table', { name: 'Reason per criterion' });
  await expect(reasons.getByRole('row').filter({ hasText: 'Legal status' })).toContainText('Asylum claim rejected');
  const entitlement = caseworker.getByRole('table', { name: /Entitlement per travelling member/ });
  await expect(entitlement.getByRole('row').filter({ hasText: 'Sami Haddad' })).toContainText('(child)');
  await expect(entitlement.getByTestId('household-total')).toHaveText('€6,600.00');

  // The caseworker submits the application; the manager, another person, approves it.
  await caseworker.goto(`/cases/${household.id}?tab=decision`);
  await caseworker.getByRole('button', { name: 'Submit the application' }).click();
  await expect(caseworker.getByText('Awaiting approval').first()).toBeVisible();
  await expect(caseworker.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const manager = await as(browser, demoUser('office_manager', 'manager.de'));
  await manager.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications to approve' }).click();
  await expect(manager.getByRole('heading', { name: 'Applications to approve' })).toBeVisible();
  await manager.getByRole('link', { name: household.caseNumber }).click();
  // Approval asks once, saying what will happen; cancelling sends nothing.
  await manager.getByRole('button', { name: 'Approve', exact: true }).click();
  let confirm = manager.getByRole('dialog', { name: 'Approve this application?' });
  await expect(confirm).toContainText('withdraw its decision until departure');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(manager.getByText('Awaiting approval').first()).toBeVisible();
  // The eligibility check is not confirmed yet: the refusal says so and leads to the eligibility tab.
  await manager.getByRole('button', { name: 'Approve', exact: true }).click();
  confirm = manager.getByRole('dialog', { name: 'Approve this application?' });
  await confirm.getByRole('button', { name: 'Approve the application' }).click();
  const refusal = confirm.getByRole('alert');
  await expect(refusal).toContainText('This cannot be done yet');
  await expect(refusal).toContainText('The eligibility check is not confirmed yet.');
  await refusal.getByRole('link', { name: 'Open the Eligibility tab' }).click();
  await expect(manager).toHaveURL(/tab=eligibility/);
  await expect(manager.getByRole('tab', { name: 'Eligibility' })).toHaveAttribute('aria-selected', 'true');
  // The office manager confirms the eligibility, then approves.
  await manager.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(manager.getByText('Decision confirmed.')).toBeVisible();
  await manager.getByRole('tab', { name: 'Decision' }).click();
  await manager.getByRole('button', { name: 'Approve', exact: true }).click();
  await manager.getByRole('dialog', { name: 'Approve this application?' }).getByRole('button', { name: 'Approve the application' }).click();
  await expect(manager.getByRole('list', { name: 'Applications of this case' }).getByRole('listitem').first()).toContainText(/Submitted by Lena Hoffmann.*approved · decided by Katrin Schulz/, { timeout: 15_000 });
  await expect(manager.getByText('Approved').first()).toBeVisible();
});

test('a household withdraws before departure: the case becomes withdrawn at once', async ({ browser }) => {
  const caseworker = await as(browser, demoUser('caseworker', 'caseworker.de'));
  const household = await householdAtCounselling(caseworker, 'Rahimi');
  await caseworker.goto(`/cases/${household.id}?tab=decision`);
  await caseworker.getByRole('button', { name: 'Withdraw' }).click();
  const dialog = caseworker.getByRole('dialog', { name: 'Record the withdrawal?' });
  await dialog.getByLabel(/^Reason/).fill('Wishes to wait until the children finish the school year.');
  await dialog.getByRole('button', { name: 'Confirm the withdrawal' }).click();
  await expect(caseworker.getByText('This case is withdrawn.')).toBeVisible({ timeout: 15_000 });
  await expect(caseworker.getByRole('tabpanel', { name: 'Decision' }).getByText('Wishes to wait until the children finish the school year.')).toBeVisible();
  await expect(caseworker.getByRole('button', { name: 'Withdraw' })).toHaveCount(0);
  await expect(caseworker.getByText('Withdrawn').first()).toBeVisible();
});

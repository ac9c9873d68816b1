import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiOf, demoUser, signIn, submittedHousehold, type DemoUser } from './support.js';

// Each role lands on its work: the queues it answers, built from its permissions and its office's kind.
// The administrator's home page is walked in access-admin.spec.ts, where the administrators set up
// their second factor.

async function as(browser: Browser, user: DemoUser) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  return page;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });


test('a caseworker lands on their overdue tasks, flights, handovers and appointments, and their cases', async ({ page }) => {
  await signIn(page, demoUser('caseworker', 'caseworker.de'));
  await expect(page.getByRole('heading', { name: 'Waiting for you' })).toBeVisible();
  for (const queue of [/^Overdue tasks \(\d+\)$/, /^Flights this week \(\d+\)$/, /^Handovers awaiting an answer \(\d+\)$/, /^Upcoming appointments \(\d+\)$/]) {
    await expect(page.getByRole('heading', { name: queue })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'My cases' })).toBeVisible();
  // No queue of a supervisor or of an origin office.
  await expect(page.getByRole('heading', { name: /^Applications to approve/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Handovers to answer/ })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'Register' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Incoming handovers' })).toHaveCount(0);
});

test('an office manager lands on the applications to approve, is told of a new one, and hands two cases to another caseworker at once', async ({ page, browser }) => {
  const caseworker = await as(browser, demoUser('caseworker', 'caseworker.de'));
  const counsellor = await as(browser, demoUser('counsellor', 'counsellor.de'));
  await signIn(page, demoUser('office_manager', 'manager.de'));
  const submitted = await submittedHousehold({ caseworker, counsellor, manager: page }, `Haddad-${Date.now().toString(36)}`, { spouse: false });

  // Two cases of the second caseworker, to be handed to the first.
  const second = await as(browser, demoUser('caseworker', 'caseworker2.de'));
  const api2 = await apiOf(second);
  const registered: string[] = [];
  for (const given of ['Omar', 'Samir']) {
    const created = await api2.post('/api/cases', {
      kind: 'voluntary_return', legalStatus: 'irregular_stay', countryOfReturn: 'IQ',
      principal: { givenName: given, familyName: `Rashid-${Date.now().toString(36)}`, sex: 'male', birthDate: '1990-01-15', nationality: 'IQ' },
    });
    registered.push(created.caseNumber as string);
  }

  await page.goto('/');
  const applications = page.getByTestId('queue-applications');
  await expect(applications.getByRole('heading', { name: /^Applications to approve \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: /^My office's cases by stage/ })).toBeVisible();
  await expect(page.getByText('No cases are assigned to you yet.')).toHaveCount(0);

  // The bell tells of the new application; opening it lists it as new and links to its case.
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ new$/);
  await bell.click();
  const list = page.getByRole('dialog', { name: 'Notifications' });
  const item = list.getByRole('listitem').filter({ hasText: `Application to approve: case ${submitted.caseNumber}` });
  await expect(item).toContainText('New');
  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${submitted.id}\\?tab=decision`));
  await page.goto('/');
  await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('Notifications, none new');

  // Cases per worker: the second caseworker's two cases go to the first in one request.
  const caseload = page.getByTestId('caseload');
  await caseload.getByRole('button', { name: 'Show cases of Tobias Richter' }).click();
  const cases = caseload.getByRole('table', { name: 'Open cases of Tobias Richter' });
  for (const number of registered) await cases.getByRole('checkbox', { name: `Choose case ${number}` }).check();
  await caseload.getByLabel('New owner').selectOption({ label: 'Lena Hoffmann' });
  await caseload.getByRole('button', { name: 'Reassign 2 cases' }).click();
  await expect(caseload.getByRole('status')).toHaveText('2 cases now belong to Lena Hoffmann.');
  await expect(caseload.getByRole('button', { name: 'Show cases of Tobias Richter' })).toHaveCount(0);
  const mine = await (await apiOf(caseworker)).post('/api/cases/search', { q: registered[0] });
  expect(mine.items[0].ownerName).toBe('Lena Hoffmann');
});

test('an origin office’s reintegration officer lands on the handover to answer, with the bell and menus of an origin office', async ({ page, browser }) => {
  await signIn(page, demoUser('reintegration_officer', 'reintegration.iq'));
  const officer = (await (await apiOf(page)).get('/api/auth/me')).user as { id: string; officeId: string; officeKind: string };
  expect(officer.officeKind).toBe('origin');

  // A handover waiting for the officer's answer: the Berlin office hands a departed return to Iraq
  // to the officer, or, when the other journeys have taken the demo's, one the demo holds waiting.
  const manager = await as(browser, demoUser('office_manager', 'manager.de'));
  const mg = await apiOf(manager);
  const found = await mg.post('/api/cases/search', { stage: ['departed'], countryOfReturn: 'IQ', pageSize: 50 });
  let chosen: { id: string; caseNumber: string } | undefined;
  for (const c of found.items as { id: string; caseNumber: string }[]) {
    const overview = await mg.get(`/api/cases/${c.id}/handover`);
    if (!overview.handovers.some((h: { status: string }) => h.status !== 'declined')) {
      chosen = c;
      break;
    }
  }
  const fresh = Boolean(chosen);
  if (chosen) {
    await mg.post(`/api/cases/${chosen.id}/handovers`, {
      toOfficeId: officer.officeId, purpose: 'reintegration', receivingOfficerId: officer.id,
      consent: { asylumHistory: false, counsellingNotes: false, healthInformation: false, consentedOn: new Date().toISOString().slice(0, 10) },
    });
  } else {
    const waiting = await (await apiOf(page)).post('/api/handovers/incoming/search', { status: 'pending', page: 1, pageSize: 5 });
    chosen = (waiting.items as { caseId: string; caseNumber: string }[]).map((h) => ({ id: h.caseId, caseNumber: h.caseNumber }))[0];
  }
  expect(chosen, 'a handover waiting for the officer').toBeTruthy();

  await page.goto('/');
  const incoming = page.getByTestId('queue-incoming');
  await expect(incoming.getByRole('heading', { name: /^Handovers to answer \(\d+\)$/ })).toBeVisible();
  await expect(incoming.getByRole('link', { name: chosen!.caseNumber })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Arrivals expected this week \(\d+\)$/ })).toBeVisible();

  // Origin-office menus: incoming handovers, no registration desk, counselling library or flights.
  await expect(nav(page).getByRole('link', { name: 'Incoming handovers' })).toBeVisible();
  for (const hidden of ['Register', 'Country information', 'Movements', 'Appointments']) {
    await expect(nav(page).getByRole('link', { name: hidden })).toHaveCount(0);
  }

  await page.getByTestId('notification-bell').click();
  const item = page.getByRole('dialog', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: `Handover to answer: case ${chosen!.caseNumber}` });
  // New unless the officer opened the list since it arrived.
  if (fresh) await expect(item).toContainText('New');
  await item.getByRole('link').press('Enter');
  await expect(page).toHaveURL(/\/handovers\/incoming$/);
  await expect(page.getByRole('button', { name: `Show the handover package of ${chosen!.caseNumber}` })).toBeVisible();
});

test('the M&E officer lands on the statistics they may read and the active projects', async ({ page }) => {
  await signIn(page, demoUser('me_officer'));
  await expect(page.getByRole('heading', { name: 'Cases by stage' })).toBeVisible();
  const projects = page.getByTestId('queue-projects');
  await expect(projects.getByRole('heading', { name: /^Active projects \(\d+\)$/ })).toBeVisible();
  await expect(projects).toContainText('AVRR-IQAF');
  await expect(page.getByText('Nothing to show here yet')).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'Cases' })).toHaveCount(0);
});

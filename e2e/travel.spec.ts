import { expect, test, type Locator, type Page } from '@playwright/test';
import { handOverAndReceive } from './handover-steps.js';
import { approvedHousehold, demoUser, signIn } from './support.js';

/** Picks an option in a Mantine select by its accessible label. */
async function choose(page: Page, scope: Locator, label: RegExp, option: string) {
  await scope.getByRole('combobox', { name: label }).first().click();
  await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).first().click();
}

/** Types a time zone into its autocomplete and closes the suggestions. */
async function zone(scope: Locator, label: RegExp, value: string) {
  const box = scope.getByRole('combobox', { name: label });
  await box.fill(value);
  await box.press('Escape');
}

test('a caseworker adds a passport, books a flight with a transit leg and an escort, tickets it and confirms departure; the case is handed to the origin office, which accepts it and confirms the arrival', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const caseworker = demoUser('caseworker', 'caseworker.de');
  await signIn(page, caseworker);

  // A household approved by the office: decisions, eligibility and approval through the API.
  const helper = async (role: string, email: string) => {
    const p = await (await browser.newContext()).newPage();
    await signIn(p, demoUser(role, email));
    return p;
  };
  const target = await approvedHousehold({ caseworker: page, counsellor: await helper('counsellor', 'counsellor.de'), manager: await helper('office_manager', 'manager.de') }, 'Karimi');
  await page.goto(`/cases/${target.id}?tab=travel`);
  await expect(page.getByRole('heading', { name: 'Travel documents' })).toBeVisible({ timeout: 15_000 });

  // A passport: the number is masked in the list and shown on request.
  await page.getByRole('button', { name: 'Add a travel document' }).click();
  const docDialog = page.getByRole('dialog', { name: 'Add a travel document' });
  await docDialog.getByLabel('Number').fill('C9876543');
  await docDialog.getByLabel('Issuing authority or embassy').fill('Embassy of the Republic of Iraq, Berlin');
  await docDialog.getByLabel('Issued on').fill('2025-02-01');
  await docDialog.getByLabel('Expires on').fill('2031-01-31');
  await choose(page, docDialog, /^Status/, 'Issued');
  await docDialog.getByRole('button', { name: 'Save' }).click();
  await expect(docDialog).toBeHidden();
  await expect(page.getByText('••••543')).toBeVisible();
  await expect(page.getByText('C9876543')).toHaveCount(0);
  await page.getByRole('row').filter({ hasText: '••••543' }).getByRole('button', { name: /^Show the full number/ }).click();
  await expect(page.getByText('C9876543')).toBeVisible();

  // The journey: Frankfurt – Istanbul – Baghdad, local times in their zones.
  await page.getByRole('button', { name: 'Book travel' }).click();
  const booking = page.getByRole('dialog', { name: 'Book travel' });
  const leg1 = booking.getByRole('group', { name: 'Leg 1' });
  await leg1.getByLabel(/^Carrier/).fill('Turkish Airlines');
  await leg1.getByLabel(/^Flight or route/).fill('TK 1590');
  await leg1.getByRole('textbox', { name: /^From/ }).fill('FRA');
  await leg1.getByRole('textbox', { name: /^To/ }).fill('IST');
  await leg1.getByLabel(/^Departs \(local time\)/).fill('2027-01-13T11:00');
  await zone(leg1, /^Time zone of departure/, 'Europe/Berlin');
  await leg1.getByLabel(/^Arrives \(local time\)/).fill('2027-01-13T15:15');
  await zone(leg1, /^Time zone of arrival/, 'Europe/Istanbul');
  await booking.getByRole('button', { name: 'Add a leg' }).click();
  const leg2 = booking.getByRole('group', { name: 'Leg 2' });
  await expect(leg2.getByRole('textbox', { name: /^From/ })).toHaveValue('IST');
  await leg2.getByLabel(/^Flight or route/).fill('TK 788');
  await leg2.getByRole('textbox', { name: /^To/ }).fill('BGW');
  await leg2.getByLabel(/^Departs \(local time\)/).fill('2027-01-13T18:45');
  await leg2.getByLabel(/^Arrives \(local time\)/).fill('2027-01-13T22:10');
  await zone(leg2, /^Time zone of arrival/, 'Asia/Baghdad');
  await booking.getByRole('button', { name: 'Book', exact: true }).click();
  await expect(booking).toBeHidden({ timeout: 15_000 });

  const card = page.getByRole('region', { name: /^Journey of/ });
  await expect(card.getByTestId('booking-status')).toHaveText('Requested');
  await expect(card.getByRole('cell', { name: 'TK 788' })).toBeVisible();
  // The change of plane in Istanbul is a transit point: assistance is requested there.
  await choose(page, card, /^Transit assistance at IST/, 'Requested');
  await card.getByRole('button', { name: 'Update' }).click();
  await expect(card.getByRole('button', { name: 'Update' })).toBeDisabled();
  await expect(page.getByText('Travel preparation').first()).toBeVisible();

  // A medical escort on both legs.
  await card.getByRole('button', { name: 'Add an escort' }).click();
  const escort = page.getByRole('dialog', { name: 'Add an escort' });
  await choose(page, escort, /^Kind of escort/, 'Medical escort');
  await escort.getByLabel(/^Name/).fill('Dr. Anna Weber');
  await escort.getByLabel('Organisation').fill('MedFlight Escorts');
  await escort.getByRole('button', { name: 'Save' }).click();
  await expect(escort).toBeHidden();
  await expect(card.getByText(/Medical escort: Dr\. Anna Weber, MedFlight Escorts/)).toBeVisible();

  // Booked with its reference, then ticketed.
  await card.getByRole('textbox', { name: 'Booking reference' }).fill('TK7Q2M');
  await card.getByRole('button', { name: 'Mark booked' }).click();
  await expect(card.getByTestId('booking-status')).toHaveText('Booked');
  await card.getByRole('button', { name: 'Mark ticketed' }).click();
  await expect(card.getByTestId('booking-status')).toHaveText('Ticketed');

  // Pocket money in Iraqi dinars: ISO 4217 gives IQD three decimals, so 50,000 stays 50,000.
  await card.getByRole('button', { name: 'Record a payment' }).click();
  const payment = page.getByRole('dialog', { name: 'Record a payment' });
  await payment.getByRole('textbox', { name: /^Currency/ }).fill('IQD');
  await payment.getByRole('textbox', { name: /^Amount/ }).fill('50000.12345');
  await payment.getByRole('button', { name: 'Save' }).click();
  await expect(payment.getByText('IQD has 3 decimals: remove the extra digits.')).toBeVisible();
  await payment.getByRole('textbox', { name: /^Amount/ }).fill('50000');
  await payment.getByRole('button', { name: 'Save' }).click();
  await expect(payment).toBeHidden();
  await expect(card.getByText(/Pocket money: IQD\s50,000\.000/)).toBeVisible();

  // Departure confirmed for every traveller: the case has departed.
  await card.getByRole('button', { name: 'Confirm departure' }).click();
  await expect(card.getByText('Departed').first()).toBeVisible();
  await expect(card.getByRole('button', { name: 'Confirm departure' })).toHaveCount(0);
  const after = await page.request.get(`/api/cases/${target.id}`);
  expect((await after.json()).stage).toBe('departed');

  // The flight is on the Movements page, with its manifest.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Movements' }).click();
  await expect(page.getByRole('heading', { name: 'Movements' })).toBeVisible();
  await expect(page.getByRole('region', { name: /Turkish Airlines TK 1590/ }).first()).toBeVisible();

  // Handover to the office in Iraq, acceptance there, arrival and reception.
  await handOverAndReceive(page, browser, target.id, target.caseNumber);
});

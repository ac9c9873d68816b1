import { expect, test, type Locator, type Page } from '@playwright/test';
import { handOverAndReceive } from './handover-steps.js';
import { apiOf, approvedHousehold, demoUser, fillDay, signIn } from './support.js';

const HOUR = 3_600_000;

/** The local wall-clock time ('YYYY-MM-DDTHH:MM') of an instant in an IANA zone, as a timetable gives it. */
function localIn(at: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Frankfurt – Istanbul – Baghdad, the first flight leaving at `leaves` (local times in their zones). */
function journeyFrom(leaves: number) {
  return {
    first: { departs: localIn(leaves, 'Europe/Berlin'), arrives: localIn(leaves + 4 * HOUR, 'Europe/Istanbul') },
    second: { departs: localIn(leaves + 6 * HOUR, 'Europe/Istanbul'), arrives: localIn(leaves + 9 * HOUR, 'Asia/Baghdad') },
  };
}

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
  await fillDay(docDialog.getByLabel('Issued on'), '2025-02-01');
  await fillDay(docDialog.getByLabel('Expires on'), '2031-01-31');
  await choose(page, docDialog, /^Status/, 'Issued');
  await docDialog.getByRole('button', { name: 'Save' }).click();
  await expect(docDialog).toBeHidden();
  await expect(page.getByText('••••543')).toBeVisible();
  await expect(page.getByText('C9876543')).toHaveCount(0);
  await page.getByRole('row').filter({ hasText: '••••543' }).getByRole('button', { name: /^Show the full number/ }).click();
  await expect(page.getByText('C9876543')).toBeVisible();

  // The journey: Frankfurt – Istanbul – Baghdad, local times in their zones. Its first flight left
  // a day ago (booked late, as happens when the departure is recorded after the flight), so the
  // departure can be confirmed now.
  const times = journeyFrom(Date.now() - 30 * HOUR);
  await page.getByRole('button', { name: 'Book travel' }).click();
  const booking = page.getByRole('dialog', { name: 'Book travel' });
  const leg1 = booking.getByRole('group', { name: 'Leg 1' });
  await leg1.getByLabel(/^Carrier/).fill('Turkish Airlines');
  await leg1.getByLabel(/^Flight or route/).fill('TK 1590');
  await leg1.getByRole('textbox', { name: /^From/ }).fill('FRA');
  await leg1.getByRole('textbox', { name: /^To/ }).fill('IST');
  await leg1.getByLabel(/^Departs \(local time\)/).fill(times.first.departs);
  await zone(leg1, /^Time zone of departure/, 'Europe/Berlin');
  await leg1.getByLabel(/^Arrives \(local time\)/).fill(times.first.arrives);
  await zone(leg1, /^Time zone of arrival/, 'Europe/Istanbul');
  await booking.getByRole('button', { name: 'Add a leg' }).click();
  const leg2 = booking.getByRole('group', { name: 'Leg 2' });
  await expect(leg2.getByRole('textbox', { name: /^From/ })).toHaveValue('IST');
  await leg2.getByLabel(/^Flight or route/).fill('TK 788');
  await leg2.getByRole('textbox', { name: /^To/ }).fill('BGW');
  await leg2.getByLabel(/^Departs \(local time\)/).fill(times.second.departs);
  await leg2.getByLabel(/^Arrives \(local time\)/).fill(times.second.arrives);
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

  // The flight is on the Movements page (from its day on), with its manifest.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Movements' }).click();
  await expect(page.getByRole('heading', { name: 'Movements' })).toBeVisible();
  await fillDay(page.getByLabel('From'), times.first.departs.slice(0, 10));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('region', { name: /Turkish Airlines TK 1590/ }).first()).toBeVisible();
  await page.goto(`/cases/${target.id}?tab=travel`);

  // Departure: nothing is preselected, and the dialog names the people and the flight.
  await expect(card.getByText('Choose the outcome of every traveller: 2 travellers still to choose.')).toBeVisible();
  await card.getByRole('radiogroup', { name: /Yasin Karimi/ }).getByRole('radio', { name: 'Departed' }).check();
  await card.getByRole('radiogroup', { name: /Noor Karimi/ }).getByRole('radio', { name: 'Departed' }).check();
  await card.getByRole('button', { name: 'Confirm departure' }).click();
  const confirmDialog = page.getByRole('dialog', { name: 'Confirm the departure' });
  await expect(confirmDialog.getByText(/^Flight TK 1590 \(Turkish Airlines\), FRA → BGW, leaving /)).toBeVisible();
  await expect(confirmDialog.getByText('Yasin Karimi')).toBeVisible();
  await expect(confirmDialog.getByText('Noor Karimi')).toBeVisible();
  await expect(confirmDialog.getByText('Returnees confirmed as departed can no longer withdraw. This cannot be undone.')).toBeVisible();
  await confirmDialog.getByRole('button', { name: 'Yes, confirm' }).click();
  await expect(card.getByTestId('booking-status')).toHaveText('Departed');
  await expect(card.getByRole('button', { name: 'Confirm departure' })).toHaveCount(0);
  const after = await page.request.get(`/api/cases/${target.id}`);
  expect((await after.json()).stage).toBe('departed');

  // Handover to the office in Iraq, acceptance there, arrival and reception.
  await handOverAndReceive(page, browser, target.id, target.caseNumber);
});

test('departure refused before the flight, then confirmed with its dialog by a supervisor who records the reason', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, demoUser('caseworker', 'caseworker.de'));
  const open = async (role: string, email: string) => {
    const p = await (await browser.newContext()).newPage();
    await signIn(p, demoUser(role, email));
    return p;
  };
  const manager = await open('office_manager', 'manager.de');
  const target = await approvedHousehold({ caseworker: page, counsellor: await open('counsellor', 'counsellor.de'), manager }, 'Haddad');
  // Booked and ticketed through the API: the flight leaves tomorrow.
  const api = await apiOf(page);
  const times = journeyFrom(Date.now() + 20 * HOUR);
  const leg = (flightOrRoute: string, fromCode: string, toCode: string, t: { departs: string; arrives: string }, departsTimeZone: string, arrivesTimeZone: string) =>
    ({ carrier: 'Turkish Airlines', flightOrRoute, fromCode, toCode, departsLocal: t.departs, departsTimeZone, arrivesLocal: t.arrives, arrivesTimeZone });
  const made = await api.post(`/api/cases/${target.id}/travel/bookings`, {
    legs: [leg('TK 1590', 'FRA', 'IST', times.first, 'Europe/Berlin', 'Europe/Istanbul'), leg('TK 788', 'IST', 'BGW', times.second, 'Europe/Istanbul', 'Asia/Baghdad')],
  });
  const booked = await api.post(`/api/cases/${target.id}/travel/bookings/${made.id}/status`, { to: 'booked', bookingReference: 'TK8H3P' }, `"${made.id}.${made.version}"`);
  await api.post(`/api/cases/${target.id}/travel/bookings/${made.id}/status`, { to: 'ticketed' }, `"${made.id}.${booked.version}"`);

  // The caseworker: told when the flight leaves; Escape leaves everything as it was; the server refuses.
  await page.goto(`/cases/${target.id}?tab=travel`);
  const card = page.getByRole('region', { name: /^Journey of/ });
  await expect(card.getByText(/^Flight TK 1590 leaves on .+ \u2066?\(Europe\/Berlin\)\u2069?\. A departure or no-show is recorded once it has left\.$/)).toBeVisible({ timeout: 15_000 });
  await expect(card.getByLabel(/^Reason for recording/)).toHaveCount(0);
  await card.getByRole('button', { name: 'Confirm departure' }).click();
  // Nothing chosen yet: each traveller is asked for, and no dialog opens.
  await expect(card.getByText('Choose Departed, No-show or Confirm later.')).toHaveCount(2);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await card.getByRole('radiogroup', { name: /Yasin Haddad/ }).getByRole('radio', { name: 'Departed' }).check();
  await card.getByRole('radiogroup', { name: /Noor Haddad/ }).getByRole('radio', { name: 'Confirm later' }).check();
  await card.getByRole('button', { name: 'Confirm departure' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm the departure' });
  await expect(dialog.getByText('Yasin Haddad')).toBeVisible();
  await expect(dialog.getByText('Noor Haddad')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('booking-status')).toHaveText('Ticketed');
  await card.getByRole('button', { name: 'Confirm departure' }).click();
  await dialog.getByRole('button', { name: 'Yes, confirm' }).click();
  await expect(card.getByRole('alert')).toContainText('The flight has not left yet: a departure or no-show is recorded once the first flight has departed.');
  expect((await (await page.request.get(`/api/cases/${target.id}`)).json()).stage).toBe('travel_preparation');

  // The office manager may record it now, with the reason, which the dialog repeats.
  await manager.goto(`/cases/${target.id}?tab=travel`);
  const mcard = manager.getByRole('region', { name: /^Journey of/ });
  await mcard.getByRole('radiogroup', { name: /Yasin Haddad/ }).getByRole('radio', { name: 'Departed' }).check();
  await mcard.getByRole('radiogroup', { name: /Noor Haddad/ }).getByRole('radio', { name: 'Departed' }).check();
  await mcard.getByRole('button', { name: 'Confirm departure' }).click();
  const reason = mcard.getByLabel(/^Reason for recording before the flight has left/);
  await expect(reason).toBeFocused();
  await expect(mcard.getByText('Give the reason for recording it before the flight has left.')).toBeVisible();
  await reason.fill('Escorted through the boarding gate; the escort leaves before take-off.');
  await mcard.getByRole('button', { name: 'Confirm departure' }).click();
  const mdialog = manager.getByRole('dialog', { name: 'Confirm the departure' });
  await expect(mdialog.getByText(/^Flight TK 1590 \(Turkish Airlines\), FRA → BGW, leaving .+ \u2066?\(Europe\/Berlin\)\u2069?\.$/)).toBeVisible();
  await expect(mdialog.getByText('Recorded before the flight has left. Reason: Escorted through the boarding gate; the escort leaves before take-off.')).toBeVisible();
  await mdialog.getByRole('button', { name: 'Yes, confirm' }).click();
  await expect(mcard.getByTestId('booking-status')).toHaveText('Departed');
  await expect(mcard.getByText(/recorded before the flight/).first()).toBeVisible();
  expect((await (await manager.request.get(`/api/cases/${target.id}`)).json()).stage).toBe('departed');
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { axeOf, demoUser, signIn, type DemoUser } from './support.js';

/** Administrators must use two-step verification: at the first sign-in they set it up. */
async function signInAndEnrol(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, user);
  await expect(page).toHaveURL(/\/account\/security/);
  await expect(page.getByText('Two-step verification is required')).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate();
  await page.getByLabel('Verification code').fill(code);
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  await expect(page.getByText('Two-step verification is now on.')).toBeVisible();
  return page;
}

test('a role that reaches case data is given only once a second administrator approves it', async ({ browser }) => {
  const first = await signInAndEnrol(browser, demoUser('administrator', 'admin@'));
  const name = `Nadia Rahimi ${Date.now().toString(36)}`;
  await first.goto('/admin/users');
  await first.getByRole('button', { name: 'Create user' }).click();
  const dialog = first.getByRole('dialog');
  await dialog.getByLabel('Full name').fill(name);
  await dialog.getByLabel('Email').fill(`nadia.${Date.now().toString(36)}@example.org`);
  await dialog.getByLabel('Initial password').fill('a-long-enough-password');
  await dialog.getByRole('combobox', { name: 'Roles' }).click();
  await first.getByRole('option', { name: 'Caseworker', exact: true }).click();
  await dialog.getByLabel('Full name').click();
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(first.getByText('Not given yet: Caseworker.', { exact: false })).toBeVisible();
  const row = first.getByRole('row', { name: new RegExp(name) });
  await expect(row.first()).toContainText('Awaiting approval: Caseworker');
  // The one who asked does not decide.
  const section = first.getByRole('region', { name: 'Roles awaiting approval' });
  await expect(section.getByRole('row', { name: new RegExp(name) })).toContainText('Another administrator decides.');

  // Nobody changes their own roles.
  await first.getByRole('button', { name: 'Edit Martin Keller' }).click();
  await expect(first.getByRole('dialog').getByText('You cannot change your own roles: another administrator does it.')).toBeVisible();
  await first.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  const second = await signInAndEnrol(browser, demoUser('administrator', 'admin2@'));
  // The second administrator's home page shows the role waiting for them.
  await second.goto('/');
  const waiting = second.getByTestId('queue-role-grants');
  await expect(waiting.getByRole('heading', { name: /^Roles waiting for a second administrator \(\d+\)$/ })).toBeVisible();
  await expect(waiting).toContainText(`Caseworker for ${name}, asked by Martin Keller`);
  await expect(second.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' })).toBeVisible();
  await expect(second.getByText('Nothing to show here yet')).toHaveCount(0);
  // Administrators sign in with a second factor, set up here: their home page is checked with axe-core here too.
  await expect(second.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  const axe = await axeOf(second).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  await waiting.getByRole('link', { name: 'See all' }).click();
  await expect(second).toHaveURL(/\/admin\/users$/);
  const pending = second.getByRole('region', { name: 'Roles awaiting approval' });
  await pending.getByRole('button', { name: `Approve Caseworker for ${name}` }).click();
  // The request leaves the list and the user holds the role.
  await expect(pending.getByRole('row', { name: new RegExp(name) })).toHaveCount(0, { timeout: 15_000 });
  const user = second.getByRole('row', { name: new RegExp(name) }).first();
  await expect(user).toContainText('Caseworker');
  await expect(user).not.toContainText('Awaiting approval');

  // A change shows on the audit page: which fields changed, and their values before and after.
  const renamed = name.replace('Rahimi', 'Karimi');
  await second.getByRole('button', { name: `Edit ${name}` }).click();
  await second.getByRole('dialog').getByLabel('Full name').fill(renamed);
  await second.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
  await expect(second.getByRole('dialog')).toHaveCount(0);
  await second.goto('/admin/audit');
  // Events are picked by their names in the user's language, the actor by name or e-mail.
  await second.getByLabel('Events', { exact: true }).fill('User upd');
  await second.getByRole('option', { name: 'User updated', exact: true }).click();
  const actor = second.getByRole('combobox', { name: 'Actor' });
  await actor.fill('admin2@');
  await second.getByRole('option', { name: /admin2@demo\.homeward\.test/ }).click();
  await second.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(second.getByRole('row').filter({ hasText: 'User updated' }).first()).toContainText('User');
  const entry = second.getByRole('row').filter({ hasText: 'Changed: name' }).first();
  await entry.getByRole('button', { name: 'Show changes' }).click();
  const values = second.getByRole('table', { name: 'Changes' }).getByRole('row', { name: /^name/ });
  await expect(values.getByRole('cell').nth(0)).toHaveText(name);
  await expect(values.getByRole('cell').nth(1)).toHaveText(renamed);

  // The background jobs: every queue with its jobs by state, and those that failed after their retries.
  await second.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Background jobs' }).click();
  await expect(second.getByRole('heading', { name: 'Background jobs', level: 1 })).toBeVisible();
  const queues = second.getByRole('table', { name: 'Queues, with their jobs by state' });
  await expect(queues.getByRole('row', { name: /^Legacy imports/ })).toBeVisible();
  await expect(queues.getByRole('row', { name: /^Removal of expired sessions and keys/ })).toBeVisible();
  await expect(second.getByRole('combobox', { name: 'Queue' })).toBeVisible();
  const jobsAxe = await axeOf(second).analyze();
  expect(jobsAxe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
});

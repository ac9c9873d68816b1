import { expect, test, type Page } from '@playwright/test';
import { apiOf, axeOf, demoUser, signIn, type DemoUser } from './support.js';

// WCAG 2.2 AA on every page each role uses, in the language each demo user reads (the origin
// office's manager reads Arabic, right to left): axe-core finds no violation.
// Each test walks many pages and runs axe on each.
test.describe.configure({ timeout: 300_000 });

interface Finding { page: string; rule: string; impact: string | null | undefined; nodes: number; example: string }

async function audit(page: Page, name: string): Promise<Finding[]> {
  // The page has settled: no spinner left, the main landmark is there.
  await expect(page.locator('main')).toBeVisible();
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0, { timeout: 15_000 });
  // Dialogs and popovers fade in: judge colours once every transition has ended, not half-way.
  await page.evaluate('Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)))');
  const result = await axeOf(page).analyze();
  return result.violations.map((v) => ({
    page: name, rule: v.id, impact: v.impact, nodes: v.nodes.length,
    example: `${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`.slice(0, 240),
  }));
}

async function auditPages(page: Page, user: DemoUser, paths: string[]) {
  await signIn(page, user);
  const findings: Finding[] = [];
  for (const path of paths) {
    await page.goto(path);
    findings.push(...(await audit(page, `${user.role} ${path}`)));
  }
  return findings;
}

/** Every tab of a case page, as the user sees them. */
async function auditCaseTabs(page: Page, caseId: string, who: string) {
  const findings: Finding[] = [];
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('tab').first()).toBeVisible();
  const tabs = await page.getByRole('tab').allTextContents();
  for (const name of tabs) {
    const tab = page.getByRole('tab', { name, exact: true });
    await tab.focus();
    await page.keyboard.press('Enter');
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    findings.push(...(await audit(page, `${who} case tab "${name}"`)));
  }
  return findings;
}

const report = (findings: Finding[]) => findings.map((f) => `${f.page}: ${f.rule} (${f.impact}, ${f.nodes} nodes) ${f.example}`).join('\n');

test('the sign-in page has no accessibility violation', async ({ page }) => {
  await page.goto('/login');
  expect(report(await audit(page, 'login'))).toBe('');
});

test('a caseworker’s pages and every tab of a case have no accessibility violation', async ({ page }) => {
  const user = demoUser('caseworker', 'caseworker.de');
  const findings = await auditPages(page, user, ['/', '/cases', '/cases/new', '/tasks', '/country-information', '/movements', '/account/security']);
  const api = await apiOf(page);
  const list = await api.post('/api/cases/search', { stage: ['approved', 'travel_preparation', 'departed', 'arrived'], pageSize: 1 });
  const caseId = (list.items as { id: string }[])[0]!.id;
  findings.push(...(await auditCaseTabs(page, caseId, 'caseworker')));
  expect(report(findings)).toBe('');
});

test('a counsellor’s, and a manager’s pages, with the administration pages, have no accessibility violation', async ({ browser }) => {
  const findings: Finding[] = [];
  for (const [user, paths] of [
    [demoUser('counsellor', 'counsellor.de'), ['/', '/appointments', '/country-information']],
    // The administrators' pages as an office manager sees them (administrators sign in with a
    // second factor that the journeys of access-admin.spec.ts set up).
    [demoUser('office_manager', 'manager.de'), ['/', '/applications/to-approve', '/cases', '/admin/users', '/admin/roles', '/admin/audit', '/admin/projects']],
    [demoUser('me_officer'), ['/']],
    [demoUser('finance_officer', 'finance'), ['/', '/finance/rates', '/finance/budgets']],
    [demoUser('programme_manager', 'programme'), ['/finance/budgets']],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    findings.push(...(await auditPages(page, user, [...paths])));
    await context.close();
  }
  expect(report(findings)).toBe('');
});

test('the origin office’s pages, in Arabic, have no accessibility violation', async ({ page }) => {
  const user = demoUser('office_manager', 'manager.iq');
  const findings = await auditPages(page, user, ['/', '/handovers/incoming', '/cases', '/providers']);
  const api = await apiOf(page);
  // The package of the first incoming handover, and its accept dialog while it waits for an answer.
  const incoming = (await api.post('/api/handovers/incoming/search', { pageSize: 1 })).items as { status: string }[];
  if (incoming[0]) {
    await page.goto('/handovers/incoming');
    await page.getByRole('table').first().getByRole('row').nth(1).getByRole('button').first().click();
    const pkg = page.locator('section[aria-labelledby="pkg-title"]');
    await expect(pkg.getByRole('heading', { level: 3 }).first()).toBeVisible();
    findings.push(...(await audit(page, 'origin office handover package')));
    if (incoming[0].status === 'pending') {
      await pkg.getByRole('button').last().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      findings.push(...(await audit(page, 'origin office accept dialog')));
      await page.keyboard.press('Escape');
    }
  }
  const list = await api.post('/api/cases/search', { pageSize: 1 });
  const first = (list.items as { id: string }[])[0];
  if (first) findings.push(...(await auditCaseTabs(page, first.id, 'origin office')));
  expect(report(findings)).toBe('');
});

test('the service provider registry, a provider opened, its form and the suspension dialog have no accessibility violation', async ({ page }) => {
  const findings = await auditPages(page, demoUser('reintegration_officer', 'reintegration.ng'), ['/providers']);
  await page.getByRole('button', { name: 'Open Lagos Skills Acquisition Centre' }).click();
  const details = page.getByRole('region', { name: 'Lagos Skills Acquisition Centre' });
  await details.getByRole('button', { name: /^Reveal the payment details/ }).click();
  await expect(details.getByRole('button', { name: 'Hide' })).toBeVisible();
  findings.push(...(await audit(page, 'provider opened, payment details shown')));
  await details.getByRole('button', { name: 'Suspend' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  findings.push(...(await audit(page, 'provider suspension dialog')));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  await details.getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  findings.push(...(await audit(page, 'provider form')));
  expect(report(findings)).toBe('');
});

test('the reintegration plan, its component form and the delivery dialog, in English and in Arabic, have no accessibility violation', async ({ browser }) => {
  const findings: Finding[] = [];
  for (const user of [demoUser('reintegration_officer', 'reintegration.iq'), demoUser('office_manager', 'manager.iq')]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, user);
    const api = await apiOf(page);
    for (const stage of ['arrived', 'reintegration']) {
      const items = (await api.post('/api/cases/search', { stage: [stage], pageSize: 50 })).items as { id: string }[];
      for (const item of items) {
        const plan = await api.get(`/api/cases/${item.id}/reintegration-plan`);
        if (!(stage === 'arrived' ? plan.draft : plan.approved)) continue;
        await page.goto(`/cases/${item.id}?tab=reintegration`);
        const panel = page.getByRole('tabpanel');
        await expect(panel.getByRole('table').first()).toBeVisible();
        findings.push(...(await audit(page, `${user.role} reintegration plan (${stage})`)));
        if (plan.editable) {
          // The first button of the plan's table of components: edit a component of the draft, or a
          // delivery step (the entitlement and budget check above it is a table without buttons).
          await panel.getByRole('table').filter({ has: page.getByRole('button') }).first().getByRole('button').first().click();
          await expect(page.getByRole('dialog')).toBeVisible();
          findings.push(...(await audit(page, `${user.role} reintegration dialog (${stage})`)));
          await page.keyboard.press('Escape');
        }
        break;
      }
    }
    await context.close();
  }
  expect(report(findings)).toBe('');
});

test('the home pages of each role, the open notification list and the choice of cases to reassign have no accessibility violation', async ({ browser }) => {
  const findings: Finding[] = [];
  for (const user of [demoUser('reintegration_officer', 'reintegration.iq'), demoUser('programme_manager'), demoUser('partner_caseworker', 'partner.srn')]) {
    const context = await browser.newContext();
    findings.push(...(await auditPages(await context.newPage(), user, ['/'])));
    await context.close();
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, demoUser('office_manager', 'manager.de'));
  await page.getByTestId('caseload').getByRole('button', { name: 'Show cases of Lena Hoffmann' }).click();
  await expect(page.getByRole('checkbox', { name: 'Choose every row shown' })).toBeVisible();
  findings.push(...(await audit(page, 'manager cases to reassign')));
  await page.getByTestId('notification-bell').click();
  await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
  findings.push(...(await audit(page, 'manager notifications')));
  await context.close();
  expect(report(findings)).toBe('');
});

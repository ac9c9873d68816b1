import { addAttachment, loadMembers } from '../../modules/cases/index.js';
import { decideApplication, recordDecision, setTravelling, submitApplication, withdrawCase } from '../../modules/decisions/index.js';
import type { Db } from '../../platform/db.js';
import type { DemoMove } from './demo-context.js';
import { Random } from './random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A one-page PDF: the scanned declaration the household signed. */
const declarationPdf = (caseNumber: string, day: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n` +
      `% Declaration of informed and voluntary return, case ${caseNumber}, signed ${day}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );

const GUARDIANS = ['Petra Neumann', 'Marc Lambert', 'Anke de Jong', 'Thomas Berger', 'Claire Dubois'];
const REPRESENTATIVES = ['Ingrid Vos (legal representative)', 'Samuel Adeyemi (legal representative)', 'Julia Richter (court-appointed representative)'];

const caseRandom = (m: DemoMove, salt: number) => new Random((m.plan.createdAt.getTime() / MINUTE) ^ salt);

const versionOf = async (db: Db, caseId: string) =>
  (await db.selectFrom('return_case').select(['version', 'case_number']).where('id', '=', caseId).executeTakeFirstOrThrow());

const isChildOn = (birthDate: string | null, day: string) => {
  if (!birthDate) return false;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (mo < bm || (mo === bm && d < bd) ? 1 : 0) < 18;
};

/**
 * The decisions of a household, recorded shortly before the step: a spouse or relative sometimes
 * stays behind; the signed declaration is attached; children decide through their parent or a
 * guardian; the last decision moves the case to decision_recorded.
 */
export async function demoDecision(m: DemoMove) {
  const r = caseRandom(m, 0x5eed);
  const counsellor = m.actor('counsel', 'decision.record');
  const start = new Date(Math.max(m.previousAt.getTime() + MINUTE, m.at.getTime() - 3 * HOUR));
  const members = await loadMembers(m.db, m.caseId);
  const principal = members.find((x) => x.relationship === 'principal') ?? members[0]!;

  // Some households have a member who stays: an adult relative with a right to stay, say.
  const adults = members.filter((x) => x !== principal && x.relationship !== 'child' && x.relationship !== 'stepchild');
  if (adults.length && r.chance(0.25)) {
    const stays = r.pick(adults);
    if (stays.travelling) {
      const caseworker = m.actor('case', 'case.update');
      const { version } = await versionOf(m.db, m.caseId);
      await setTravelling({ caseId: m.caseId, personId: stays.person_id, expectedVersion: version, travelling: false }, { actor: caseworker, db: m.db, clock: m.clockAt(start) });
    }
  }

  const travelling = (await loadMembers(m.db, m.caseId)).filter((x) => x.travelling);
  const decidedOn = new Date(m.at.getTime() - 2 * HOUR).toISOString().slice(0, 10);
  const { case_number } = await versionOf(m.db, m.caseId);
  const declaration = await addAttachment(
    { caseId: m.caseId, file: { fileName: `declaration-${case_number}.pdf`, content: declarationPdf(case_number, decidedOn), description: 'Signed declaration of informed and voluntary return' } },
    { actor: counsellor, db: m.db, clock: m.clockAt(new Date(start.getTime() + MINUTE)) },
  );
  const step = Math.max(1, Math.floor((m.at.getTime() - start.getTime() - 2 * MINUTE) / travelling.length));
  for (const [i, member] of travelling.entries()) {
    const last = i === travelling.length - 1;
    const at = last ? m.at : new Date(start.getTime() + 2 * MINUTE + i * step);
    const child = isChildOn(member.birth_date, decidedOn);
    const representative = !child && member.relationship === 'parent' && r.chance(0.3);
    const decidedBy = child ? 'guardian' : representative ? 'representative' : 'self';
    const representativeName = child
      ? m.plan.uam || member === principal ? r.pick(GUARDIANS) : `${principal.given_name} ${principal.family_name}`
      : representative ? r.pick(REPRESENTATIVES) : null;
    const language = member.languages?.[0] ?? principal.languages?.[0] ?? 'en';
    const { version } = await versionOf(m.db, m.caseId);
    await recordDecision({ caseId: m.caseId, expectedVersion: version, decision: {
      personId: member.person_id, decidedOn, decidedBy, representativeName, language, informationUnderstood: true, noPressure: true,
      declarationAttachmentId: declaration.id, counsellorId: counsellor.userId,
    } }, { actor: counsellor, db: m.db, clock: m.clockAt(at) });
  }
}

/** The caseworker submits; the office manager, another person, approves or rejects with the plan's reason. */
export async function demoApplication(m: DemoMove) {
  const { version } = await versionOf(m.db, m.caseId);
  const clock = m.clockAt(m.at);
  if (m.to === 'application_submitted') {
    await submitApplication({ caseId: m.caseId, expectedVersion: version }, { actor: m.actor('case', 'application.submit'), db: m.db, clock });
    return;
  }
  const approver = m.actor('manage', 'case.approve');
  const outcome = m.to === 'approved' ? 'approved' : 'rejected';
  await decideApplication({ caseId: m.caseId, expectedVersion: version, outcome, reason: m.reason ?? null }, { actor: approver, db: m.db, clock });
}

/** The returnee withdraws, with the reason the plan gives. */
export async function demoWithdrawal(m: DemoMove) {
  const { version } = await versionOf(m.db, m.caseId);
  await withdrawCase({ caseId: m.caseId, expectedVersion: version, reason: m.reason ?? null }, { actor: m.actor('case', 'case.transition'), db: m.db, clock: m.clockAt(m.at) });
}

import { communityProjectBody, sessionBody, trainingBody } from '../../../shared/schemas/community.js';
import { communityDisbursementBody, disbursementBody, scheduleBody, type ConditionInput } from '../../../shared/schemas/payments.js';
import { providerBody } from '../../../shared/schemas/providers.js';
import type { Actor } from '../../platform/actor.js';
import { addAttachment } from '../../modules/cases/index.js';
import { addSession, createCommunityProject, createTraining, enrol, linkReturnee, recordAttendance, setCompletion } from '../../modules/community/index.js';
import { convertMinor, rateOn } from '../../modules/finance/index.js';
import {
  addCommunityReceipt, addReceipt, approveDisbursement, decideCommunityDisbursement, meetCondition, recordCommunityDisbursement, recordDisbursementUseCase,
  releaseTranche, reverseDisbursementUseCase, setSchedule, setThreshold, setUnsafeArea,
} from '../../modules/payments/index.js';
import { createProvider } from '../../modules/providers/index.js';
import type { DemoCapability } from './demo-context.js';
import { financeOfficer } from './demo-finance.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** A one-pixel PNG: the photo of a receipt. */
const RECEIPT_PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1e9a8d60000000049454e44ae426082', 'hex');
const receiptPdf = (what: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Receipt: ${what}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** Approval thresholds of the origin offices, in US dollars (minor units). */
const THRESHOLDS: [string, number][] = [['IQ', 25_000], ['NG', 30_000], ['AF', 20_000], ['BR', 50_000], ['LK', 30_000], ['EC', 40_000]];
/** Providers of the origin offices that had none. */
const PROVIDERS: { office: string; name: string; kind: string; place: string; services: string[] }[] = [
  { office: 'AF', name: 'Kabul Women’s Enterprise Centre', kind: 'training_centre', place: 'Kabul', services: ['vocational_training', 'business_setup'] },
  { office: 'BR', name: 'Cooperativa Mãos Unidas', kind: 'ngo', place: 'Belo Horizonte', services: ['business_setup', 'psychosocial'] },
  { office: 'LK', name: 'Colombo Technical Skills Institute', kind: 'training_centre', place: 'Colombo', services: ['vocational_training'] },
  { office: 'EC', name: 'Ferretería El Progreso', kind: 'supplier', place: 'Quito', services: ['business_setup'] },
];

/**
 * Payments of reintegration assistance once every case is walked: approval thresholds of the origin
 * offices, a group training (business development, basic) at the Iraq office with sessions,
 * attendance and completions; tranches of the cash allowance of cases in reintegration (one case
 * unsafe to revisit, with one tranche), conditions met by named staff (one by a completion of the
 * training), payments in US dollars, euros and the local currency at the stored rates, receipts,
 * one payment awaiting approval and one reversed; and two community projects with partners,
 * beneficiaries, linked returnees and payments.
 */
export const paymentsDemo: DemoCapability = {
  name: 'payments',
  async finish({ db, cipher, actorOf, officeId, clockAt, end }) {
    const ctxAt = (actor: Actor, at: Date) => ({ actor, db, cipher, clock: clockAt(at) });
    const finance = await financeOfficer(db);
    const start = new Date(end.getTime() - 40 * DAY);
    for (const [prefix, amountMinor] of THRESHOLDS) {
      await setThreshold({ officeId: officeId(prefix), threshold: { amountMinor, currency: 'USD' } }, ctxAt(finance, start));
    }
    for (const p of PROVIDERS) {
      await createProvider(providerBody.parse({ name: p.name, kind: p.kind, countryCode: p.office, place: p.place, services: p.services }), ctxAt(actorOf(p.office, 'reintegrate', 'provider.manage'), start));
    }

    // The group training at the Iraq office.
    const iqOfficer = actorOf('IQ', 'reintegrate', 'community.manage');
    const centre = await db.selectFrom('service_provider').select('id').where('name', '=', 'Baghdad Vocational Training Centre').executeTakeFirstOrThrow();
    const training = await createTraining(trainingBody.parse({ title: 'Business development (basic)', kind: 'business_basic', providerId: centre.id }), ctxAt(iqOfficer, start));
    const sessionDays = [0, 2, 4, 7, 9].map((d) => new Date(start.getTime() + (d + 1) * DAY));
    for (const d of sessionDays) await addSession({ id: training.id, session: sessionBody.parse({ heldOn: day(d), startsAt: '09:30', durationMinutes: 180, place: 'Baghdad Vocational Training Centre, hall 2' }) }, ctxAt(iqOfficer, start));

    // Cases in reintegration with an approved plan, in the order of their numbers (deterministic).
    const cases = await db.selectFrom('return_case as c').innerJoin('reintegration_plan_version as v', (j) => j.onRef('v.case_id', '=', 'c.id').on('v.status', '=', 'approved'))
      .innerJoin('office as o', 'o.id', 'c.origin_office_id')
      .select(['c.id', 'c.case_number', 'c.principal_person_id', 'c.country_of_return', 'v.id as version_id'])
      .where('c.stage', '=', 'reintegration').orderBy('c.case_number').execute();
    const iqCases = cases.filter((c) => c.country_of_return === 'IQ').slice(0, 3);
    // Enrolled: the principal applicants of three Iraq cases; the first completes it and meets the condition of their tranche.
    for (const c of iqCases) await enrol({ id: training.id, caseId: c.id, personId: c.principal_person_id }, ctxAt(iqOfficer, start));
    for (const [i, d] of sessionDays.entries()) {
      await recordAttendance({ id: training.id, sessionId: (await db.selectFrom('group_training_session').select('id').where('training_id', '=', training.id).where('held_on', '=', day(d)).executeTakeFirstOrThrow()).id,
        attendance: iqCases.map((c, k) => ({ personId: c.principal_person_id, present: k === 0 || (k === 1 && i < 4) || (k === 2 && i < 2) })) }, ctxAt(iqOfficer, new Date(d.getTime() + 4 * 60 * MINUTE)));
    }

    const chosen = [...iqCases.slice(0, 1), ...cases.filter((c) => c.country_of_return !== 'IQ' || !iqCases.slice(0, 1).includes(c)).slice(0, 7)];
    for (const [k, c] of chosen.entries()) {
      const prefix = c.country_of_return === 'EC' || THRESHOLDS.some(([p]) => p === c.country_of_return) ? c.country_of_return : 'IQ';
      const officer = actorOf(prefix, 'reintegrate', 'reintegration.plan');
      const manager = actorOf(prefix, 'manage', 'disbursement.approve');
      const at = (n: number) => new Date(start.getTime() + 12 * DAY + k * DAY + n * 10 * MINUTE);
      const cash = await db.selectFrom('reintegration_component').select(['id', 'amount_minor', 'currency']).where('version_id', '=', c.version_id).where('type', '=', 'cash_allowance').executeTakeFirst();
      if (!cash) continue;
      const unsafe = k === 2;
      if (unsafe) await setUnsafeArea({ caseId: c.id, change: { unsafe: true, reason: 'Armed clashes reported near the home village; staff do not travel there.' } }, ctxAt(officer, at(0)));
      const trains = c.id === iqCases[0]?.id;
      const firstConditions: ConditionInput[] = trains ? [{ kind: 'training_attended', trainingId: training.id }] : [{ kind: 'other', text: 'Bank account opened' }];
      const firstMinor = unsafe ? cash.amount_minor : Math.floor((cash.amount_minor * 6) / 10);
      const tranches = [{ amountMinor: firstMinor, currency: cash.currency, dueOn: day(at(1)), conditions: firstConditions }];
      if (!unsafe) tranches.push({ amountMinor: cash.amount_minor - firstMinor, currency: cash.currency, dueOn: day(new Date(at(1).getTime() + 30 * DAY)), conditions: [{ kind: 'receipts_previous_tranche' }] });
      const view = await setSchedule({ caseId: c.id, componentId: cash.id, schedule: scheduleBody.parse({ tranches }) }, ctxAt(officer, at(1)));
      const first = view.components.find((x) => x.id === cash.id)!.tranches[0]!;
      if (trains) {
        // The completion meets the condition by itself.
        await setCompletion({ id: training.id, personId: c.principal_person_id, completion: 'completed' }, ctxAt(iqOfficer, at(2)));
        if (iqCases[2]) await setCompletion({ id: training.id, personId: iqCases[2].principal_person_id, completion: 'not_completed' }, ctxAt(iqOfficer, at(2)));
      } else {
        for (const cond of first.conditions) await meetCondition({ caseId: c.id, trancheId: first.id, conditionId: cond.id, note: 'Bank statement seen at the office.' }, ctxAt(officer, at(2)));
      }
      await releaseTranche({ caseId: c.id, trancheId: first.id }, ctxAt(officer, at(3)));
      // Paid in US dollars, euros or the component's currency, at the rate of the day; a little under the tranche.
      const paidIn = ['USD', 'EUR', cash.currency][k % 3]!;
      const paidOn = day(at(4));
      const rate = paidIn === cash.currency ? null : await rateOn(db, cash.currency, paidIn, paidOn);
      const amountMinor = Math.floor(((rate ? convertMinor(firstMinor, cash.currency, paidIn, rate.rate) : firstMinor) * 9) / 10);
      const payer = k % 2 ? finance : officer;
      const paid = await recordDisbursementUseCase({
        caseId: c.id, requestKey: `demo-disbursement-${c.case_number}-1`,
        input: disbursementBody.parse({ trancheId: first.id, recipient: 'returnee', method: paidIn === cash.currency ? 'cash' : 'bank_transfer', amountMinor, currency: paidIn, paidOn, reference: `PAY-${c.case_number}-1` }),
      }, ctxAt(payer, at(4)));
      let status = paid.view.status;
      if (status === 'awaiting_approval' && k !== 1) status = (await approveDisbursement({ caseId: c.id, disbursementId: paid.view.id }, ctxAt(payer === finance ? manager : finance, at(5)))).status;
      if (status !== 'paid') continue;
      if (k === 3) {
        await reverseDisbursementUseCase({ caseId: c.id, disbursementId: paid.view.id, reason: 'Paid to the wrong account number; the bank returned the transfer.' }, ctxAt(manager, at(6)));
        continue;
      }
      const pdf = k % 2 === 0;
      const file = await addAttachment({ caseId: c.id, file: { fileName: pdf ? `receipt-${c.case_number}.pdf` : `receipt-${c.case_number}.png`, content: pdf ? receiptPdf(`case ${c.case_number}, ${paidOn}`) : RECEIPT_PNG, description: 'Receipt signed by the returnee' } }, ctxAt(officer, at(6)));
      await addReceipt({ caseId: c.id, disbursementId: paid.view.id, attachmentId: file.id }, ctxAt(officer, at(6)));
    }

    // Two community projects, with partners, beneficiaries, linked returnees and payments.
    const projects = [
      { prefix: 'IQ', title: 'Community bakery in Mosul', place: 'Mosul', currency: 'USD', budgetMinor: 2_500_000, partners: [{ name: 'Mosul Women’s Association' }, { providerId: centre.id }],
        beneficiaries: { returneesFemale: 4, returneesMale: 3, returneesOther: 0, communityFemale: 14, communityMale: 9, communityOther: 0 }, pay: { amountMinor: 4_200_000_000, currency: 'IQD', partner: 'Mosul Women’s Association' } },
      { prefix: 'NG', title: 'Solar-powered cold store, Benin City market', place: 'Benin City', currency: 'EUR', budgetMinor: 1_800_000, partners: [{ name: 'Oba Market Traders Union' }],
        beneficiaries: { returneesFemale: 6, returneesMale: 5, returneesOther: 1, communityFemale: 20, communityMale: 18, communityOther: 0 }, pay: { amountMinor: 120_000_000, currency: 'NGN', partner: 'Oba Market Traders Union' } },
    ];
    for (const [i, p] of projects.entries()) {
      const officer = actorOf(p.prefix, 'reintegrate', 'community.manage');
      const at = (n: number) => new Date(start.getTime() + (20 + i) * DAY + n * 10 * MINUTE);
      const created = await createCommunityProject(communityProjectBody.parse({
        title: p.title, countryCode: p.prefix, place: p.place, budgetMinor: p.budgetMinor, currency: p.currency, partners: p.partners,
        startsOn: day(start), endsOn: day(new Date(start.getTime() + 240 * DAY)), beneficiaries: p.beneficiaries,
      }), ctxAt(officer, at(0)));
      for (const c of cases.filter((x) => x.country_of_return === p.prefix).slice(0, 3)) await linkReturnee({ id: created.id, caseId: c.id }, ctxAt(officer, at(1)));
      const recorder = actorOf(p.prefix, 'reintegrate', 'disbursement.record');
      const paid = await recordCommunityDisbursement({
        projectId: created.id, requestKey: `demo-community-${i}-1`,
        input: communityDisbursementBody.parse({ recipient: 'partner', partnerName: p.pay.partner, method: 'bank_transfer', amountMinor: p.pay.amountMinor, currency: p.pay.currency, paidOn: day(at(2)), reference: `CP-${i + 1}-001` }),
      }, ctxAt(recorder, at(2)));
      const approved = paid.view.status === 'awaiting_approval' ? await decideCommunityDisbursement({ projectId: created.id, disbursementId: paid.view.id, decision: 'approved' }, ctxAt(actorOf(p.prefix, 'manage', 'disbursement.approve'), at(3))) : paid.view;
      if (approved.status === 'paid') await addCommunityReceipt({ projectId: created.id, disbursementId: paid.view.id, receipt: { fileName: `invoice-cp-${i + 1}.pdf`, content: receiptPdf(p.title) } }, ctxAt(recorder, at(4)));
      // A second payment, to the first partner, waits for the manager's approval.
      if (i === 0) {
        await recordCommunityDisbursement({
          projectId: created.id, requestKey: `demo-community-${i}-2`,
          input: communityDisbursementBody.parse({ recipient: 'partner', partnerName: p.pay.partner, method: 'bank_transfer', amountMinor: 350_000, currency: 'USD', paidOn: day(at(5)), reference: `CP-${i + 1}-002`, note: 'Oven and proofing cabinet.' }),
        }, ctxAt(recorder, at(5)));
      }
    }
  },
};

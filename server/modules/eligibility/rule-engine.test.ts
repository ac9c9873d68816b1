import { describe, expect, it } from 'vitest';
import type { Criteria, Entitlements } from '../../../shared/schemas/eligibility.js';
import { computeEntitlement, evaluate, evaluateCriteria, factsHash, monthsBetween, yearsBetween, type CaseFacts } from './rule-engine.js';

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  checkDate: '2026-03-02',
  legalStatus: 'asylum_rejected',
  countryOfReturn: 'IQ',
  hostCountry: 'DE',
  registeredOn: '2026-01-15',
  hostArrivalDate: '2022-06-01',
  members: [
    { personId: 'p1', name: 'Ali', relationship: 'principal', isPrincipal: true, travelling: true, birthDate: '1988-04-12', nationality: 'IQ' },
    { personId: 'p2', name: 'Sara', relationship: 'spouse', isPrincipal: false, travelling: true, birthDate: '1990-01-01', nationality: 'IQ' },
    { personId: 'p3', name: 'Omar', relationship: 'child', isPrincipal: false, travelling: true, birthDate: '2015-05-05', nationality: 'IQ' },
  ],
  vulnerabilities: [],
  previousDepartures: [],
  ...over,
});
const one = (criteria: Criteria, f = facts()) => {
  const results = evaluateCriteria(criteria, f);
  expect(results).toHaveLength(1);
  return results[0];
};

describe('date arithmetic', () => {
  it('counts whole years and months', () => {
    expect(yearsBetween('1988-04-12', '2026-04-11')).toBe(37);
    expect(yearsBetween('1988-04-12', '2026-04-12')).toBe(38);
    expect(monthsBetween('2025-09-15', '2026-03-14')).toBe(5);
    expect(monthsBetween('2025-09-15', '2026-03-15')).toBe(6);
  });
});

describe('criteria', () => {
  it('reports nothing for rules without criteria: eligible', () => {
    expect(evaluateCriteria({}, facts())).toEqual([]);
    expect(evaluate({ criteria: {}, entitlements: { currency: 'EUR', components: [] } }, facts()).outcome).toBe('eligible');
  });
  it('legal status', () => {
    expect(one({ legalStatuses: ['asylum_rejected', 'irregular_stay'] })).toMatchObject({ passed: true, code: 'legalStatus.allowed' });
    expect(one({ legalStatuses: ['regular_stay'] })).toMatchObject({ passed: false, code: 'legalStatus.notAllowed', params: { status: 'asylum_rejected', allowed: 'regular_stay' } });
  });
  it('nationality allowed and excluded', () => {
    expect(one({ nationalitiesAllowed: ['IQ', 'SY'] })).toMatchObject({ passed: true, code: 'nationality.allowed' });
    expect(one({ nationalitiesAllowed: ['AF'] })).toMatchObject({ passed: false, code: 'nationality.notAllowed', params: { nationality: 'IQ' } });
    expect(one({ nationalitiesExcluded: ['IQ'] })).toMatchObject({ passed: false, code: 'nationality.excluded' });
    const noNationality = facts({ members: facts().members.map((m) => ({ ...m, nationality: null })) });
    expect(one({ nationalitiesExcluded: ['SY'] }, noNationality)).toMatchObject({ passed: false, code: 'nationality.unknown' });
  });
  it('country of return', () => {
    expect(one({ returnCountries: ['IQ', 'AF'] })).toMatchObject({ passed: true, code: 'countryOfReturn.covered' });
    expect(one({ returnCountries: ['AF'] })).toMatchObject({ passed: false, code: 'countryOfReturn.notCovered', params: { country: 'IQ', allowed: 'AF' } });
  });
  it('age of the principal applicant at the check date', () => {
    expect(one({ principalAge: { min: 18, max: 37 } })).toMatchObject({ passed: true, params: { age: 37 } });
    expect(one({ principalAge: { min: 18, max: 36 } })).toMatchObject({ passed: false, code: 'principalAge.tooOld', params: { age: 37, max: 36 } });
    expect(one({ principalAge: { min: 40, max: null } })).toMatchObject({ passed: false, code: 'principalAge.tooYoung' });
    expect(one({ principalAge: { min: 18, max: 37 } }, facts({ checkDate: '2026-04-12' }))).toMatchObject({ passed: false, code: 'principalAge.tooOld', params: { age: 38 } });
    expect(one({ principalAge: { min: 18, max: null } }, facts({ members: [{ ...facts().members[0], birthDate: null }] }))).toMatchObject({ passed: false, code: 'principalAge.unknown' });
  });
  it('vulnerability: any, or one of the required categories', () => {
    expect(one({ vulnerability: { mode: 'any', categories: [] } })).toMatchObject({ passed: false, code: 'vulnerability.none' });
    const vulnerable = facts({ vulnerabilities: [{ personId: 'p2', category: 'medical_physical' }] });
    expect(one({ vulnerability: { mode: 'any', categories: [] } }, vulnerable)).toMatchObject({ passed: true, code: 'vulnerability.present' });
    expect(one({ vulnerability: { mode: 'categories', categories: ['medical_physical', 'disability'] } }, vulnerable)).toMatchObject({ passed: true });
    expect(one({ vulnerability: { mode: 'categories', categories: ['pregnant'] } }, vulnerable)).toMatchObject({ passed: false, code: 'vulnerability.notListed', params: { found: 'medical_physical', required: 'pregnant' } });
  });
  it('arrival in the host country before or after a date', () => {
    expect(one({ arrivedAfter: '2022-01-01', arrivedBefore: '2023-01-01' })).toMatchObject({ passed: true, code: 'arrival.within' });
    expect(one({ arrivedAfter: '2022-06-01' })).toMatchObject({ passed: false, code: 'arrival.tooEarly' });
    expect(one({ arrivedBefore: '2022-06-01' })).toMatchObject({ passed: false, code: 'arrival.tooLate' });
    expect(one({ arrivedBefore: '2022-06-01' }, facts({ hostArrivalDate: null }))).toMatchObject({ passed: false, code: 'arrival.unknown' });
  });
  it('minimum stay', () => {
    expect(one({ minimumStayMonths: 12 })).toMatchObject({ passed: true, code: 'minimumStay.enough', params: { months: 45 } });
    expect(one({ minimumStayMonths: 12 }, facts({ hostArrivalDate: '2025-06-01' }))).toMatchObject({ passed: false, code: 'minimumStay.tooShort', params: { months: 9, required: 12 } });
    expect(one({ minimumStayMonths: 12 }, facts({ hostArrivalDate: null }))).toMatchObject({ passed: false, code: 'minimumStay.unknown' });
  });
  it('application window', () => {
    expect(one({ registeredFrom: '2026-01-01', registeredUntil: '2026-12-31' })).toMatchObject({ passed: true, code: 'applicationWindow.inside' });
    expect(one({ registeredFrom: '2026-02-01' })).toMatchObject({ passed: false, code: 'applicationWindow.outside', params: { date: '2026-01-15' } });
  });
  it('previous assistance: never, or not within N years', () => {
    expect(one({ previousAssistance: { mode: 'never', years: null } })).toMatchObject({ passed: true, code: 'previousAssistance.none' });
    const returnedBefore = facts({ previousDepartures: [{ personId: 'p2', departedOn: '2023-05-01' }] });
    expect(one({ previousAssistance: { mode: 'never', years: null } }, returnedBefore)).toMatchObject({ passed: false, code: 'previousAssistance.found' });
    expect(one({ previousAssistance: { mode: 'withinYears', years: 5 } }, returnedBefore)).toMatchObject({ passed: false, code: 'previousAssistance.recent', params: { years: 5 } });
    expect(one({ previousAssistance: { mode: 'withinYears', years: 2 } }, returnedBefore)).toMatchObject({ passed: true, code: 'previousAssistance.longAgo' });
  });
  it('household composition: size and minors without an adult', () => {
    expect(one({ maxMembers: 3 })).toMatchObject({ passed: true });
    expect(one({ maxMembers: 2 })).toMatchObject({ passed: false, code: 'householdSize.tooMany', params: { count: 3, max: 2 } });
    const staying = facts({ members: facts().members.map((m) => (m.personId === 'p3' ? { ...m, travelling: false } : m)) });
    expect(one({ maxMembers: 2 }, staying)).toMatchObject({ passed: true });
    expect(one({ unaccompaniedMinorsAccepted: false })).toMatchObject({ passed: true, code: 'unaccompaniedMinors.none' });
    const childAlone = facts({ members: [{ ...facts().members[2], isPrincipal: true }] });
    expect(one({ unaccompaniedMinorsAccepted: false }, childAlone)).toMatchObject({ passed: false, code: 'unaccompaniedMinors.present' });
    expect(evaluateCriteria({ unaccompaniedMinorsAccepted: true }, childAlone)).toEqual([]);
  });
  it('is ineligible when any criterion fails, with a reason for each', () => {
    const r = evaluate({ criteria: { legalStatuses: ['asylum_rejected'], returnCountries: ['AF'] }, entitlements: { currency: 'EUR', components: [] } }, facts());
    expect(r.outcome).toBe('ineligible');
    expect(r.criteria.map((c) => [c.criterion, c.passed])).toEqual([['legalStatus', true], ['countryOfReturn', false]]);
  });
});

const comp = (over: Partial<Entitlements['components'][number]>): Entitlements['components'][number] => ({
  component: 'reintegration_cash', perPersonMinor: null, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [], ...over,
});

describe('entitlements', () => {
  it('pays per adult and per child (under 18), per member and for the household', () => {
    const e = computeEntitlement({ currency: 'EUR', components: [comp({ perAdultMinor: 100000, perChildMinor: 50000 })] }, facts());
    expect(e.components[0].members.map((m) => [m.personId, m.child, m.amountMinor])).toEqual([['p1', false, 100000], ['p2', false, 100000], ['p3', true, 50000]]);
    expect(e.householdTotalMinor).toBe(250000);
    expect(e.members.map((m) => m.amountMinor)).toEqual([100000, 100000, 50000]);
  });
  it('applies the household cap and shares it between members', () => {
    const e = computeEntitlement({ currency: 'EUR', components: [comp({ perAdultMinor: 100000, perChildMinor: 50000, householdCapMinor: 200000 })] }, facts());
    expect(e.components[0]).toMatchObject({ beforeCapMinor: 250000, capMinor: 200000, capped: true, totalMinor: 200000 });
    expect(e.components[0].members.map((m) => m.amountMinor)).toEqual([80000, 80000, 40000]);
    const odd = computeEntitlement({ currency: 'EUR', components: [comp({ perPersonMinor: 100, householdCapMinor: 200 })] }, facts());
    expect(odd.components[0].members.map((m) => m.amountMinor).reduce((a, b) => a + b, 0)).toBe(200);
  });
  it('uses the per-country override for the country of return', () => {
    const rules: Entitlements = { currency: 'EUR', components: [comp({ perPersonMinor: 1000, overrides: [{ country: 'IQ', perPersonMinor: 3000, perAdultMinor: null, perChildMinor: null, householdCapMinor: 5000 }] })] };
    const iq = computeEntitlement(rules, facts());
    expect(iq.components[0]).toMatchObject({ country: 'IQ', beforeCapMinor: 9000, totalMinor: 5000, capped: true });
    const af = computeEntitlement(rules, facts({ countryOfReturn: 'AF' }));
    expect(af.components[0]).toMatchObject({ country: null, totalMinor: 3000, capped: false });
  });
  it('counts only travelling members', () => {
    const staying = facts({ members: facts().members.map((m) => (m.personId === 'p2' ? { ...m, travelling: false } : m)) });
    const e = computeEntitlement({ currency: 'EUR', components: [comp({ perPersonMinor: 1000 })] }, staying);
    expect(e.members.map((m) => m.personId)).toEqual(['p1', 'p3']);
    expect(e.householdTotalMinor).toBe(2000);
  });
  it('expresses travel only: nothing beyond travel', () => {
    const e = computeEntitlement({ currency: 'EUR', components: [comp({ component: 'travel', perPersonMinor: 0 })] }, facts());
    expect(e.components.map((c) => c.component)).toEqual(['travel']);
    expect(e.householdTotalMinor).toBe(0);
  });
});

describe('facts hash', () => {
  it('changes with a relevant fact, not with the day or a name', () => {
    const base = factsHash(facts());
    expect(factsHash(facts({ checkDate: '2026-05-01' }))).toBe(base);
    expect(factsHash(facts({ members: facts().members.map((m) => ({ ...m, name: m.name.toUpperCase() })) }))).toBe(base);
    expect(factsHash(facts({ members: facts().members.map((m) => (m.personId === 'p3' ? { ...m, birthDate: '2005-05-05' } : m)) }))).not.toBe(base);
    expect(factsHash(facts({ hostArrivalDate: '2022-06-02' }))).not.toBe(base);
    expect(factsHash(facts({ vulnerabilities: [{ personId: 'p1', category: 'elderly' }] }))).not.toBe(base);
  });
});

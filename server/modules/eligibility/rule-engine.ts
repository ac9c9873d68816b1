import { createHash } from 'node:crypto';
import type {
  ComponentEntitlement, Criteria, CriterionResult, Entitlements, EntitlementResult, MemberEntitlement,
} from '../../../shared/schemas/eligibility.js';

/** What a check is computed from: everything Homeward knows about the case that the rules look at. */
export interface CaseFacts {
  checkDate: string;
  legalStatus: string;
  countryOfReturn: string;
  hostCountry: string;
  registeredOn: string;
  hostArrivalDate: string | null;
  members: {
    personId: string;
    name: string;
    relationship: string;
    isPrincipal: boolean;
    travelling: boolean;
    birthDate: string | null;
    nationality: string | null;
  }[];
  /** Active vulnerabilities of the members. */
  vulnerabilities: { personId: string; category: string }[];
  /** Departures of any member in earlier cases. */
  previousDepartures: { personId: string; departedOn: string }[];
}

export const CHILD_UNDER = 18;
const NONE = '—';

/** Whole years between two ISO dates (age at a date). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}
/** Whole months between two ISO dates. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  if (td < fd) months -= 1;
  return months;
}
const addYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

const ageAt = (birthDate: string | null, at: string) => (birthDate ? yearsBetween(birthDate, at) : null);
/** A member without a known birth date counts as an adult. */
export const isChild = (birthDate: string | null, at: string) => {
  const age = ageAt(birthDate, at);
  return age !== null && age < CHILD_UNDER;
};
const list = (xs: readonly string[] | null | undefined) => (xs && xs.length ? xs.join(', ') : NONE);
const orNone = (x: string | number | null | undefined) => (x === null || x === undefined ? NONE : x);

/** Evaluates every criterion the rules set; criteria left empty are not reported. */
export function evaluateCriteria(criteria: Criteria, facts: CaseFacts): CriterionResult[] {
  const results: CriterionResult[] = [];
  const add = (criterion: CriterionResult['criterion'], passed: boolean, code: string, params: Record<string, string | number> = {}) =>
    results.push({ criterion, passed, code: `${criterion}.${code}`, params });
  const principal = facts.members.find((m) => m.isPrincipal) ?? facts.members[0];
  const travelling = facts.members.filter((m) => m.travelling);
  const at = facts.checkDate;

  if (criteria.legalStatuses?.length) {
    const ok = criteria.legalStatuses.includes(facts.legalStatus as never);
    add('legalStatus', ok, ok ? 'allowed' : 'notAllowed', { status: facts.legalStatus, allowed: list(criteria.legalStatuses) });
  }
  if (criteria.nationalitiesAllowed?.length || criteria.nationalitiesExcluded?.length) {
    const nationality = principal?.nationality ?? null;
    if (!nationality) add('nationality', false, 'unknown');
    else if (criteria.nationalitiesExcluded?.includes(nationality)) add('nationality', false, 'excluded', { nationality, excluded: list(criteria.nationalitiesExcluded) });
    else if (criteria.nationalitiesAllowed?.length && !criteria.nationalitiesAllowed.includes(nationality)) add('nationality', false, 'notAllowed', { nationality, allowed: list(criteria.nationalitiesAllowed) });
    else add('nationality', true, 'allowed', { nationality });
  }
  if (criteria.returnCountries?.length) {
    const ok = criteria.returnCountries.includes(facts.countryOfReturn);
    add('countryOfReturn', ok, ok ? 'covered' : 'notCovered', { country: facts.countryOfReturn, allowed: list(criteria.returnCountries) });
  }
  if (criteria.principalAge && (criteria.principalAge.min !== null || criteria.principalAge.max !== null)) {
    const { min, max } = criteria.principalAge;
    const age = ageAt(principal?.birthDate ?? null, at);
    if (age === null) add('principalAge', false, 'unknown', { min: orNone(min), max: orNone(max) });
    else if (min !== null && age < min) add('principalAge', false, 'tooYoung', { age, min });
    else if (max !== null && age > max) add('principalAge', false, 'tooOld', { age, max });
    else add('principalAge', true, 'within', { age, min: orNone(min), max: orNone(max) });
  }
  if (criteria.vulnerability) {
    const found = [...new Set(facts.vulnerabilities.map((v) => v.category))].sort();
    if (criteria.vulnerability.mode === 'any' || !criteria.vulnerability.categories.length) {
      add('vulnerability', found.length > 0, found.length ? 'present' : 'none', { found: list(found) });
    } else {
      const required = criteria.vulnerability.categories;
      const ok = found.some((c) => (required as readonly string[]).includes(c));
      add('vulnerability', ok, ok ? 'present' : 'notListed', { found: list(found), required: list(required) });
    }
  }
  if (criteria.arrivedAfter || criteria.arrivedBefore) {
    const date = facts.hostArrivalDate;
    const after = criteria.arrivedAfter ?? null;
    const before = criteria.arrivedBefore ?? null;
    if (!date) add('arrival', false, 'unknown', { after: orNone(after), before: orNone(before) });
    else if (after && date <= after) add('arrival', false, 'tooEarly', { date, after });
    else if (before && date >= before) add('arrival', false, 'tooLate', { date, before });
    else add('arrival', true, 'within', { date, after: orNone(after), before: orNone(before) });
  }
  if (criteria.minimumStayMonths) {
    const date = facts.hostArrivalDate;
    if (!date) add('minimumStay', false, 'unknown', { required: criteria.minimumStayMonths });
    else {
      const months = monthsBetween(date, at);
      add('minimumStay', months >= criteria.minimumStayMonths, months >= criteria.minimumStayMonths ? 'enough' : 'tooShort', { months, required: criteria.minimumStayMonths });
    }
  }
  if (criteria.registeredFrom || criteria.registeredUntil) {
    const date = facts.registeredOn;
    const from = criteria.registeredFrom ?? null;
    const until = criteria.registeredUntil ?? null;
    const ok = (!from || date >= from) && (!until || date <= until);
    add('applicationWindow', ok, ok ? 'inside' : 'outside', { date, from: orNone(from), until: orNone(until) });
  }
  if (criteria.previousAssistance) {
    const last = [...facts.previousDepartures].sort((a, b) => b.departedOn.localeCompare(a.departedOn))[0];
    const { mode, years } = criteria.previousAssistance;
    if (!last) add('previousAssistance', true, 'none');
    else if (mode === 'never') add('previousAssistance', false, 'found', { date: last.departedOn });
    else {
      const n = years ?? 1;
      const recent = addYears(last.departedOn, n) > at;
      add('previousAssistance', !recent, recent ? 'recent' : 'longAgo', { date: last.departedOn, years: n });
    }
  }
  if (criteria.maxMembers) {
    const count = travelling.length;
    add('householdSize', count <= criteria.maxMembers, count <= criteria.maxMembers ? 'within' : 'tooMany', { count, max: criteria.maxMembers });
  }
  if (criteria.unaccompaniedMinorsAccepted === false) {
    const minors = travelling.filter((m) => isChild(m.birthDate, at));
    const adults = travelling.filter((m) => !isChild(m.birthDate, at));
    const flagged = facts.vulnerabilities.some((v) => v.category === 'unaccompanied_child' || v.category === 'separated_child');
    const unaccompanied = flagged || (minors.length > 0 && adults.length === 0);
    add('unaccompaniedMinors', !unaccompanied, unaccompanied ? 'present' : 'none', { minors: minors.length });
  }
  return results;
}

/** Splits a capped total between members in proportion to their amounts; remainders go to the first. */
function distribute(amounts: number[], total: number): number[] {
  const sum = amounts.reduce((a, b) => a + b, 0);
  if (sum === 0) return amounts.map(() => 0);
  const shares = amounts.map((a) => Math.floor((a * total) / sum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0 && i < shares.length; i = (i + 1) % shares.length) {
    if (amounts[i] > 0) {
      shares[i] += 1;
      rest -= 1;
    }
  }
  return shares;
}

/** The entitlement of the travelling members: per component, per member, with the household caps applied. */
export function computeEntitlement(entitlements: Entitlements, facts: CaseFacts): EntitlementResult {
  const travelling = facts.members.filter((m) => m.travelling);
  const components: ComponentEntitlement[] = entitlements.components.map((c) => {
    const override = c.overrides.find((o) => o.country === facts.countryOfReturn) ?? null;
    const a = override ?? c;
    const raw = travelling.map((m) => {
      const child = isChild(m.birthDate, facts.checkDate);
      const amount = a.perPersonMinor ?? (child ? a.perChildMinor : a.perAdultMinor) ?? 0;
      return { personId: m.personId, name: m.name, child, amountMinor: amount };
    });
    const beforeCap = raw.reduce((s, m) => s + m.amountMinor, 0);
    const cap = a.householdCapMinor;
    const capped = cap !== null && beforeCap > cap;
    const shares = capped ? distribute(raw.map((m) => m.amountMinor), cap) : raw.map((m) => m.amountMinor);
    const members = raw.map((m, i) => ({ ...m, amountMinor: shares[i] }));
    return {
      component: c.component,
      country: override ? override.country : null,
      members,
      beforeCapMinor: beforeCap,
      capMinor: cap,
      capped,
      totalMinor: members.reduce((s, m) => s + m.amountMinor, 0),
    };
  });
  const members: MemberEntitlement[] = travelling.map((m) => ({
    personId: m.personId,
    name: m.name,
    child: isChild(m.birthDate, facts.checkDate),
    amountMinor: components.reduce((s, c) => s + (c.members.find((x) => x.personId === m.personId)?.amountMinor ?? 0), 0),
  }));
  return {
    currency: entitlements.currency,
    countryOfReturn: facts.countryOfReturn,
    components,
    members,
    householdTotalMinor: components.reduce((s, c) => s + c.totalMinor, 0),
  };
}

export function evaluate(rules: { criteria: Criteria; entitlements: Entitlements }, facts: CaseFacts) {
  const criteria = evaluateCriteria(rules.criteria, facts);
  return {
    outcome: criteria.every((c) => c.passed) ? ('eligible' as const) : ('ineligible' as const),
    criteria,
    entitlement: computeEntitlement(rules.entitlements, facts),
  };
}

const stable = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stable) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, stable(x)])) : v;

/**
 * The hash of the facts a decision depends on: the check date and names are left out, so that the
 * passing of days or a corrected spelling does not make a decision outdated.
 */
export function factsHash(facts: CaseFacts): string {
  const { checkDate: _date, members, ...rest } = facts;
  void _date;
  const relevant = { ...rest, members: members.map(({ name: _n, ...m }) => (void _n, m)) };
  return createHash('sha256').update(JSON.stringify(stable(relevant))).digest('hex');
}

/**
 * Seeded, deterministic generator of a synthetic AVRR caseload: offices, households, people,
 * identity documents and the stage history of each case. Only the ids are random (UUIDs); every
 * other value follows from the seed, so two runs with the same seed and N see the same data.
 */
import { randomUUID } from 'node:crypto';
import { nameKeys } from '../shared/names/name-keys.js';
import { CULTURES, NATIONALITIES, type Culture, type NameEntry } from './names.js';

// ---------------------------------------------------------------------------------------------
// PRNG (sfc32, seeded through splitmix32)

export class Rng {
  private a: number; private b: number; private c: number; private d: number;
  constructor(seed: number) {
    const mix = () => {
      seed = (seed + 0x9e3779b9) | 0;
      let z = seed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix(); this.b = mix(); this.c = mix(); this.d = mix();
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  range(lo: number, hi: number): number { return lo + this.int(hi - lo + 1); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(arr: readonly T[]): T { return arr[this.int(arr.length)]!; }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![0];
  }
}

// ---------------------------------------------------------------------------------------------
// Offices

export interface OfficeSpec {
  name: string; country: string; kind: 'host' | 'transit' | 'origin'; prefix: string; weight: number; users: number;
  /** Nationalities an office mostly sees; empty: the overall mix. */
  nationalities?: string[];
}

export const OFFICES: OfficeSpec[] = [
  { name: 'Berlin', country: 'DE', kind: 'host', prefix: 'DE', weight: 17, users: 24 },
  { name: 'Brussels', country: 'BE', kind: 'host', prefix: 'BE', weight: 11, users: 16 },
  { name: 'The Hague', country: 'NL', kind: 'host', prefix: 'NL', weight: 10, users: 14 },
  { name: 'Vienna', country: 'AT', kind: 'host', prefix: 'AT', weight: 8, users: 12 },
  { name: 'Athens', country: 'GR', kind: 'host', prefix: 'GR', weight: 9, users: 12 },
  { name: 'Bern', country: 'CH', kind: 'host', prefix: 'CH', weight: 5, users: 8 },
  { name: 'Oslo', country: 'NO', kind: 'host', prefix: 'NO', weight: 4, users: 6 },
  { name: 'Rome', country: 'IT', kind: 'host', prefix: 'IT', weight: 5, users: 8 },
  { name: 'Madrid', country: 'ES', kind: 'host', prefix: 'ES', weight: 5, users: 8, nationalities: ['EC', 'BR', 'MA', 'SN', 'NG'] },
  { name: 'London', country: 'GB', kind: 'host', prefix: 'GB', weight: 4, users: 6 },
  { name: 'Rabat', country: 'MA', kind: 'transit', prefix: 'MA', weight: 5, users: 8, nationalities: ['NG', 'SN', 'ET'] },
  { name: 'Niamey', country: 'NE', kind: 'transit', prefix: 'NE', weight: 5, users: 8, nationalities: ['NG', 'SN', 'ET'] },
  { name: 'Ankara', country: 'TR', kind: 'transit', prefix: 'TR', weight: 6, users: 10, nationalities: ['AF', 'IQ', 'SY', 'IR', 'PK'] },
  { name: 'Erbil', country: 'IQ', kind: 'origin', prefix: 'IQ', weight: 3, users: 6 },
  { name: 'Kabul', country: 'AF', kind: 'origin', prefix: 'AF', weight: 3, users: 6 },
];

// ---------------------------------------------------------------------------------------------
// Rows

export interface PersonRow {
  id: string; given_name: string; family_name: string; other_names: string[]; original_script_name: string | null;
  sex: 'female' | 'male'; birth_date: string | null; birth_date_estimated: boolean; nationality: string | null;
  languages: string[]; phone: string | null; email: string | null; name_folded: string; name_skeleton: string;
  created_at: string;
}
export interface DocumentRow { person_id: string; type: string; number: string; number_norm: string; issuing_country: string | null; expiry_date: string | null; created_at: string }
export interface CaseRow {
  id: string; case_number: string; kind: 'voluntary_return' | 'post_arrival'; stage: string; stage_changed_at: string;
  legal_status: string; country_of_return: string; office_id: string; origin_office_id: string | null; organisation_id: string;
  owner_id: string; created_by: string; principal_person_id: string; principal_nationality: string | null; version: number; created_at: string; updated_at: string;
}
export interface MemberRow { case_id: string; person_id: string; relationship: string; position: number; created_at: string }
export interface TransitionRow { case_id: string; from_stage: string | null; to_stage: string; reason: string | null; actor_id: string; at: string }

export interface Batch {
  persons: PersonRow[]; documents: DocumentRow[]; cases: CaseRow[]; members: MemberRow[]; transitions: TransitionRow[];
}

/** What the measurements need to know about a generated person, to query for them later. */
export interface SampledPerson {
  givenName: string; familyName: string; originalScriptName: string | null; birthDate: string | null; nationality: string | null;
}

export interface WorldOffice extends OfficeSpec { id: string; organisationId: string; userIds: string[] }

// ---------------------------------------------------------------------------------------------
// Generator

const DAY = 86_400_000;
const YEAR_WEIGHTS: [number, number][] = [
  [2008, 2], [2009, 2], [2010, 3], [2011, 3], [2012, 4], [2013, 4], [2014, 5], [2015, 7], [2016, 9], [2017, 8],
  [2018, 6], [2019, 6], [2020, 3], [2021, 4], [2022, 5], [2023, 6], [2024, 7], [2025, 7], [2026, 6],
];
const HOUSEHOLD: [number, number][] = [[1, 50], [2, 14], [3, 12], [4, 11], [5, 7], [6, 4], [7, 2]];
const MAIN = ['registered', 'counselling', 'decision_recorded', 'application_submitted', 'approved', 'travel_preparation', 'departed', 'arrived', 'reintegration', 'monitoring', 'closed'];
const PRE_DEPARTURE = MAIN.slice(0, 6);
const AFTER_ARRIVAL = ['arrived', 'reintegration', 'monitoring'];
const REASON_NEEDED = new Set(['ineligible', 'closed', 'suspended']);
const LEGAL: Record<OfficeSpec['kind'], [string, number][]> = {
  host: [['asylum_rejected', 45], ['asylum_pending', 12], ['irregular_stay', 30], ['regular_stay', 6], ['other', 7]],
  transit: [['stranded_migrant', 60], ['irregular_stay', 30], ['other', 10]],
  origin: [['other', 50], ['irregular_stay', 40], ['asylum_rejected', 10]],
};

const iso = (ms: number) => new Date(ms).toISOString();
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export class CaseGenerator {
  private readonly rng: Rng;
  private readonly counters = new Map<string, number>();
  private readonly yearStart: number;
  readonly sample: SampledPerson[] = [];
  private seen = 0;

  constructor(seed: number, private readonly offices: WorldOffice[], private readonly now: number, private readonly sampleSize = 2000) {
    this.rng = new Rng(seed);
    this.yearStart = Date.UTC(2008, 0, 1);
  }

  /** Next case number counters, for case_number_counter after the load. */
  counterRows(): { office_id: string; year: number; last: number }[] {
    return [...this.counters].map(([k, last]) => {
      const [office_id, year] = k.split('/');
      return { office_id: office_id!, year: Number(year), last };
    });
  }

  batch(n: number): Batch {
    const b: Batch = { persons: [], documents: [], cases: [], members: [], transitions: [] };
    for (let i = 0; i < n; i++) this.oneCase(b);
    return b;
  }

  private createdAt(): number {
    const r = this.rng;
    const year = r.weighted(YEAR_WEIGHTS);
    const start = Math.max(this.yearStart, Date.UTC(year, 0, 1));
    const end = Math.min(Date.UTC(year + 1, 0, 1), this.now - DAY);
    return start + r.int(Math.max(1, end - start));
  }

  private oneCase(b: Batch) {
    const r = this.rng;
    const office = r.weighted(this.offices.map((o) => [o, o.weight] as const));
    const postArrival = office.kind === 'origin';
    const nationality = postArrival ? office.country
      : office.nationalities && r.chance(0.7) ? r.pick(office.nationalities) : r.weighted(NATIONALITIES);
    const countryOfReturn = postArrival || r.chance(0.95) ? nationality : r.weighted(NATIONALITIES);
    const created = this.createdAt();
    const year = new Date(created).getUTCFullYear();
    const key = `${office.id}/${year}`;
    const seq = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, seq);
    const owner = r.pick(office.userIds);

    // Stage history
    const kind = postArrival ? 'post_arrival' : 'voluntary_return';
    const path = this.stagePath(kind, (this.now - created) / DAY);
    // Each step takes two weeks to four months, within the case's age.
    const lastAt = Math.min(created + (this.now - created) * (0.5 + 0.48 * r.next()), created + (path.length - 1) * r.range(14, 120) * DAY);
    const caseId = randomUUID();
    let prev: string | null = null;
    path.forEach((stage, i) => {
      const at = i === 0 ? created : created + ((lastAt - created) * i) / (path.length - 1);
      b.transitions.push({ case_id: caseId, from_stage: prev, to_stage: stage, reason: REASON_NEEDED.has(stage) ? 'Recorded at the interview.' : null, actor_id: owner, at: iso(at) });
      prev = stage;
    });
    // Edited after the last move, sometimes; never later than now, and no artificial ties at "now".
    let updated = lastAt + (r.chance(0.5) ? r.next() * 30 * DAY : 0);
    if (updated > this.now - 1000) updated = lastAt + (this.now - 1000 - lastAt) * r.next();

    // Household
    const size = r.weighted(HOUSEHOLD);
    const culture = CULTURES[nationality]!;
    const principalAge = r.range(18, 58);
    const principalSex = r.chance(0.72) ? 'male' : 'female';
    const family = r.pick(culture.family);
    const familySpelling = family.spellings[r.int(Math.min(2, family.spellings.length))]!;
    const principal = this.person(b, culture, nationality, principalSex, family, familySpelling, created, principalAge, true);
    b.members.push({ case_id: caseId, person_id: principal.id, relationship: 'principal', position: 0, created_at: iso(created) });
    for (let pos = 1; pos < size; pos++) {
      let relationship: string;
      let age: number;
      let sex: 'male' | 'female' = r.chance(0.5) ? 'male' : 'female';
      if (pos === 1 && r.chance(0.8)) {
        relationship = r.chance(0.9) ? 'spouse' : 'partner';
        sex = principalSex === 'male' ? 'female' : 'male';
        age = Math.max(18, principalAge + r.range(-8, 4));
      } else if (r.chance(0.9)) {
        relationship = r.chance(0.95) ? 'child' : 'stepchild';
        age = Math.max(0, Math.min(principalAge - 17, r.range(0, 20)));
      } else {
        relationship = r.pick(['parent', 'sibling', 'other_relative'] as const);
        age = relationship === 'parent' ? principalAge + r.range(18, 30) : Math.max(1, principalAge + r.range(-10, 10));
      }
      const p = this.person(b, culture, nationality, sex, family, relationship === 'spouse' && r.chance(0.6) ? null : familySpelling, created, age, false);
      b.members.push({ case_id: caseId, person_id: p.id, relationship, position: pos, created_at: iso(created) });
    }

    b.cases.push({
      id: caseId,
      case_number: `${office.prefix}-${year}-${String(seq).padStart(6, '0')}`,
      kind,
      stage: path[path.length - 1]!,
      stage_changed_at: iso(lastAt),
      legal_status: r.weighted(LEGAL[office.kind]),
      country_of_return: countryOfReturn,
      office_id: office.id,
      origin_office_id: postArrival ? office.id : null,
      organisation_id: office.organisationId,
      owner_id: owner,
      created_by: owner,
      principal_person_id: principal.id,
      principal_nationality: principal.nationality,
      version: path.length,
      created_at: iso(created),
      updated_at: iso(updated),
    });
  }

  /** Stages a case went through, by its age: old cases are mostly finished. */
  private stagePath(kind: 'voluntary_return' | 'post_arrival', ageDays: number): string[] {
    const r = this.rng;
    if (kind === 'post_arrival') {
      const end = ageDays > 540 ? r.weighted([['closed', 85], ['monitoring', 8], ['suspended', 7]])
        : ageDays > 180 ? r.weighted([['reintegration', 40], ['monitoring', 40], ['closed', 20]])
        : r.weighted([['arrived', 50], ['reintegration', 50]]);
      if (end === 'suspended') return [...AFTER_ARRIVAL.slice(0, 1 + r.int(3)), 'suspended'];
      return [...AFTER_ARRIVAL, 'closed'].slice(0, [...AFTER_ARRIVAL, 'closed'].indexOf(end) + 1);
    }
    const end = ageDays > 730
      ? r.weighted([['closed', 62], ['withdrawn', 18], ['ineligible', 12], ['suspended', 3], ['monitoring', 5]])
      : ageDays > 365
        ? r.weighted([['monitoring', 25], ['reintegration', 15], ['closed', 30], ['withdrawn', 15], ['ineligible', 10], ['suspended', 5]])
        : ageDays > 90
          ? r.weighted([['registered', 5], ['counselling', 5], ['decision_recorded', 5], ['application_submitted', 10], ['approved', 5], ['travel_preparation', 10],
            ['departed', 5], ['arrived', 10], ['reintegration', 15], ['withdrawn', 15], ['ineligible', 10], ['suspended', 5]])
          : r.weighted([['registered', 30], ['counselling', 30], ['decision_recorded', 12], ['application_submitted', 12], ['approved', 5],
            ['travel_preparation', 5], ['withdrawn', 4], ['ineligible', 2]]);
    if (end === 'withdrawn') return [...PRE_DEPARTURE.slice(0, 1 + r.int(6)), 'withdrawn'];
    if (end === 'ineligible') return [...MAIN.slice(0, r.pick([1, 2, 4])), 'ineligible'];
    if (end === 'suspended') return [...MAIN.slice(0, 1 + r.int(10)), 'suspended'];
    const path = MAIN.slice(0, MAIN.indexOf(end) + 1);
    // Some closed cases skip monitoring.
    return end === 'closed' && r.chance(0.3) ? path.filter((s) => s !== 'monitoring') : path;
  }

  private spelling(entry: NameEntry): string {
    // The first spelling is the most common; the others share the rest.
    return this.rng.chance(0.55) ? entry.spellings[0]! : this.rng.pick(entry.spellings);
  }

  private person(b: Batch, c: Culture, nationality: string, sex: 'male' | 'female', family: NameEntry, familySpelling: string | null,
    created: number, age: number, principal: boolean): PersonRow {
    const r = this.rng;
    const givenEntry = r.pick(sex === 'male' ? c.male : c.female);
    const given = this.spelling(givenEntry);
    const familyEntry = familySpelling ? family : r.pick(c.family);
    const familyName = familySpelling ?? this.spelling(familyEntry);
    const otherNames = c.scriptShare > 0 && r.chance(0.2) ? [this.spelling(r.pick(c.male))] : [];
    const script = givenEntry.script && familyEntry.script && r.chance(c.scriptShare) ? `${givenEntry.script} ${familyEntry.script}` : null;
    const estimated = r.chance(0.08);
    const birthMs = created - age * 365.25 * DAY - r.int(365) * DAY;
    const birth = r.chance(0.03) ? null : estimated ? `${new Date(birthMs).getUTCFullYear()}-01-01` : isoDay(birthMs);
    const keys = this.keys([given, familyName, ...otherNames, script ?? '']);
    const p: PersonRow = {
      id: randomUUID(), given_name: given, family_name: familyName, other_names: otherNames, original_script_name: script,
      sex, birth_date: birth, birth_date_estimated: birth !== null && estimated, nationality: r.chance(0.98) ? nationality : null,
      languages: c.languages.slice(0, 1 + r.int(c.languages.length)),
      phone: principal && r.chance(0.7) ? `+${r.range(30, 99)} ${r.range(100, 999)} ${r.range(100000, 999999)}` : null,
      email: principal && r.chance(0.2) ? `${keys.folded.split(' ')[0]}.${r.int(10000)}@example.net` : null,
      name_folded: keys.folded, name_skeleton: keys.skeleton, created_at: iso(created),
    };
    b.persons.push(p);
    if (principal || (age >= 18 && r.chance(0.5)) || r.chance(0.3)) {
      const type = age < 14 ? (r.chance(0.7) ? 'birth_certificate' : 'passport') : r.weighted([['passport', 60], ['national_id', 25], ['refugee_id', 5], ['residence_permit', 5], ['other', 5]]);
      const [letters, digits] = c.passport;
      let number = '';
      for (let i = 0; i < letters; i++) number += ALNUM[r.int(ALNUM.length)];
      for (let i = 0; i < digits; i++) number += String(r.int(10));
      b.documents.push({
        person_id: p.id, type, number: r.chance(0.1) ? `${number.slice(0, 3)} ${number.slice(3)}` : number, number_norm: number,
        issuing_country: nationality, expiry_date: type === 'passport' ? isoDay(created + r.range(-400, 3650) * DAY) : null, created_at: iso(created),
      });
    }
    this.reservoir({ givenName: given, familyName, originalScriptName: script, birthDate: birth, nationality: p.nationality });
    return p;
  }

  /** nameKeys() of the parts; the pools are small, so most combinations recur. */
  private keys(parts: string[]) {
    const k = parts.join('\u0001');
    let v = this.keyCache.get(k);
    if (!v) {
      v = nameKeys(parts);
      if (this.keyCache.size < 500_000) this.keyCache.set(k, v);
    }
    return v;
  }
  private readonly keyCache = new Map<string, { folded: string; skeleton: string }>();

  /** Keeps a uniform sample of all generated people (reservoir sampling). */
  private reservoir(s: SampledPerson) {
    this.seen++;
    if (this.sample.length < this.sampleSize) this.sample.push(s);
    else {
      const j = this.rng.int(this.seen);
      if (j < this.sampleSize) this.sample[j] = s;
    }
  }
}

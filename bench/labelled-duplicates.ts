/**
 * A labelled set for the duplicate check at registration: people "already registered" and, for
 * each, a registration form filled in again, either for the same person (a true pair, written
 * another way) or for someone else who looks alike (a near miss). Seeded; used by the benchmark
 * (measure.ts, `measureDuplicateRecall`) and, a small slice of it, by the db test of the check.
 *
 * True pairs, one kind each: a spelling variant (Mohammed / Muhammad / Mohamed), the given name in
 * Arabic script (محمد), Cyrillic against Latin (Иванов / Ivanov), a middle name dropped, given and
 * family names swapped, a birth date a day off, a birth date estimated as 1 January (on either
 * side). Near misses: the same family name with another given name and a birth year 3 to 30 years
 * apart; siblings (same family name, another given name, born 1 to 4 years apart).
 */
import { Rng } from './generate.js';
import { CULTURES, otherSpelling, type NameEntry } from './names.js';

export const TRUE_KINDS = ['spelling', 'arabicScript', 'cyrillic', 'middleNameDropped', 'swapped', 'birthDayOff', 'estimatedJanuary'] as const;
export const NEAR_MISS_KINDS = ['otherGivenName', 'sibling'] as const;
export type PairKind = (typeof TRUE_KINDS)[number] | (typeof NEAR_MISS_KINDS)[number];

/** The person on record, as a registration sends them. */
export interface LabelledPerson {
  givenName: string; familyName: string; otherNames: string[]; originalScriptName: string | null;
  sex: 'female' | 'male'; birthDate: string; birthDateEstimated: boolean; nationality: string;
}
/** The duplicate check's input (POST /api/cases/duplicates). */
export interface LabelledQuery { givenName: string; familyName: string; originalScriptName?: string | null; birthDate: string | null; nationality: string | null }
export interface LabelledPair { kind: PairKind; same: boolean; registered: LabelledPerson; query: LabelledQuery }

/** Russian and Ukrainian names, Cyrillic and the usual Latin spelling. */
const CYRILLIC_MALE: [string, string][] = [['Иван', 'Ivan'], ['Сергей', 'Sergei'], ['Дмитрий', 'Dmitry'], ['Алексей', 'Alexei'], ['Николай', 'Nikolai'], ['Андрей', 'Andrei'], ['Павел', 'Pavel'], ['Юрий', 'Yuri']];
const CYRILLIC_FEMALE: [string, string][] = [['Ольга', 'Olga'], ['Наталья', 'Natalia'], ['Елена', 'Elena'], ['Ирина', 'Irina'], ['Татьяна', 'Tatiana'], ['Светлана', 'Svetlana']];
const CYRILLIC_FAMILY: [string, string][] = [['Иванов', 'Ivanov'], ['Петров', 'Petrov'], ['Смирнов', 'Smirnov'], ['Кузнецов', 'Kuznetsov'], ['Попов', 'Popov'], ['Соколов', 'Sokolov'], ['Волков', 'Volkov'], ['Морозов', 'Morozov'], ['Шевченко', 'Shevchenko'], ['Бондаренко', 'Bondarenko']];
/** A Cyrillic family name as written for a woman (Иванова), left as it is where it has no such form. */
const feminine = (s: string) => (/(ов|ев|ин)$/.test(s) ? `${s}а` : /(ov|ev|in)$/.test(s) ? `${s}a` : s);

const ARABIC_SCRIPT = ['IQ', 'SY', 'MA', 'AF', 'IR'];
const LATIN_CULTURES = ['NG', 'LK', 'BR', 'EC', 'ET', 'AL', 'GE', 'SN', 'IQ', 'AF', 'PK'];

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const shiftDays = (d: string, n: number) => iso(Date.parse(`${d}T00:00:00Z`) + n * DAY);
const shiftYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`.replace(/-02-29$/, '-02-28');

function birthDate(r: Rng): string {
  return iso(Date.UTC(r.range(1955, 2012), 0, 1) + r.int(365) * DAY);
}

/** A person of a culture of the benchmark's name pools: given, family, the original script of both where the pools have it. */
function personOf(r: Rng, nationality: string, sex: 'female' | 'male' = r.chance(0.5) ? 'female' : 'male') {
  const c = CULTURES[nationality]!;
  const given = r.pick(sex === 'male' ? c.male : c.female);
  const family = r.pick(c.family);
  return { given, family, sex };
}

const first = (e: NameEntry) => e.spellings[0]!;
const another = (r: Rng, e: NameEntry) => otherSpelling(first(e), (n) => r.int(n)) ?? first(e);
const scriptOf = (given: NameEntry, family: NameEntry) => (given.script && family.script ? `${given.script} ${family.script}` : null);

function truePair(r: Rng, kind: (typeof TRUE_KINDS)[number]): LabelledPair {
  if (kind === 'cyrillic') {
    const sex = r.chance(0.5) ? 'female' : 'male';
    const [gc, gl] = r.pick(sex === 'male' ? CYRILLIC_MALE : CYRILLIC_FEMALE);
    const [fc, fl] = r.pick(CYRILLIC_FAMILY);
    const nationality = r.chance(0.5) ? 'UA' : 'RU';
    const latin = { givenName: gl, familyName: sex === 'female' ? feminine(fl) : fl };
    const cyrillic = { givenName: gc, familyName: sex === 'female' ? feminine(fc) : fc };
    const recordedLatin = r.chance(0.5);
    const registered = { ...(recordedLatin ? latin : cyrillic), otherNames: [], originalScriptName: null, sex, birthDate: birthDate(r), birthDateEstimated: false, nationality } as LabelledPerson;
    return { kind, same: true, registered, query: { ...(recordedLatin ? cyrillic : latin), birthDate: registered.birthDate, nationality } };
  }
  const nationality = kind === 'arabicScript' || kind === 'spelling' ? r.pick(ARABIC_SCRIPT) : r.pick(LATIN_CULTURES);
  const { given, family, sex } = personOf(r, nationality);
  const registered: LabelledPerson = {
    givenName: first(given), familyName: first(family), otherNames: [], originalScriptName: r.chance(0.4) ? scriptOf(given, family) : null,
    sex, birthDate: birthDate(r), birthDateEstimated: false, nationality,
  };
  const query: LabelledQuery = { givenName: registered.givenName, familyName: registered.familyName, birthDate: registered.birthDate, nationality };
  switch (kind) {
    case 'spelling':
      query.givenName = another(r, given);
      if (r.chance(0.5)) query.familyName = another(r, family);
      break;
    case 'arabicScript':
      query.givenName = given.script ?? another(r, given);
      if (r.chance(0.5) && family.script) query.familyName = family.script;
      break;
    case 'middleNameDropped': {
      const middle = first(personOf(r, nationality, sex).given);
      if (r.chance(0.5)) registered.givenName = `${registered.givenName} ${middle}`;
      else query.givenName = `${query.givenName} ${middle}`;
      break;
    }
    case 'swapped':
      [query.givenName, query.familyName] = [registered.familyName, registered.givenName];
      break;
    case 'birthDayOff':
      query.birthDate = shiftDays(registered.birthDate, r.chance(0.5) ? 1 : -1);
      break;
    case 'estimatedJanuary':
      if (r.chance(0.5)) {
        query.birthDate = `${registered.birthDate.slice(0, 4)}-01-01`;
      } else {
        registered.birthDate = `${registered.birthDate.slice(0, 4)}-01-01`;
        registered.birthDateEstimated = true;
        query.birthDate = iso(Date.UTC(Number(registered.birthDate.slice(0, 4)), 0, 1) + r.int(365) * DAY);
      }
      break;
  }
  return { kind, same: true, registered, query };
}

function nearMiss(r: Rng, kind: (typeof NEAR_MISS_KINDS)[number]): LabelledPair {
  const nationality = r.pick([...ARABIC_SCRIPT, ...LATIN_CULTURES]);
  const a = personOf(r, nationality);
  const pool = (sex: 'female' | 'male') => (sex === 'male' ? CULTURES[nationality]!.male : CULTURES[nationality]!.female);
  const sex = r.chance(0.5) ? a.sex : a.sex === 'male' ? 'female' : 'male';
  let other = r.pick(pool(sex));
  while (first(other) === first(a.given)) other = r.pick(pool(sex));
  const registered: LabelledPerson = {
    givenName: first(a.given), familyName: first(a.family), otherNames: [], originalScriptName: null,
    sex: a.sex, birthDate: birthDate(r), birthDateEstimated: false, nationality,
  };
  const years = kind === 'sibling' ? r.range(1, 4) : r.range(3, 30);
  const born = shiftYears(shiftDays(registered.birthDate, r.range(-150, 150)), r.chance(0.5) ? years : -years);
  return { kind, same: false, registered, query: { givenName: first(other), familyName: another(r, a.family), birthDate: born, nationality } };
}

/** `truePairs` true pairs (the kinds in turn) and `nearMisses` near misses, from `seed`. */
export function labelledPairs(seed: number, truePairs = 560, nearMisses = 500): LabelledPair[] {
  const r = new Rng(seed ^ 0x1abe1);
  return [
    ...Array.from({ length: truePairs }, (_, i) => truePair(r, TRUE_KINDS[i % TRUE_KINDS.length]!)),
    ...Array.from({ length: nearMisses }, (_, i) => nearMiss(r, NEAR_MISS_KINDS[i % NEAR_MISS_KINDS.length]!)),
  ];
}

/** A score at or above this is a strong warning ("probably the same person"); near misses should stay below. */
export const STRONG_MATCH_SCORE = 0.8;

export interface Scored { personId: string; score: number }

/**
 * Recall: the share of true pairs whose registered person is among the candidates shown (top 10).
 * Top-1 precision: the share of true pairs whose registered person is the first candidate.
 * Near-miss specificity: the share of near misses whose registered look-alike is not shown with a
 * score of STRONG_MATCH_SCORE or more.
 */
export function labelledMetrics(results: { pair: LabelledPair; registeredId: string; candidates: Scored[] }[]) {
  const trues = results.filter((x) => x.pair.same);
  const misses = results.filter((x) => !x.pair.same);
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 1000 : null);
  const byKind: Record<string, { n: number; recall: number | null; top1: number | null; specificity?: number | null }> = {};
  for (const kind of [...TRUE_KINDS, ...NEAR_MISS_KINDS]) {
    const xs = results.filter((x) => x.pair.kind === kind);
    if (!xs.length) continue;
    byKind[kind] = xs[0]!.pair.same
      ? { n: xs.length, recall: share(xs.filter(found).length, xs.length), top1: share(xs.filter(top1).length, xs.length) }
      : { n: xs.length, recall: null, top1: null, specificity: share(xs.filter(notStrong).length, xs.length) };
  }
  return {
    truePairs: trues.length, nearMisses: misses.length, strongMatchScore: STRONG_MATCH_SCORE,
    recall: share(trues.filter(found).length, trues.length),
    top1Precision: share(trues.filter(top1).length, trues.length),
    nearMissSpecificity: share(misses.filter(notStrong).length, misses.length),
    byKind,
  };
}
const found = (x: { registeredId: string; candidates: Scored[] }) => x.candidates.some((c) => c.personId === x.registeredId);
const top1 = (x: { registeredId: string; candidates: Scored[] }) => x.candidates[0]?.personId === x.registeredId;
const notStrong = (x: { registeredId: string; candidates: Scored[] }) => !x.candidates.some((c) => c.personId === x.registeredId && c.score >= STRONG_MATCH_SCORE);

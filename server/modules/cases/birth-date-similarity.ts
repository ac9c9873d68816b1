import { sql, type RawBuilder } from 'kysely';

/**
 * How alike two dates of birth are, for the ranking of possible duplicates: from 1 (the same
 * date) down to 0 (years apart). Dates of birth are often misheard, mistyped or estimated, so the
 * grade follows how errors happen, not only the distance:
 *
 * - the same date: 1;
 * - one day off, or day and month swapped (07/03 for 03/07): 0.85;
 * - one digit mistyped, or two neighbouring digits swapped (1982 for 1992, 21 for 12): 0.75;
 * - the same year and month: at least 0.6; the same year: at least 0.35 (0.6 when the recorded
 *   date is an estimate, which says no more than the year);
 * - otherwise by distance, never rising as the dates move apart: from 0.75 at two days to 0.2 at
 *   a year, and to 0 at two years and beyond;
 * - 1 January, entered or recorded, is the day an unknown day and month are
 *   written as: only its year is evidence. The same year is 0.6, whatever the day; another year at
 *   most 0.2 (a year apart), however close the day or however alike the digits (31 December the
 *   year before, 1994-01-01 against 1996-01-01), for those are coincidences of the convention. So
 *   a returnee entered as born "1 January 1994" ranks above namesakes recorded as born on 1
 *   January of another year, or days before New Year, and level with those born in 1994.
 *
 * The same grading runs in the database (`birthDateSimilaritySql`), where the candidates are
 * ranked: plain arithmetic and comparisons with the entered date's swapped and mistyped forms,
 * computed here; a test keeps the two equal.
 */
export const BIRTH_DATE_GRADES = {
  exact: 1,
  oneDay: 0.85,
  swapped: 0.85,
  typo: 0.75,
  sameMonth: 0.6,
  sameYear: 0.35,
  estimatedSameYear: 0.6,
  /** The most another year scores against 1 January (a year apart). */
  januaryOtherYear: 0.2,
} as const;

const DAY_MS = 86_400_000;

/** Whole days between two ISO dates (YYYY-MM-DD), in either order. */
export function daysApart(a: string, b: string): number {
  return Math.abs(Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS));
}

/** The grade by distance alone: 1 at 0 days, 0.85 at 1, then non-increasing to 0 at 730 days. */
export function birthDateDistanceScore(days: number): number {
  const d = Math.abs(days);
  if (d === 0) return 1;
  if (d === 1) return 0.85;
  if (d <= 366) return 0.75 - 0.55 * Math.sqrt((d - 2) / 364);
  if (d <= 730) return (0.2 * (730 - d)) / 364;
  return 0;
}

/** Whether the dates' digits (YYYYMMDD) differ by one digit, or by two neighbouring digits swapped. */
export function isDigitTypo(a: string, b: string): boolean {
  const x = a.replace(/-/g, '');
  const y = b.replace(/-/g, '');
  if (x.length !== y.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff.push(i);
  if (diff.length === 1) return true;
  return diff.length === 2 && diff[1] === diff[0]! + 1 && x[diff[0]!] === y[diff[1]!] && x[diff[1]!] === y[diff[0]!];
}

/** Whether the dates are the same year with day and month swapped (and are not the same date). */
export function isDayMonthSwap(a: string, b: string): boolean {
  return a !== b && a.slice(0, 4) === b.slice(0, 4) && a.slice(5, 7) === b.slice(8, 10) && a.slice(8, 10) === b.slice(5, 7);
}

/** Whether a date is 1 January: often an estimate that says the year only. */
const isFirstOfJanuary = (iso: string) => iso.slice(5) === '01-01';

/**
 * The grade of a date of birth entered at registration against one on record (ISO dates);
 * `recordedEstimated` when the date on record is an estimate.
 */
export function birthDateSimilarity(entered: string, recorded: string, recordedEstimated = false): number {
  if (entered === recorded) return BIRTH_DATE_GRADES.exact;
  const sameYear = entered.slice(0, 4) === recorded.slice(0, 4);
  let score = birthDateDistanceScore(daysApart(entered, recorded));
  if (isDayMonthSwap(entered, recorded)) score = Math.max(score, BIRTH_DATE_GRADES.swapped);
  if (isDigitTypo(entered, recorded)) score = Math.max(score, BIRTH_DATE_GRADES.typo);
  if (isFirstOfJanuary(entered) || isFirstOfJanuary(recorded)) {
    return sameYear ? BIRTH_DATE_GRADES.estimatedSameYear : Math.min(score, BIRTH_DATE_GRADES.januaryOtherYear);
  }
  if (sameYear) {
    const sameMonth = entered.slice(5, 7) === recorded.slice(5, 7);
    score = Math.max(score, sameMonth ? BIRTH_DATE_GRADES.sameMonth : BIRTH_DATE_GRADES.sameYear, recordedEstimated ? BIRTH_DATE_GRADES.estimatedSameYear : 0);
  }
  return score;
}

const isCalendarDate = (iso: string) => {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === iso;
};

/** The real calendar dates (no 31 April) one mistyped digit or two swapped neighbours away. */
export function birthDateTypos(entered: string): string[] {
  const digits = entered.replace(/-/g, '');
  const out = new Set<string>();
  const add = (d: string) => {
    const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
    if (iso.slice(0, 4) >= '1800' && isCalendarDate(iso)) out.add(iso);
  };
  for (let i = 0; i < digits.length; i++) {
    for (const c of '0123456789') if (c !== digits[i]) add(digits.slice(0, i) + c + digits.slice(i + 1));
    if (i + 1 < digits.length && digits[i] !== digits[i + 1]) add(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  }
  return [...out].sort();
}

/**
 * Dates a mistyped entry could stand for beyond a year away (a digit of the year mistyped, 1982
 * for 1992): the candidates' dates are looked up within a year of the entered one and among these.
 */
export const birthDateVariants = (entered: string): string[] => birthDateTypos(entered).filter((d) => daysApart(d, entered) > 366);

/**
 * `birthDateSimilarity(entered, recorded, recordedEstimated)` as a SQL expression on a row, NULL
 * when the recorded date is. Only comparisons and arithmetic per row (no function call), so that
 * ranking the candidates stays cheap.
 */
export function birthDateSimilaritySql(entered: string, recorded: RawBuilder<unknown>, recordedEstimated: RawBuilder<unknown>): RawBuilder<number | null> {
  const e = sql`${entered}::date`;
  const d = sql`abs(${recorded} - ${e})`;
  const swapped = `${entered.slice(0, 4)}-${entered.slice(8, 10)}-${entered.slice(5, 7)}`;
  const f = (n: number) => sql`${sql.lit(n)}::float8`;
  const distance = sql`CASE WHEN ${d} = 1 THEN ${f(BIRTH_DATE_GRADES.oneDay)}
         WHEN ${d} <= 366 THEN ${f(0.75)} - ${f(0.55)} * sqrt((${d} - 2)::float8 / 364)
         WHEN ${d} <= 730 THEN (${f(0.2)} * (730 - ${d})) / 364
         ELSE ${f(0)} END`;
  const firstOfJanuary = isFirstOfJanuary(entered) ? sql`true` : sql`(extract(month FROM ${recorded}) = 1 AND extract(day FROM ${recorded}) = 1)`;
  const sameYear = sql`(date_trunc('year', ${recorded}) = date_trunc('year', ${e}))`;
  const patterns = sql`${distance},
    CASE WHEN ${isCalendarDate(swapped) && swapped !== entered ? sql`${recorded} = ${swapped}::date` : sql`false`} THEN ${f(BIRTH_DATE_GRADES.swapped)} ELSE ${f(0)} END,
    CASE WHEN ${recorded} = ANY(${birthDateTypos(entered)}::date[]) THEN ${f(BIRTH_DATE_GRADES.typo)} ELSE ${f(0)} END`;
  return sql<number | null>`CASE WHEN ${recorded} IS NULL THEN NULL WHEN ${recorded} = ${e} THEN ${f(BIRTH_DATE_GRADES.exact)}
    WHEN ${firstOfJanuary} THEN CASE WHEN ${sameYear} THEN ${f(BIRTH_DATE_GRADES.estimatedSameYear)} ELSE least(greatest(${patterns}), ${f(BIRTH_DATE_GRADES.januaryOtherYear)}) END
    ELSE greatest(${patterns},
    CASE WHEN date_trunc('month', ${recorded}) = date_trunc('month', ${e}) THEN ${f(BIRTH_DATE_GRADES.sameMonth)}
         WHEN ${sameYear} THEN
           CASE WHEN ${recordedEstimated} THEN ${f(BIRTH_DATE_GRADES.estimatedSameYear)} ELSE ${f(BIRTH_DATE_GRADES.sameYear)} END
         ELSE ${f(0)} END
  ) END`;
}

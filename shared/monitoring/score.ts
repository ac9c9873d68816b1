import { DIMENSIONS, type Answers, type Definition, type Question, type ScoreResult } from '../schemas/monitoring.js';

/**
 * Exact scoring of a sustainability survey, the same on the server, in the web preview and in any
 * offline client: scores and weights (at most four decimals) are read as integers in
 * ten-thousandths, every mean is a fraction of bigints, and only the final figures are rounded,
 * half to even, to four decimals.
 * - A question's score: its option's (single choice, yes/no); the sum of the chosen options'
 *   scores, at most 1 (multiple choice); its band's (number). Unanswered (absent, null, no option
 *   chosen): not scored.
 * - An indicator: the mean of its answered questions; with none, it is not scored.
 * - A dimension: the weighted mean of its scored indicators; a composite: the weighted mean of the
 *   scored dimensions. Below its threshold: a dimension scored strictly below it.
 * - Triggers: a dimension below its threshold, or an answer naming the option.
 */

/** A non-negative fraction n/d of bigints, d > 0. */
interface Frac { n: bigint; d: bigint }
const SCALE = 10_000n;

/** A number with at most four decimals, as ten-thousandths, read from its decimal text (no float arithmetic). */
export function tenThousandths(x: number): bigint {
  const [int, dec = ''] = x.toFixed(10).replace(/0+$/, '').split('.');
  if (dec.length > 4) throw new Error(`more than four decimals: ${x}`);
  return BigInt(int!) * SCALE + BigInt(dec.padEnd(4, '0') || '0');
}
const frac = (tt: bigint): Frac => ({ n: tt, d: SCALE });

/** Weighted mean Σ wᵢ·sᵢ / Σ wᵢ of fractions, weights in ten-thousandths. */
function weightedMean(items: { w: bigint; s: Frac }[]): Frac | null {
  if (!items.length) return null;
  const d = items.reduce((acc, it) => acc * it.s.d, 1n);
  const n = items.reduce((acc, it) => acc + it.w * it.s.n * (d / it.s.d), 0n);
  const wSum = items.reduce((acc, it) => acc + it.w, 0n);
  return reduce({ n, d: d * wSum });
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
function reduce(f: Frac): Frac {
  const g = gcd(f.n, f.d) || 1n;
  return { n: f.n / g, d: f.d / g };
}
const less = (a: Frac, b: Frac) => a.n * b.d < b.n * a.d;

/** A fraction rounded half to even to four decimals, as text ("0.6667"). */
export function roundHalfEven4(f: Frac): string {
  const num = f.n * SCALE;
  let q = num / f.d;
  const r = num % f.d;
  if (r * 2n > f.d || (r * 2n === f.d && q % 2n === 1n)) q += 1n;
  const s = q.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

/** What is wrong with an answer, by the question's key. */
export interface AnswerProblem { question: string; problem: 'unknown_question' | 'wrong_type' | 'unknown_option' | 'out_of_bands' }

/** Every answer that does not fit the definition (unknown question or option, wrong type, a number in no band). */
export function checkAnswers(def: Definition, answers: Answers): AnswerProblem[] {
  const questions = new Map(def.questions.map((q) => [q.key, q]));
  const problems: AnswerProblem[] = [];
  for (const [k, a] of Object.entries(answers)) {
    const q = questions.get(k);
    if (!q) { problems.push({ question: k, problem: 'unknown_question' }); continue; }
    if (a === null) continue;
    const p = answerProblem(q, a);
    if (p) problems.push({ question: k, problem: p });
  }
  return problems;
}

function answerProblem(q: Question, a: NonNullable<Answers[string]>): AnswerProblem['problem'] | null {
  const hasOption = (o: string) => q.options.some((x) => x.key === o);
  switch (q.type) {
    case 'single_choice':
    case 'yes_no':
      if (typeof a !== 'string') return 'wrong_type';
      return hasOption(a) ? null : 'unknown_option';
    case 'multi_choice':
      if (!Array.isArray(a)) return 'wrong_type';
      return a.every(hasOption) && new Set(a).size === a.length ? null : 'unknown_option';
    case 'number':
      if (typeof a !== 'number' || !Number.isInteger(a)) return 'wrong_type';
      return bandOf(q, a) ? null : 'out_of_bands';
  }
}
const bandOf = (q: Question, n: number) => q.bands.find((b) => n >= b.min && (b.max === null || n < b.max));

/** A question's score in ten-thousandths, or null when unanswered. The answer must fit (`checkAnswers`). */
export function questionScore(q: Question, a: Answers[string] | undefined): bigint | null {
  if (a === undefined || a === null) return null;
  const optionScore = (k: string) => tenThousandths(q.options.find((o) => o.key === k)!.score);
  if (q.type === 'number') return tenThousandths(bandOf(q, a as number)!.score);
  if (q.type === 'multi_choice') {
    const chosen = a as string[];
    if (!chosen.length) return null;
    const sum = chosen.reduce((acc, k) => acc + optionScore(k), 0n);
    return sum > SCALE ? SCALE : sum;
  }
  return optionScore(a as string);
}

/** Scores a set of answers (that fit the definition) exactly. */
export function scoreAnswers(def: Definition, answers: Answers): ScoreResult {
  const questions = new Map(def.questions.map((q) => [q.key, q]));
  const indicatorScores = def.indicators.map((ind) => {
    const scores = ind.questions.map((k) => questionScore(questions.get(k)!, answers[k])).filter((s): s is bigint => s !== null);
    const score = scores.length ? reduce({ n: scores.reduce((a, b) => a + b, 0n), d: SCALE * BigInt(scores.length) }) : null;
    return { ind, score, answered: scores.length };
  });
  const dimensionScores = DIMENSIONS.map((key) => {
    const dim = def.dimensions.find((d) => d.key === key)!;
    const scored = indicatorScores.filter((i) => i.ind.dimension === key && i.score);
    const score = weightedMean(scored.map((i) => ({ w: tenThousandths(i.ind.weight), s: i.score! })));
    return { dim, score, below: score !== null && less(score, frac(tenThousandths(dim.threshold))) };
  });
  const composite = weightedMean(dimensionScores.filter((d) => d.score).map((d) => ({ w: tenThousandths(d.dim.weight), s: d.score! })));
  const fired = def.triggers.filter((t) => {
    if (t.kind === 'dimension_below_threshold') return dimensionScores.find((d) => d.dim.key === t.dimension)!.below;
    const a = answers[t.question];
    return a === t.option || (Array.isArray(a) && a.includes(t.option));
  });
  return {
    indicators: indicatorScores.map((i) => ({ key: i.ind.key, dimension: i.ind.dimension, score: i.score && roundHalfEven4(i.score), answered: i.answered })),
    dimensions: dimensionScores.map((d) => ({ key: d.dim.key, score: d.score && roundHalfEven4(d.score), belowThreshold: d.below })),
    composite: composite && roundHalfEven4(composite),
    triggers: fired.map((t) => ({ key: t.key, action: t.action })),
  };
}

import { describe, expect, it } from 'vitest';
import { definitionSchema, type DefinitionInput } from '../schemas/monitoring.js';
import { DEFAULT_DEFINITION } from './default-instrument.js';
import { checkAnswers, roundHalfEven4, scoreAnswers } from './score.js';

const L = (s: string) => ({ en: s, fr: `${s} fr`, es: `${s} es`, ar: `${s} ar` });
const yesNo = (key: string, yes: number) => ({ key, type: 'yes_no' as const, label: L(key), options: [{ key: 'yes', label: L('yes'), score: yes }, { key: 'no', label: L('no'), score: 1 - yes }] });

function sample(): DefinitionInput {
  return {
    dimensions: [{ key: 'economic', weight: 2, threshold: 0.5 }, { key: 'social', weight: 1, threshold: 0.5 }, { key: 'psychosocial', weight: 1, threshold: 0.4 }],
    indicators: [
      { key: 'e1', dimension: 'economic', label: L('e1'), weight: 1, questions: ['a'] },
      { key: 'e2', dimension: 'economic', label: L('e2'), weight: 2, questions: ['b', 'c'] },
      { key: 's1', dimension: 'social', label: L('s1'), weight: 1, questions: ['d'] },
      { key: 'p1', dimension: 'psychosocial', label: L('p1'), weight: 1, questions: ['e'] },
    ],
    questions: [
      { key: 'a', type: 'single_choice', label: L('a'), options: [{ key: 'high', label: L('h'), score: 1 }, { key: 'mid', label: L('m'), score: 0.3333 }, { key: 'low', label: L('l'), score: 0 }] },
      yesNo('b', 1),
      { key: 'c', type: 'number', label: L('c'), bands: [{ min: 0, max: 3, score: 0 }, { min: 3, max: null, score: 0.75 }] },
      { key: 'd', type: 'multi_choice', label: L('d'), options: [{ key: 'x', label: L('x'), score: 0.5 }, { key: 'y', label: L('y'), score: 0.6 }, { key: 'z', label: L('z'), score: 0 }] },
      yesNo('e', 0),
    ],
    triggers: [
      { key: 'p_low', kind: 'dimension_below_threshold', dimension: 'psychosocial', action: 'referral', label: L('t1') },
      { key: 's_low', kind: 'dimension_below_threshold', dimension: 'social', action: 'follow_up_task', label: L('t2') },
      { key: 'distress', kind: 'answer_equals', question: 'e', option: 'yes', action: 'referral', label: L('t3') },
    ],
  };
}
const def = () => definitionSchema.parse(sample());

describe('exact scoring', () => {
  it('scores indicators, dimensions and the composite with hand-computed figures', () => {
    const r = scoreAnswers(def(), { a: 'mid', b: 'yes', c: 5, d: ['x', 'y'], e: 'yes' });
    // e1 = 0.3333; e2 = (1 + 0.75) / 2 = 0.875; multiple choice 0.5 + 0.6 capped at 1.
    expect(r.indicators).toEqual([
      { key: 'e1', dimension: 'economic', score: '0.3333', answered: 1 },
      { key: 'e2', dimension: 'economic', score: '0.8750', answered: 2 },
      { key: 's1', dimension: 'social', score: '1.0000', answered: 1 },
      { key: 'p1', dimension: 'psychosocial', score: '0.0000', answered: 1 },
    ]);
    // economic = (1 × 0.3333 + 2 × 0.875) / 3 = 20833/30000 = 0.69443…
    // composite = (2 × 20833/30000 + 1 × 1 + 1 × 0) / 4 = 71666/120000 = 0.597216…
    expect(r.dimensions).toEqual([
      { key: 'economic', score: '0.6944', belowThreshold: false },
      { key: 'social', score: '1.0000', belowThreshold: false },
      { key: 'psychosocial', score: '0.0000', belowThreshold: true },
    ]);
    expect(r.composite).toBe('0.5972');
    expect(r.triggers).toEqual([{ key: 'p_low', action: 'referral' }, { key: 'distress', action: 'referral' }]);
  });

  it('leaves unanswered questions out, and an indicator or dimension with no answer unscored', () => {
    const r = scoreAnswers(def(), { a: 'mid', b: 'yes', c: null, d: [], e: 'no' });
    // e2 = 1 (c unanswered); economic = (0.3333 + 2) / 3 = 23333/30000 = 0.77776…
    expect(r.indicators.find((i) => i.key === 'e2')).toEqual({ key: 'e2', dimension: 'economic', score: '1.0000', answered: 1 });
    expect(r.indicators.find((i) => i.key === 's1')!.score).toBeNull();
    expect(r.dimensions.map((d) => d.score)).toEqual(['0.7778', null, '1.0000']);
    // composite over the scored dimensions only: (2 × 23333/30000 + 1) / 3 = 76666/90000 = 0.85184…
    expect(r.composite).toBe('0.8518');
    // An unscored dimension is not below its threshold.
    expect(r.triggers).toEqual([]);
  });

  it('gives no composite when nothing is answered', () => {
    const r = scoreAnswers(def(), {});
    expect(r.composite).toBeNull();
    expect(r.dimensions.every((d) => d.score === null && !d.belowThreshold)).toBe(true);
  });

  it('rounds half to even only at the end', () => {
    expect(roundHalfEven4({ n: 5n, d: 100_000n })).toBe('0.0000');
    expect(roundHalfEven4({ n: 15n, d: 100_000n })).toBe('0.0002');
    expect(roundHalfEven4({ n: 25n, d: 100_000n })).toBe('0.0002');
    expect(roundHalfEven4({ n: 2n, d: 3n })).toBe('0.6667');
    expect(roundHalfEven4({ n: 1n, d: 1n })).toBe('1.0000');
    // Three thirds of 0.3333 weighted 1, 1, 1 stay 0.3333, not a float's 0.33329999.
    const d = sample();
    d.indicators[0]!.questions = ['a'];
    const r = scoreAnswers(definitionSchema.parse(d), { a: 'mid' });
    expect(r.dimensions[0]!.score).toBe('0.3333');
  });

  it('names answers that do not fit the definition', () => {
    expect(checkAnswers(def(), { a: 'none', b: ['yes'], c: 2.5 as number, zz: 'x', d: ['x', 'x'], e: null })).toEqual([
      { question: 'a', problem: 'unknown_option' },
      { question: 'b', problem: 'wrong_type' },
      { question: 'c', problem: 'wrong_type' },
      { question: 'zz', problem: 'unknown_question' },
      { question: 'd', problem: 'unknown_option' },
    ]);
  });
});

describe('definition validation', () => {
  const issues = (d: DefinitionInput) => {
    const r = definitionSchema.safeParse(d);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('accepts the built-in default: 15 indicators in the three dimensions, provisional equal weights', () => {
    expect(issues(DEFAULT_DEFINITION)).toEqual([]);
    expect(DEFAULT_DEFINITION.indicators).toHaveLength(15);
    expect(DEFAULT_DEFINITION.indicators.filter((i) => i.dimension === 'economic')).toHaveLength(5);
    expect(DEFAULT_DEFINITION.indicators.filter((i) => i.dimension === 'social')).toHaveLength(5);
    expect(DEFAULT_DEFINITION.indicators.filter((i) => i.dimension === 'psychosocial')).toHaveLength(5);
  });
  it('refuses duplicate keys, unknown or unused questions, and bad references', () => {
    const d = sample();
    d.indicators[1]!.key = 'e1';
    d.indicators[2]!.questions = ['nope'];
    d.triggers![2] = { key: 'distress', kind: 'answer_equals', question: 'e', option: 'maybe', action: 'referral', label: L('t') };
    expect(issues(d)).toEqual([
      'indicators.1.key: monitoring.issue.duplicateKey',
      'indicators.2.questions.0: monitoring.issue.unknownQuestion',
      'questions.3.key: monitoring.issue.questionUnused',
      'triggers.2.option: monitoring.issue.unknownOption',
    ]);
  });
  it('refuses scores outside [0, 1], non-positive weights, a missing language and an indicator without questions', () => {
    const d = sample();
    d.questions[0]!.options![0]!.score = 1.5;
    d.indicators[0]!.weight = 0;
    d.dimensions[1]!.weight = 0.12345;
    delete (d.questions[1]!.label as Partial<Record<string, string>>).ar;
    d.indicators[3]!.questions = [];
    const paths = issues(d).map((s) => s.split(':')[0]);
    expect(paths).toEqual(expect.arrayContaining(['questions.0.options.0.score', 'indicators.0.weight', 'dimensions.1.weight', 'questions.1.label.ar', 'indicators.3.questions']));
  });
  it('refuses overlapping bands and yes/no questions without exactly yes and no', () => {
    const d = sample();
    d.questions[2]!.bands = [{ min: 0, max: 4, score: 0 }, { min: 3, max: null, score: 1 }];
    d.questions[1]!.options = [{ key: 'yes', label: L('y'), score: 1 }];
    expect(issues(d)).toEqual(['questions.1.options: monitoring.issue.yesNo', 'questions.2.bands.1.min: monitoring.issue.bandOverlap']);
  });
});

/** Pure monitoring code shared by the server and the web app: exact scoring and the built-in instrument. */
export { scoreAnswers, checkAnswers, questionScore, roundHalfEven4, tenThousandths, type AnswerProblem } from './score.js';
export { DEFAULT_DEFINITION, DEFAULT_INSTRUMENT_KEY, DEFAULT_INSTRUMENT_NAME } from './default-instrument.js';

import { checkAnswers, scoreAnswers } from '../../../shared/monitoring/index.js';
import type { Answers, Definition } from '../../../shared/schemas/monitoring.js';
import type { UseCaseContext } from '../../platform/use-case.js';
import { requireInstrumentReader } from './access.js';
import { definitionOf, loadVersion } from './instruments.repo.js';
import { errors } from './monitoring.errors.js';

/** Exact scores of answers under a definition; answers that do not fit are refused (400), never dropped. */
export function scoreOrRefuse(definition: Definition, answers: Answers) {
  const problems = checkAnswers(definition, answers);
  if (problems.length) throw errors.MONITORING_ANSWER_INVALID({ field: `answers.${problems[0]!.question}`, problems });
  return scoreAnswers(definition, answers);
}

/** Scores a set of answers against a version without saving anything (the editor's scoring test). */
export async function scoreWithVersion({ versionId, answers }: { versionId: string; answers: Answers }, ctx: UseCaseContext) {
  requireInstrumentReader(ctx.actor);
  const v = await loadVersion(ctx.db, versionId);
  return { versionId: v.id, versionNumber: v.number, ...scoreOrRefuse(definitionOf(v), answers) };
}

/**
 * What other capabilities use of cases: the case queries and the cache keys they refresh after a
 * change, the stage badge and how a person's or a household's name is shown. The types of a case
 * are those of `shared/schemas/cases.ts`.
 */
export { caseKeys, caseQuery, changeCase, useCaseTabAction, useCaseAttachments, useCaseChanged, useCaseSearch, useStageCounts } from './api';
export type { CaseWithEtag, StageCounts } from './api';
export { StageBadge } from './stage-badge';
export { fullName, principalNameOf, STAGE_COLOURS } from './case-display';

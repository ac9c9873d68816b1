/**
 * What other capabilities use of cases: the case queries and the cache keys they refresh after a
 * change, and the stage badge. Types of a case come from `./model` until they are inferred from
 * `shared/schemas`.
 */
export { caseKeys, changeCase, useCaseAttachments, useCaseChanged, useCaseSearch, useStageCounts } from './api';
export type { CaseWithEtag, StageCounts } from './api';
export { StageBadge } from './stage-badge';

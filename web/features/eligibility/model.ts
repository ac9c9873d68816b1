// The eligibility vocabulary and answers as the server defines them (shared/), under the names the
// eligibility screens use.
export { LEGAL_STATUSES } from '../../../shared/cases';
export { VULNERABILITY_CATEGORIES } from '../../../shared/protection';
export { ENTITLEMENT_COMPONENTS, PROJECT_STATUSES } from '../../../shared/schemas/eligibility';
export type {
  CaseEligibilityView as CaseEligibility,
  Criteria,
  CriterionResult,
  EligibilityCheckView as EligibilityCheck,
  EntitlementComponent,
  EntitlementResult,
  Entitlements,
  ProjectInput,
  ProjectStatus,
  ProjectView as Project,
  RulesView as RulesVersion,
} from '../../../shared/schemas/eligibility';
export type Donor = import('../../../shared/schemas/eligibility').ProjectView['donors'][number];

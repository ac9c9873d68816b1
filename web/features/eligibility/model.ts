import type { CriterionResult, EntitlementResult, Criteria, Entitlements, EntitlementComponent } from '../../../shared/schemas/eligibility';

export type { CriterionResult, EntitlementResult, Criteria, Entitlements, EntitlementComponent };

export const PROJECT_STATUSES = ['draft', 'active', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export const ENTITLEMENT_COMPONENTS = ['travel', 'installation_grant', 'reintegration_cash', 'reintegration_in_kind', 'medical'] as const;
export const VULNERABILITY_CATEGORIES = [
  'trafficking_victim', 'unaccompanied_child', 'separated_child', 'medical_physical', 'medical_mental_health', 'disability', 'elderly',
  'pregnant', 'single_parent', 'violence_victim', 'other',
] as const;
export const LEGAL_STATUSES = ['asylum_pending', 'asylum_rejected', 'irregular_stay', 'regular_stay', 'stranded_migrant', 'other'] as const;

export interface Donor {
  name: string;
  sharePercent: number;
}
export interface Project {
  id: string;
  code: string;
  name: string;
  donors: Donor[];
  hostCountries: string[];
  returnCountries: string[];
  startsOn: string;
  endsOn: string;
  budgetMinor: number | null;
  currency: string;
  status: ProjectStatus;
  publishedRulesVersion: number | null;
  version: number;
}
export type ProjectInput = Omit<Project, 'id' | 'version' | 'publishedRulesVersion'>;

export interface RulesVersion {
  id: string;
  projectId: string;
  rulesVersion: number;
  status: 'draft' | 'published';
  criteria: Criteria;
  entitlements: Entitlements;
  notes: string | null;
  createdAt: string;
  createdByName: string | null;
  publishedAt: string | null;
  publishedByName: string | null;
  version: number;
}

export interface EligibilityCheck {
  id: string;
  projectId: string;
  projectCode: string;
  projectName: string;
  rulesVersion: number;
  outcome: 'eligible' | 'ineligible';
  criteria: CriterionResult[];
  entitlement: EntitlementResult;
  checkedAt: string;
  checkedByName: string;
  confirmedAt: string | null;
  confirmedByName: string | null;
  finalOutcome: 'eligible' | 'ineligible' | null;
  overrideReason: string | null;
  outdated: boolean;
  outdatedAt: string | null;
}
export interface CaseEligibility {
  caseId: string;
  caseVersion: number;
  stage: string;
  countryOfReturn: string;
  hostCountry: string;
  hostArrivalDate: string | null;
  project: { id: string; code: string; name: string; status: ProjectStatus; currency: string; publishedRulesVersion: number | null } | null;
  status: 'none' | 'unconfirmed' | 'outdated' | 'confirmed';
  check: EligibilityCheck | null;
}

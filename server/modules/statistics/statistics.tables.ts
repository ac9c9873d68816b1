import type { StatReportTable } from './annual-report.tables.js';

/**
 * Tables of the statistics module (migration 0036), kept by triggers in the transaction of every
 * write that changes a counted fact: what each case contributes, and the sums per cell.
 */
export interface StatFactColumns {
  year: number;
  month: number;
  kind: string;
  office_id: string;
  origin_office_id: string | null;
  organisation_id: string;
  host_country: string;
  origin_country: string;
  project_id: string | null;
  sex: string;
  age_band: string;
  legal_status: string;
  household_band: string;
  restricted: boolean;
  returnees: number;
  households: number;
}

export interface StatCaseFactTable extends StatFactColumns {
  case_id: string;
}

export type StatReturnFactTable = StatFactColumns;

type Sums = Pick<StatFactColumns, 'kind' | 'year' | 'office_id' | 'origin_office_id' | 'organisation_id' | 'host_country' | 'origin_country' | 'returnees' | 'households'>;

/** The coarser sums of the same cells, each with fewer keys. */
export type StatGeoFactTable = Sums & Pick<StatFactColumns, 'project_id'>;
export type StatMonthFactTable = Sums & Pick<StatFactColumns, 'month' | 'project_id'>;
export type StatDemographyFactTable = Sums & Pick<StatFactColumns, 'sex' | 'age_band'>;
export type StatLegalFactTable = Sums & Pick<StatFactColumns, 'legal_status'>;
export type StatHouseholdFactTable = Sums & Pick<StatFactColumns, 'household_band'>;
/** Legal status and household size by sex and age band (migration 0072). */
export type StatLegalDemographyFactTable = Sums & Pick<StatFactColumns, 'project_id' | 'legal_status' | 'sex' | 'age_band'>;
export type StatHouseholdDemographyFactTable = Sums & Pick<StatFactColumns, 'project_id' | 'household_band' | 'sex' | 'age_band'>;
/** The two tables above summed over every year (migration 0077). */
export type StatLegalAllYearsFactTable = Omit<StatLegalDemographyFactTable, 'year'>;
export type StatHouseholdAllYearsFactTable = Omit<StatHouseholdDemographyFactTable, 'year'>;
/** Returns per month by sex and age band (migration 0078). */
export type StatMonthDemographyFactTable = Sums & Pick<StatFactColumns, 'month' | 'sex' | 'age_band'>;

/** Vulnerable returnees by category (migration 0039): what each case contributes, and the sums per cell. */
export interface StatVulnerabilityFactTable {
  kind: string;
  year: number;
  office_id: string;
  origin_office_id: string | null;
  organisation_id: string;
  host_country: string;
  origin_country: string;
  project_id: string | null;
  sex: string;
  age_band: string;
  category: string;
  returnees: number;
}
export interface StatVulnerabilityCaseFactTable extends StatVulnerabilityFactTable {
  case_id: string;
}

/** Reintegration money (migration 0042): per grain, group, measure and currency; what each case contributes, and the sums per cell. */
export interface StatMoneyFactTable {
  grain: string;
  kind: string;
  year: number;
  office_id: string;
  origin_office_id: string | null;
  organisation_id: string;
  host_country: string;
  origin_country: string;
  project_id: string | null;
  sex: string;
  age_band: string;
  group_key: string;
  measure: string;
  currency: string;
  /** Minor units; bigint, read as a JavaScript number (platform/db.ts). */
  amount_minor: number;
  cases: number;
  returnees: number;
}
export interface StatMoneyCaseFactTable extends StatMoneyFactTable {
  case_id: string;
}

export interface StatisticsTables {
  stat_report: StatReportTable;
  stat_case_fact: StatCaseFactTable;
  stat_return_fact: StatReturnFactTable;
  stat_geo_fact: StatGeoFactTable;
  stat_month_fact: StatMonthFactTable;
  stat_demography_fact: StatDemographyFactTable;
  stat_legal_fact: StatLegalFactTable;
  stat_household_fact: StatHouseholdFactTable;
  stat_legal_demography_fact: StatLegalDemographyFactTable;
  stat_household_demography_fact: StatHouseholdDemographyFactTable;
  stat_legal_all_years_fact: StatLegalAllYearsFactTable;
  stat_household_all_years_fact: StatHouseholdAllYearsFactTable;
  stat_month_demography_fact: StatMonthDemographyFactTable;
  stat_vulnerability_fact: StatVulnerabilityFactTable;
  stat_vulnerability_case_fact: StatVulnerabilityCaseFactTable;
  stat_money_fact: StatMoneyFactTable;
  stat_money_case_fact: StatMoneyCaseFactTable;
}

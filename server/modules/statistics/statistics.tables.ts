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

export interface StatisticsTables {
  stat_case_fact: StatCaseFactTable;
  stat_return_fact: StatReturnFactTable;
}

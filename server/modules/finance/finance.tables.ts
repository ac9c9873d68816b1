import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from '../../platform/db.js';

type Bigint = ColumnType<number, number | bigint, number | bigint>;

/** Tables the finance module writes (migration 0022): the rate table, budget lines and their ledger. */
export interface ExchangeRateTable {
  id: Generated<string>;
  from_currency: string;
  to_currency: string;
  /** numeric: an exact decimal, read and written as a string, never a float. */
  rate: string;
  effective_from: string;
  source: string;
  reason: string | null;
  entered_by: string;
  entered_at: Generated<Date>;
}

export interface BudgetLineTable {
  id: Generated<string>;
  project_id: string;
  code: string;
  name: string;
  component_types: string[];
  donor: string;
  amount_minor: Bigint;
  currency: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface BudgetEntryTable {
  id: Generated<string>;
  budget_line_id: string;
  kind: 'commitment' | 'release' | 'disbursement' | 'reversal';
  amount_minor: Bigint;
  currency: string;
  case_id: string | null;
  reference: string | null;
  override_reason: string | null;
  entered_by: string;
  entered_at: Generated<Date>;
}

export interface FinanceTables {
  exchange_rate: ExchangeRateTable;
  budget_line: BudgetLineTable;
  budget_entry: BudgetEntryTable;
}

/** What the data table draws, from what its query says. */
export type TableView = 'loading' | 'error' | 'empty' | 'empty-row' | 'rows';

export function tableView(state: {
  rows: readonly unknown[] | undefined;
  loading?: boolean;
  error?: unknown;
  emptyWithoutTable?: boolean;
}): TableView {
  // Rows already shown stay while a later page or order loads, or when a refetch fails.
  if (state.rows === undefined) {
    if (state.error) return 'error';
    return 'loading';
  }
  if (state.rows.length === 0) return state.emptyWithoutTable ? 'empty' : 'empty-row';
  return 'rows';
}

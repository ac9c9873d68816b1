import { describe, expect, it } from 'vitest';
import { tableView } from './table-view';

describe('what the data table draws', () => {
  it('a loader before the first answer, the failure when there is none', () => {
    expect(tableView({ rows: undefined, loading: true })).toBe('loading');
    expect(tableView({ rows: undefined, error: new Error('x') })).toBe('error');
  });

  it('keeps rows already shown while the next page loads or a refetch fails', () => {
    expect(tableView({ rows: [1], loading: true })).toBe('rows');
    expect(tableView({ rows: [1], error: new Error('x') })).toBe('rows');
  });

  it('says there is nothing inside the table, or alone when asked', () => {
    expect(tableView({ rows: [] })).toBe('empty-row');
    expect(tableView({ rows: [], emptyWithoutTable: true })).toBe('empty');
  });
});

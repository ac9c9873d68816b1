import { Table } from '@mantine/core';
import { useIntl } from 'react-intl';

interface SortableHeaderProps<K extends string> {
  column: K;
  label: string;
  sort: K | undefined;
  order: 'asc' | 'desc' | undefined;
  onSort: (column: K, order: 'asc' | 'desc') => void;
}

/** A column header whose button toggles the order; `aria-sort` tells screen readers the state. */
export function SortableHeader<K extends string>({ column, label, sort, order, onSort }: SortableHeaderProps<K>) {
  const intl = useIntl();
  const active = sort === column;
  const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  const next: 'asc' | 'desc' = active && order === 'asc' ? 'desc' : 'asc';
  return (
    <Table.Th aria-sort={ariaSort} scope="col">
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort(column, next)}
        title={intl.formatMessage({ id: next === 'asc' ? 'table.sortAscending' : 'table.sortDescending' })}
      >
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </Table.Th>
  );
}

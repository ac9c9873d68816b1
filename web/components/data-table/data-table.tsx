import { Checkbox, Loader, Stack, Table, Text } from '@mantine/core';
import { createColumnHelper, tableFeatures, useTable, type RowData } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../api-error-alert';
import { Pager, type PagerProps } from './pager';
import { SortableHeader } from './sortable-header';
import { tableView } from './table-view';

export interface DataColumn<T, K extends string = string> {
  id: string;
  /** Catalogue id of the column's header. */
  header: string;
  /** A header that is data, not a word of the app (the columns of an uploaded file): shown as is, isolated. */
  headerText?: string;
  cell: (row: T) => ReactNode;
  /** The server's sort key: makes the header a button that sorts by it. */
  sortKey?: K;
  /** Keeps dates, numbers and codes on one line. */
  nowrap?: boolean;
  /** The cell's title (a full time behind a short one, say). */
  title?: (row: T) => string | undefined;
}

export interface DataTableSort<K extends string> {
  key: K | undefined;
  order: 'asc' | 'desc' | undefined;
  onSort: (key: K, order: 'asc' | 'desc') => void;
}

export interface DataTableProps<T, K extends string = string> {
  columns: DataColumn<T, K>[];
  /** Undefined while nothing has loaded yet. */
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  /** The table's visible caption, which also names it for screen readers. */
  caption?: ReactNode;
  /** Catalogue id of the line shown when there are no rows. */
  empty: string;
  /** Without rows, show the empty line alone rather than an empty table. */
  emptyWithoutTable?: boolean;
  loading?: boolean;
  /** A refetch in progress: rows stay, the table says it is busy. */
  fetching?: boolean;
  error?: unknown;
  errorScope?: string;
  sort?: DataTableSort<K>;
  paging?: Omit<PagerProps, 'rowsOnPage'>;
  /** Buttons for one row, in a last "Actions" column. */
  rowActions?: (row: T) => ReactNode;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
  /** Rows can be chosen (for an action on several at once): a first column of labelled checkboxes. */
  selection?: DataTableSelection<T>;
}

export interface DataTableSelection<T> {
  /** Keys (`rowKey`) of the chosen rows. */
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  /** What a row's checkbox says to a screen reader ("Choose case BE-2026-0001"). */
  rowLabel: (row: T) => string;
}

const features = tableFeatures({});

/**
 * The one table of the web app. Sorting and paging are the server's (the screen holds the state
 * and the query); the table draws the header buttons (`aria-sort`), the pager, and the loading,
 * failed and empty states. Rows come from TanStack Table's model, so a screen that sorts or pages
 * in the browser later adds the feature to `features` without new markup.
 */
export function DataTable<T extends RowData, K extends string = string>(props: DataTableProps<T, K>) {
  const { columns, rows, rowKey, caption, empty, sort, paging, rowActions, minWidth, selection } = props;
  const intl = useIntl();
  const all = useMemo(() => {
    const list: DataColumn<T, K>[] = selection
      ? [{
          id: '__select',
          header: 'common.choose',
          cell: (row: T) => (
            <Checkbox
              aria-label={selection.rowLabel(row)}
              checked={selection.selected.has(rowKey(row))}
              onChange={(e) => {
                const next = new Set(selection.selected);
                if (e.currentTarget.checked) next.add(rowKey(row));
                else next.delete(rowKey(row));
                selection.onChange(next);
              }}
            />
          ),
        }, ...columns]
      : [...columns];
    if (rowActions) list.push({ id: '__actions', header: 'common.actions', cell: rowActions, nowrap: true });
    return list;
  }, [columns, rowActions, selection, rowKey]);
  const defs = useMemo(() => {
    const helper = createColumnHelper<typeof features, T>();
    return helper.columns(all.map((c) => helper.display({ id: c.id, cell: (ctx) => c.cell(ctx.row.original) })));
  }, [all]);
  const data = useMemo(() => rows ?? [], [rows]);
  const table = useTable({ features, columns: defs, data, getRowId: (row) => rowKey(row) });
  const view = tableView({ rows, loading: props.loading, error: props.error, emptyWithoutTable: props.emptyWithoutTable });
  const byId = new Map(all.map((c) => [c.id, c]));

  if (view === 'loading') return <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (view === 'error') return <ApiErrorAlert error={props.error} scope={props.errorScope} />;
  if (view === 'empty') {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id={empty} />
      </Text>
    );
  }
  return (
    <Stack gap="sm" aria-busy={props.fetching || undefined}>
      {props.error ? <ApiErrorAlert error={props.error} scope={props.errorScope} /> : null}
      <Table.ScrollContainer minWidth={minWidth ?? 0}>
        <Table striped highlightOnHover verticalSpacing="sm">
          {caption ? <Table.Caption>{caption}</Table.Caption> : null}
          <Table.Thead>
            <Table.Tr>
              {all.map((c) =>
                c.id === '__select' && selection ? (
                  <Table.Th key={c.id} scope="col">
                    <SelectAll rows={rows ?? []} rowKey={rowKey} selection={selection} label={intl.formatMessage({ id: 'common.chooseAll' })} />
                  </Table.Th>
                ) : sort && c.sortKey ? (
                  <SortableHeader
                    key={c.id}
                    column={c.sortKey}
                    label={intl.formatMessage({ id: c.header })}
                    sort={sort.key}
                    order={sort.order}
                    onSort={sort.onSort}
                  />
                ) : (
                  <Table.Th key={c.id} scope="col">
                    {c.headerText !== undefined ? <bdi>{c.headerText}</bdi> : <FormattedMessage id={c.header} />}
                  </Table.Th>
                ),
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view === 'empty-row' ? (
              <Table.Tr>
                <Table.Td colSpan={all.length}>
                  <Text c="dimmed" size="sm" py="md" ta="center">
                    <FormattedMessage id={empty} />
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <Table.Tr key={row.id}>
                  {row.getAllCells().map((cell) => {
                    const column = byId.get(cell.column.id);
                    return (
                      <Table.Td key={cell.id} className={column?.nowrap ? 'nowrap' : undefined} title={column?.title?.(row.original)}>
                        <table.FlexRender cell={cell} />
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {paging ? <Pager {...paging} rowsOnPage={rows?.length ?? 0} /> : null}
    </Stack>
  );
}

/** The header's checkbox: chooses every row shown, or none; mixed when some are chosen. */
function SelectAll<T>({ rows, rowKey, selection, label }: { rows: T[]; rowKey: (row: T) => string; selection: DataTableSelection<T>; label: string }) {
  const keys = rows.map(rowKey);
  const chosen = keys.filter((k) => selection.selected.has(k)).length;
  return (
    <Checkbox
      aria-label={label}
      checked={keys.length > 0 && chosen === keys.length}
      indeterminate={chosen > 0 && chosen < keys.length}
      onChange={(e) => {
        const next = new Set(selection.selected);
        for (const k of keys) {
          if (e.currentTarget.checked) next.add(k);
          else next.delete(k);
        }
        selection.onChange(next);
      }}
    />
  );
}

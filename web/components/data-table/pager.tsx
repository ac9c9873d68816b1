import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

export interface PagerProps {
  page: number;
  pageSize: number;
  /** Known total; when the server only says whether there is more, pass `hasMore` instead. */
  total?: number;
  hasMore?: boolean;
  /** Rows on this page, for the "showing" line when the total is unknown. */
  rowsOnPage?: number;
  onPage: (page: number) => void;
  onPageSize?: (pageSize: number) => void;
  pageSizes?: number[];
}

export function Pager({ page, pageSize, total, hasMore, rowsOnPage = 0, onPage, onPageSize, pageSizes = [10, 20, 50, 100] }: PagerProps) {
  const intl = useIntl();
  const known = total !== undefined;
  const pages = known ? Math.max(1, Math.ceil(total / pageSize)) : undefined;
  const first = (known ? total : rowsOnPage) === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = known ? Math.min(total, page * pageSize) : (page - 1) * pageSize + rowsOnPage;
  const canNext = known ? page < (pages ?? 1) : Boolean(hasMore);
  return (
    <nav aria-label={intl.formatMessage({ id: 'pager.label' })}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" aria-live="polite">
          {known ? (
            <FormattedMessage id="pager.range" values={{ first, last, total }} />
          ) : (
            <FormattedMessage id="pager.rangeOpen" values={{ first, last }} />
          )}
        </Text>
        <Group gap="xs" wrap="wrap" align="flex-end">
          {onPageSize && (
            <NativeSelect
              size="xs"
              label={intl.formatMessage({ id: 'pager.pageSize' })}
              value={String(pageSize)}
              onChange={(e) => onPageSize(Number(e.currentTarget.value))}
              data={pageSizes.map((n) => String(n))}
            />
          )}
          <Button size="xs" variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            <FormattedMessage id="pager.previous" />
          </Button>
          <Text size="sm">
            {pages !== undefined ? (
              <FormattedMessage id="pager.pageOf" values={{ page, pages }} />
            ) : (
              <FormattedMessage id="pager.page" values={{ page }} />
            )}
          </Text>
          <Button size="xs" variant="default" disabled={!canNext} onClick={() => onPage(page + 1)}>
            <FormattedMessage id="pager.next" />
          </Button>
        </Group>
      </Group>
    </nav>
  );
}

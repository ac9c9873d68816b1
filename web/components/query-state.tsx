import { Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from './api-error-alert';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** Catalogue id of the line shown when `isEmpty` says there is nothing. */
  empty?: string;
  isEmpty?: (data: T) => boolean;
  /** Catalogue scope of the capability's own refusals (see ApiErrorAlert). */
  errorScope?: string;
  children: (data: T) => ReactNode;
}

/**
 * What every screen shows while a query loads, when it fails and when it has nothing, then the
 * data. The loader is labelled for screen readers; the failure is an alert.
 */
export function QueryState<T>({ query, empty, isEmpty, errorScope, children }: QueryStateProps<T>) {
  const intl = useIntl();
  if (query.isPending) return <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (query.isError || query.data === undefined) return <ApiErrorAlert error={query.error} scope={errorScope} />;
  if (empty && isEmpty?.(query.data)) {
    return (
      <Text size="sm" c="dimmed">
        <FormattedMessage id={empty} />
      </Text>
    );
  }
  return <>{children(query.data)}</>;
}

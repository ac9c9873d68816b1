import { Alert } from '@mantine/core';
import { useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { isApiError } from '../../lib/api';

/** The travel refusals in the user's language (`travel.error.<CODE>`); anything else as the app shows errors. */
export function TravelErrorAlert({ error }: { error: unknown }) {
  const intl = useIntl();
  if (!error) return null;
  const key = isApiError(error) ? `travel.error.${error.code}` : '';
  if (key && key in intl.messages) {
    return (
      <Alert color="red" role="alert" title={intl.formatMessage({ id: 'travel.error.title' })}>
        {intl.formatMessage({ id: key })}
      </Alert>
    );
  }
  return <ApiErrorAlert error={error} />;
}

import { Alert, List } from '@mantine/core';
import { useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { isApiError } from '../../lib/api';

/** A refusal of a decisions action, in the user's language when the catalogue knows its code. */
export function DecisionsError({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const intl = useIntl();
  if (!error) return null;
  if (isApiError(error)) {
    const key = `decisions.error.${error.code}`;
    if (key in intl.messages) {
      const members = Array.isArray(error.details?.members) ? (error.details.members as { personId: string; name: string }[]) : [];
      return (
        <Alert color="red" role="alert" title={intl.formatMessage({ id: 'decisions.error.title' })}>
          {intl.formatMessage({ id: key })}
          {members.length > 0 && (
            <List size="sm" mt="xs">
              {members.map((m) => (
                <List.Item key={m.personId}>{m.name}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      );
    }
  }
  return <ApiErrorAlert error={error} onReload={onReload} />;
}

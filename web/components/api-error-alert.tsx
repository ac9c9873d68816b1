import { Alert, Button, Group, List, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../lib/api';
import { errorMessage, fieldIssues } from '../lib/error-message';

interface ApiErrorAlertProps {
  error: unknown;
  /** Offered when the record changed under the user (412): reload it and try again. */
  onReload?: () => void;
  /** Field issues already shown next to their fields are not repeated here. */
  hideFieldIssues?: boolean;
}

/** Announced to screen readers (role="alert") as soon as it appears. */
export function ApiErrorAlert({ error, onReload, hideFieldIssues }: ApiErrorAlertProps) {
  const intl = useIntl();
  if (!error) return null;
  if (isApiError(error, 'PRECONDITION_FAILED')) {
    return (
      <Alert color="orange" title={intl.formatMessage({ id: 'error.conflict.title' })}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm">
            <FormattedMessage id="error.PRECONDITION_FAILED" />
          </Text>
          {onReload && (
            <Button size="xs" variant="white" color="orange" onClick={onReload}>
              <FormattedMessage id="common.reload" />
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  // A one-field rule already says everything in its message; list only the extra detail.
  const issues = hideFieldIssues ? [] : fieldIssues(error).filter((i) => i.message !== (error as Error).message);
  return (
    <Alert color="red" title={intl.formatMessage({ id: 'error.title' })}>
      <Text size="sm">{errorMessage(intl, error)}</Text>
      {issues.length > 0 && (
        <List size="sm" mt="xs">
          {issues.map((issue) => (
            <List.Item key={`${issue.path}:${issue.message}`}>
              {issue.path ? `${issue.path}: ` : ''}
              {issue.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

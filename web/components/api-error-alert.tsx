import { Alert, Button, Group, List, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { isApiError } from '../lib/api';
import { errorMessage, errorTitle, fieldIssues } from '../lib/error-message';

export interface ApiErrorAlertProps {
  error: unknown;
  /**
   * A capability whose catalogue words its own refusals (`<scope>.error.<CODE>`, title
   * `<scope>.error.title`), e.g. `travel`; codes it does not word fall back to `error.<CODE>`.
   */
  scope?: string;
  /** Offered when the record changed under the user (412): reload it and try again. */
  onReload?: () => void;
  /** Field issues already shown next to their fields are not repeated here. */
  hideFieldIssues?: boolean;
}

/** Names a refusal lists in `details.members` (who still lacks a decision, for instance). */
function detailNames(error: unknown): { key: string; name: string }[] {
  if (!isApiError(error) || !Array.isArray(error.details?.members)) return [];
  return (error.details.members as { personId?: string; name?: string }[])
    .filter((m) => m && typeof m.name === 'string')
    .map((m, i) => ({ key: m.personId ?? String(i), name: m.name as string }));
}

/**
 * The one way a screen shows a refused or failed request. Announced to screen readers
 * (role="alert") as soon as it appears.
 */
export function ApiErrorAlert({ error, scope, onReload, hideFieldIssues }: ApiErrorAlertProps) {
  const intl = useIntl();
  if (!error) return null;
  if (isApiError(error, 'PRECONDITION_FAILED')) {
    return (
      <Alert color="orange" role="alert" title={intl.formatMessage({ id: 'error.conflict.title' })}>
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
  const names = detailNames(error);
  return (
    <Alert color="red" role="alert" title={errorTitle(intl, error, scope)}>
      <Text size="sm">{errorMessage(intl, error, scope)}</Text>
      {(issues.length > 0 || names.length > 0) && (
        <List size="sm" mt="xs">
          {names.map((n) => (
            <List.Item key={n.key}>
              <bdi>{n.name}</bdi>
            </List.Item>
          ))}
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

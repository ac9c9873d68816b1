import { Alert, Anchor, Button, Group, List, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useInRouterContext, useLocation, useParams } from 'react-router';
import { isApiError, seg } from '../lib/api';
import { FIX_TABS, fixTab, type FixTab } from '../lib/error-fix';
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
  /**
   * The case the refusal is about, for the link to the tab that puts it right (e.g. the
   * eligibility tab when an approval waits for the confirmed check). Inside the case page it is
   * the page's own case.
   */
  caseId?: string;
}

/** "Open the Eligibility tab": a link to the case tab where the refusal is put right. */
function FixLink({ tab, caseId }: { tab: FixTab; caseId?: string }) {
  const intl = useIntl();
  const params = useParams();
  const location = useLocation();
  const id = caseId ?? params.caseId;
  if (!id) return null;
  const here = params.caseId === id && new URLSearchParams(location.search).get('tab') === tab;
  if (here) return null;
  return (
    <Anchor component={Link} to={`/cases/${seg(id)}?tab=${tab}`} size="sm" fw={600} display="inline-block" mt="xs">
      <FormattedMessage id="error.fix.openTab" values={{ tab: intl.formatMessage({ id: FIX_TABS[tab] }) }} />
    </Anchor>
  );
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
export function ApiErrorAlert({ error, scope, onReload, hideFieldIssues, caseId }: ApiErrorAlertProps) {
  const intl = useIntl();
  const inRouter = useInRouterContext();
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
  const tab = fixTab(error);
  return (
    <Alert color="red" role="alert" title={errorTitle(intl, error, scope)}>
      <Text size="sm">{errorMessage(intl, error, scope)}</Text>
      {tab && inRouter && <FixLink tab={tab} caseId={caseId} />}
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

import { Alert, Button, Loader, Stack, Tabs } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { PageTitle } from '../../../components/page-title';
import { isApiError } from '../../../lib/api';
import { useCase } from '../api';
import { AttachmentsTab } from './attachments-tab';
import { AuditTab } from './audit-tab';
import { CaseHeader } from './case-header';
import { HouseholdTab } from './household-tab';
import { NotesTab } from './notes-tab';
import { StageTab } from './stage-tab';
import { SummaryTab } from './summary-tab';
import type { CaseTab } from '../../../lib/capability';
import { useSession } from '../../../lib/session';

const CORE_TABS = ['summary', 'household', 'stage', 'notes', 'attachments', 'audit'] as const;

/** The case page; `capabilityTabs` are the tabs the other capabilities offer (given by the app). */
export function CasePage({ capabilityTabs }: { capabilityTabs: CaseTab[] }) {
  const intl = useIntl();
  const { caseId = '' } = useParams();
  // The tab name is not personal data, so it may live in the URL (bookmarkable, back button).
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const { can } = useSession();
  const query = useCase(caseId);

  if (query.isPending) return <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (query.isError) {
    const missing = isApiError(query.error) && query.error.status === 404;
    return (
      <Stack align="flex-start">
        <PageTitle id={missing ? 'case.notFound.title' : 'error.title'} />
        {missing ? (
          <Alert color="yellow" role="status">
            <FormattedMessage id="case.notFound.body" />
          </Alert>
        ) : (
          <ApiErrorAlert error={query.error} />
        )}
        <Button component={Link} to="/cases" variant="default">
          <FormattedMessage id="case.backToList" />
        </Button>
      </Stack>
    );
  }

  const { record, etag } = query.data;
  const extraTabs = capabilityTabs.filter((t) => t.show(record, can));
  // Core tabs first, then the capabilities' (counselling, decision, eligibility...), audit last.
  const tabs = [
    ...CORE_TABS.filter((k) => k !== 'audit').map((k) => ({ key: k, labelId: `case.tab.${k}` })),
    ...extraTabs.map((t) => ({ key: t.key, labelId: t.labelId })),
    { key: 'audit', labelId: 'case.tab.audit' },
  ];
  const tab = tabs.some((t) => t.key === requested) ? (requested as string) : 'summary';
  return (
    <Stack>
      <CaseHeader record={record} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'summary' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        {/* One row that scrolls sideways on tablets instead of wrapping onto three. */}
        <Tabs.List aria-label={intl.formatMessage({ id: 'case.tabs.label' })} className="case-tabs">
          {tabs.map((t) => (
            <Tabs.Tab key={t.key} value={t.key}>
              <FormattedMessage id={t.labelId} />
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          <SummaryTab record={record} etag={etag} />
        </Tabs.Panel>
        <Tabs.Panel value="household" pt="md">
          <HouseholdTab record={record} etag={etag} />
        </Tabs.Panel>
        <Tabs.Panel value="stage" pt="md">
          <StageTab record={record} etag={etag} />
        </Tabs.Panel>
        <Tabs.Panel value="notes" pt="md">
          <NotesTab caseId={record.id} />
        </Tabs.Panel>
        <Tabs.Panel value="attachments" pt="md">
          <AttachmentsTab caseId={record.id} />
        </Tabs.Panel>
        {extraTabs.map((t) => (
          <Tabs.Panel key={t.key} value={t.key} pt="md">
            <t.Panel record={record} etag={etag} />
          </Tabs.Panel>
        ))}
        <Tabs.Panel value="audit" pt="md">
          <AuditTab caseId={record.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

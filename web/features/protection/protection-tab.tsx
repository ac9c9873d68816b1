import { Alert, Loader, Stack } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { useSession } from '../../lib/session';
import type { CaseView as CaseRecord } from '../../../shared/schemas/cases';
import { useCaseStaff, useProtection } from './api';
import { HealthSection } from './health-section';
import { MeasuresSection } from './measures-section';
import { ScreeningSection } from './screening-section';
import { StaffSection } from './staff-section';

export function ProtectionTab({ record }: { record: CaseRecord; etag: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const view = useProtection(record.id);
  const staff = useCaseStaff(record.id);
  if (view.isPending) return <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />;
  if (view.isError) return <ApiErrorAlert error={view.error} />;
  const staffList = staff.data ?? [];
  return (
    <Stack>
      {record.restricted && (
        <Alert color="red" variant="light" title={<FormattedMessage id="case.restricted" />}>
          <FormattedMessage id="protection.restricted.explain" />
        </Alert>
      )}
      <ScreeningSection record={record} vulnerabilities={view.data.vulnerabilities} />
      <MeasuresSection record={record} measures={view.data.measures} staff={staffList} />
      {can('case.health') && view.data.health && <HealthSection record={record} health={view.data.health} />}
      <StaffSection record={record} staff={staffList} />
    </Stack>
  );
}

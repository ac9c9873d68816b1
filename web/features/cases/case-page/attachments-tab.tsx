import { Anchor, Card, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { UploadForm } from '../../../components/upload-form';
import { seg } from '../../../lib/api';
import { formatMoment } from '../../../lib/dates';
import { useSession } from '../../../lib/session';
import { caseKeys, useCaseAttachments } from '../api';

function formatSize(intl: IntlShape, bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return intl.formatNumber(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  if (bytes < 1024 * 1024) {
    return intl.formatNumber(bytes / 1024, { style: 'unit', unit: 'kilobyte', unitDisplay: 'short', maximumFractionDigits: 0 });
  }
  return intl.formatNumber(bytes / (1024 * 1024), { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 });
}

export function AttachmentsTab({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const attachments = useCaseAttachments(caseId);
  return (
    <Stack>
      {can('case.attachment.write') && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            <FormattedMessage id="attachments.uploadHeading" />
          </Title>
          <UploadForm url={`/api/cases/${seg(caseId)}/attachments`} refresh={caseKeys.attachments(caseId)} />
        </Card>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          <FormattedMessage id="attachments.heading" />
        </Title>
        {attachments.isPending ? (
          <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />
        ) : attachments.isError ? (
          <ApiErrorAlert error={attachments.error} />
        ) : attachments.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            <FormattedMessage id="attachments.empty" />
          </Text>
        ) : (
          <div className="table-scroll">
            <Table striped>
              <Table.Caption>
                <FormattedMessage id="attachments.caption" values={{ count: attachments.data.length }} />
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col"><FormattedMessage id="attachments.fileName" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.description" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.size" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.uploadedBy" /></Table.Th>
                  <Table.Th scope="col"><FormattedMessage id="attachments.uploadedAt" /></Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {attachments.data.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      {/* Downloads are audited by the server; the cookie authenticates the GET. */}
                      <Anchor href={`/api/cases/${seg(caseId)}/attachments/${seg(a.id)}`} download={a.fileName}>
                        {a.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{a.description ?? ''}</Table.Td>
                    <Table.Td>{formatSize(intl, a.sizeBytes)}</Table.Td>
                    <Table.Td>{a.uploadedByName ?? ''}</Table.Td>
                    <Table.Td>{formatMoment(intl, a.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Card>
    </Stack>
  );
}

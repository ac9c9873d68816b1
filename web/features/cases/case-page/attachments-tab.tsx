import { Anchor, Stack } from '@mantine/core';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { DataTable, type DataColumn } from '../../../components/data-table/data-table';
import { SectionCard } from '../../../components/section-card';
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

type Attachment = NonNullable<ReturnType<typeof useCaseAttachments>['data']>[number];

export function AttachmentsTab({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const { can } = useSession();
  const attachments = useCaseAttachments(caseId);
  const columns: DataColumn<Attachment>[] = [
    {
      id: 'fileName',
      header: 'attachments.fileName',
      // Downloads are audited by the server; the cookie authenticates the GET.
      cell: (a) => (
        <Anchor href={`/api/cases/${seg(caseId)}/attachments/${seg(a.id)}`} download={a.fileName}>
          <bdi>{a.fileName}</bdi>
        </Anchor>
      ),
    },
    { id: 'description', header: 'attachments.description', cell: (a) => a.description ?? '' },
    { id: 'size', header: 'attachments.size', nowrap: true, cell: (a) => formatSize(intl, a.sizeBytes) },
    { id: 'uploadedBy', header: 'attachments.uploadedBy', cell: (a) => <bdi>{a.uploadedByName ?? ''}</bdi> },
    { id: 'uploadedAt', header: 'attachments.uploadedAt', cell: (a) => formatMoment(intl, a.createdAt) },
  ];
  return (
    <Stack>
      {can('case.attachment.write') && (
        <SectionCard title="attachments.uploadHeading">
          <UploadForm url={`/api/cases/${seg(caseId)}/attachments`} refresh={caseKeys.attachments(caseId)} />
        </SectionCard>
      )}
      <SectionCard title="attachments.heading">
        <DataTable
          columns={columns}
          rows={attachments.data}
          rowKey={(a) => a.id}
          error={attachments.error}
          empty="attachments.empty"
          emptyWithoutTable
          caption={<FormattedMessage id="attachments.caption" values={{ count: attachments.data?.length ?? 0 }} />}
        />
      </SectionCard>
    </Stack>
  );
}

import { Alert, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../../components/api-error-alert';
import { PageTitle } from '../../../components/page-title';
import { api, seg } from '../../../lib/api';
import { formatDay, formatMoment } from '../../../lib/dates';
import { useCountries, useLanguages } from '../../../lib/reference';
import type { CaseSummaryPrintView } from '../../../../shared/schemas/cases';
import { caseKeys } from '../api';
import { fullName } from '../case-display';

/** A plain table for paper: column headings from the catalogue, one row a record. */
function PrintTable({ columns, rows }: { columns: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <Table withTableBorder>
      <Table.Thead>
        <Table.Tr>
          {columns.map((id) => (
            <Table.Th key={id} scope="col">
              <FormattedMessage id={id} />
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            {row.cells.map((cell, i) => (
              <Table.Td key={columns[i]}>{cell}</Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The printable summary of a case, in the user's language: the browser prints it or saves it as
 * a PDF (its print dialog), so names in any script and right-to-left text print as on screen.
 * Every load is a printout, audited by the server; it is not kept or re-asked in the background.
 */
export function PrintSummaryPage() {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { caseId = '' } = useParams();
  const countries = useCountries();
  const languages = useLanguages();
  const query = useQuery({
    queryKey: [...caseKeys.detail(caseId), 'summary'],
    queryFn: () => api.get<CaseSummaryPrintView>(`/api/cases/${seg(caseId)}/summary`),
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  if (query.isPending) return <Loader aria-label={t('common.loading')} />;
  if (query.isError) return <ApiErrorAlert error={query.error} />;
  const { case: record, transitions, printedAt, printedBy } = query.data;
  const members = [...record.members].sort((a, b) => Number(b.isPrincipal) - Number(a.isPrincipal));
  const facts: [string, string][] = [
    ['case.kind', t(`caseKind.${record.kind}`)],
    ['case.stage', t(`stage.${record.stage}`)],
    ['case.legalStatus', t(record.legalStatus ? `legalStatus.${record.legalStatus}` : 'handover.notShared')],
    ['case.countryOfReturn', countries.name(record.countryOfReturn)],
    ['case.office', record.officeName],
    ['case.owner', record.ownerName],
    ['print.originOffice', record.originOfficeName ?? t('common.notRecorded')],
    ['print.registeredOn', formatMoment(intl, record.createdAt)],
  ];
  if (record.approvedOn) facts.push(['case.approvedOn', formatDay(intl, record.approvedOn)]);
  if (record.departedOn) facts.push(['case.departedOn', formatDay(intl, record.departedOn)]);
  if (record.admissionDate) facts.push(['print.admissionDate', formatDay(intl, record.admissionDate)]);
  if (record.importedFrom) facts.push(['case.importedFrom', record.importedFrom.source], ['case.legacyId', record.importedFrom.legacyId]);

  return (
    <Stack className="print-summary" gap="md">
      <Group justify="space-between" className="no-print">
        <Button component={Link} to={`/cases/${seg(record.id)}`} variant="default">
          <FormattedMessage id="print.back" />
        </Button>
        <Button onClick={() => window.print()}>
          <FormattedMessage id="print.print" />
        </Button>
      </Group>
      <Alert color="red" variant="outline" role="note">
        <FormattedMessage id="print.confidential" />
      </Alert>
      {/* The document title names the case, never the person. */}
      <PageTitle mb={0} text={t('print.title', { caseNumber: record.caseNumber })}>
        <FormattedMessage id="print.heading" values={{ caseNumber: <bdi className="ltr-value">{record.caseNumber}</bdi> }} />
      </PageTitle>
      <Text size="sm">
        <FormattedMessage id="print.printedBy" values={{ name: <bdi>{printedBy}</bdi>, at: <bdi>{formatMoment(intl, printedAt)}</bdi> }} />
      </Text>

      <section aria-labelledby="print-facts">
        <Title order={2} size="h4" id="print-facts" mb="xs">
          <FormattedMessage id="print.facts" />
        </Title>
        <Table withTableBorder withColumnBorders>
          <Table.Tbody>
            {facts.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" w="35%">
                  <FormattedMessage id={label} />
                </Table.Th>
                <Table.Td>
                  <bdi>{value}</bdi>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section aria-labelledby="print-household">
        <Title order={2} size="h4" id="print-household" mb="xs">
          <FormattedMessage id="household.heading" values={{ count: members.length }} />
        </Title>
        <PrintTable
          columns={['print.name', 'print.relationship', 'person.sex', 'person.birthDate', 'person.nationality', 'person.languages', 'print.travelling']}
          rows={members.map((m) => ({
            key: m.id,
            cells: [
              <>
                <bdi>{fullName(m.person)}</bdi>
                {m.person.originalScriptName ? (
                  <>
                    {' '}
                    (<bdi>{m.person.originalScriptName}</bdi>)
                  </>
                ) : null}
              </>,
              t(`relationship.${m.isPrincipal ? 'principal' : m.relationship}`),
              t(`sex.${m.person.sex}`),
              <>
                <bdi>{formatDay(intl, m.person.birthDate)}</bdi>
                {m.person.birthDateEstimated ? ` ${t('print.estimated')}` : ''}
              </>,
              m.person.nationality ? countries.name(m.person.nationality) : t('common.notRecorded'),
              m.person.languages.map((l) => languages.name(l)).join(', '),
              t(m.travelling ? 'common.yes' : 'common.no'),
            ],
          }))}
        />
      </section>

      <section aria-labelledby="print-history">
        <Title order={2} size="h4" id="print-history" mb="xs">
          <FormattedMessage id="history.heading" />
        </Title>
        <PrintTable
          columns={['print.when', 'print.move', 'print.by', 'print.reason']}
          rows={transitions.map((tr) => ({
            key: tr.id,
            cells: [
              <bdi>{formatMoment(intl, tr.at)}</bdi>,
              tr.fromStage
                ? t('history.moved', { from: t(`stage.${tr.fromStage}`), to: t(`stage.${tr.toStage}`) })
                : t('history.opened', { to: t(`stage.${tr.toStage}`) }),
              <bdi>{tr.actorName ?? ''}</bdi>,
              <bdi>{tr.reason ?? ''}</bdi>,
            ],
          }))}
        />
      </section>
    </Stack>
  );
}

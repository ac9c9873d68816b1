import { Badge, Stack, Table, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatAmount } from '../../components/money-input';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatDay } from '../../lib/dates';
import { useCommunityDisbursements } from './api';

const STATUS_COLOUR: Record<string, string> = { paid: 'green', awaiting_approval: 'yellow', rejected: 'red', reversed: 'gray' };

/** A community project's payments: budget, paid and awaiting approval in its currency, then each payment as paid and in the project's currency at its stored rate. */
export function ProjectPayments({ projectId }: { projectId: string }) {
  const intl = useIntl();
  const query = useCommunityDisbursements(projectId);
  const money = (minor: number, currency: string) => <bdi dir="ltr">{formatAmount(intl, minor, currency)} {currency}</bdi>;
  return (
    <SectionCard title="community.payments.title">
      <QueryState query={query} errorScope="community">
        {(list) => (
          <Stack gap="sm">
            <Text size="sm">
              <FormattedMessage id="community.payments.totals" values={{
                budget: money(list.budgetMinor, list.currency), paid: money(list.paidMinor, list.currency), awaiting: money(list.awaitingMinor, list.currency),
              }} />
            </Text>
            {list.items.length === 0 ? <Text c="dimmed"><FormattedMessage id="community.payments.none" /></Text> : (
              <Table.ScrollContainer minWidth={720}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th><FormattedMessage id="community.payments.paidOn" /></Table.Th>
                      <Table.Th><FormattedMessage id="community.payments.recipient" /></Table.Th>
                      <Table.Th><FormattedMessage id="community.payments.method" /></Table.Th>
                      <Table.Th><FormattedMessage id="community.payments.amount" /></Table.Th>
                      <Table.Th><FormattedMessage id="community.payments.inProjectCurrency" /></Table.Th>
                      <Table.Th><FormattedMessage id="community.payments.status" /></Table.Th>
                      <Table.Th><FormattedMessage id="community.payments.receipt" /></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.items.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>{formatDay(intl, d.paidOn)}</Table.Td>
                        <Table.Td><bdi>{d.providerName ?? d.partnerName ?? ''}</bdi></Table.Td>
                        <Table.Td><FormattedMessage id={`community.payments.method.${d.method}`} /></Table.Td>
                        <Table.Td>{money(d.amountMinor, d.currency)}</Table.Td>
                        <Table.Td>
                          {money(d.inProjectCurrency.amountMinor, d.inProjectCurrency.currency)}
                          {d.currency !== d.inProjectCurrency.currency && (
                            <Text size="xs" c="dimmed"><FormattedMessage id="community.payments.rate" values={{ rate: <bdi dir="ltr">{d.inProjectCurrency.rate}</bdi> }} /></Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={STATUS_COLOUR[d.status]} variant="light" tt="none"><FormattedMessage id={`community.payments.status.${d.status}`} /></Badge>
                          {d.reversal && <Text size="xs"><FormattedMessage id="community.payments.reversedBecause" values={{ reason: <bdi>{d.reversal.reason}</bdi> }} /></Text>}
                          {d.decision?.reason && <Text size="xs"><FormattedMessage id="community.payments.rejectedBecause" values={{ reason: <bdi>{d.decision.reason}</bdi> }} /></Text>}
                        </Table.Td>
                        <Table.Td>
                          {d.receipts.length === 0 ? <FormattedMessage id="community.payments.receipt.none" /> : d.receipts.map((r) => (
                            <Text key={r.id} size="sm">
                              {r.fileName ? <bdi>{r.fileName}</bdi> : <FormattedMessage id="community.payments.receipt.waived" values={{ reason: <bdi>{r.waiverReason}</bdi> }} />}
                            </Text>
                          ))}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </QueryState>
    </SectionCard>
  );
}

import { Anchor, Badge, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { WorklistFollowUp, WorklistItem } from '../../../shared/schemas/monitoring';
import { PageTitle } from '../../components/page-title';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { useWorklist } from './api';
import { FollowUpActions, useMayChangeFollowUp } from './follow-up-actions';
import { useLocalized } from './labels';

/** The monitoring worklist: visits due this week and overdue (oldest first), the officer's or the office's, and counts per officer. */
export function WorklistPage() {
  const intl = useIntl();
  const [scope, setScope] = useState<'mine' | 'office'>('mine');
  const worklist = useWorklist(scope);
  return (
    <Stack>
      <PageTitle id="monitoring.worklist.title" />
      <SegmentedControl
        aria-label={intl.formatMessage({ id: 'monitoring.worklist.scope' })}
        value={scope}
        onChange={(v) => setScope(v as 'mine' | 'office')}
        data={[
          { value: 'mine', label: intl.formatMessage({ id: 'monitoring.worklist.mine' }) },
          { value: 'office', label: intl.formatMessage({ id: 'monitoring.worklist.office' }) },
        ]}
        w="fit-content"
      />
      <QueryState query={worklist} errorScope="monitoring">
        {(w) => (
          <Stack>
            <SectionCard title="monitoring.worklist.overdue" values={{ count: w.overdue.length }}>
              <VisitTable items={w.overdue} caption="monitoring.worklist.overdue" count={w.overdue.length} />
            </SectionCard>
            <SectionCard title="monitoring.worklist.dueThisWeek" values={{ count: w.dueThisWeek.length }}>
              <VisitTable items={w.dueThisWeek} caption="monitoring.worklist.dueThisWeek" count={w.dueThisWeek.length} />
            </SectionCard>
            <SectionCard title="monitoring.worklist.followUps" values={{ count: w.followUps.length }}>
              <FollowUpTable items={w.followUps} />
            </SectionCard>
            <SectionCard title="monitoring.worklist.byOfficer">
              {w.byOfficer.length ? (
                <Table>
                  <Table.Caption><FormattedMessage id="monitoring.worklist.byOfficer" /></Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col"><FormattedMessage id="monitoring.visit.officer" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="monitoring.worklist.dueCount" /></Table.Th>
                      <Table.Th scope="col"><FormattedMessage id="monitoring.worklist.overdueCount" /></Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {w.byOfficer.map((o) => (
                      <Table.Tr key={o.officerId ?? 'none'}>
                        <Table.Th scope="row"><bdi>{o.officerName ?? intl.formatMessage({ id: 'monitoring.visit.noOfficer' })}</bdi></Table.Th>
                        <Table.Td>{intl.formatNumber(o.dueThisWeek)}</Table.Td>
                        <Table.Td>{intl.formatNumber(o.overdue)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ) : <Text c="dimmed" size="sm"><FormattedMessage id="monitoring.worklist.none" /></Text>}
            </SectionCard>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function VisitTable({ items, caption, count }: { items: WorklistItem[]; caption: string; count: number }) {
  const intl = useIntl();
  if (!items.length) return <Text c="dimmed" size="sm"><FormattedMessage id="monitoring.worklist.none" /></Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Caption><FormattedMessage id={caption} values={{ count }} /></Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.case" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.plannedOn" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.slot" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.officer" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.action" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.visitId}>
              <Table.Th scope="row"><bdi className="ltr-value">{i.caseNumber}</bdi></Table.Th>
              <Table.Td>
                <bdi>{intl.formatDate(`${i.plannedOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi>{' '}
                {i.overdue && <Badge color="red" variant="light"><FormattedMessage id="monitoring.worklist.overdueBadge" /></Badge>}
              </Table.Td>
              <Table.Td>{intl.formatNumber(i.slot)}</Table.Td>
              <Table.Td><bdi>{i.officerName ?? intl.formatMessage({ id: 'monitoring.visit.noOfficer' })}</bdi></Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/cases/${i.caseId}?tab=monitoring&visit=${i.visitId}`}>
                  <FormattedMessage id="monitoring.visit.record" values={{ number: i.caseNumber }} />
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Open follow-ups due this week or overdue (oldest first), each with its "Done" action for its owner or a manager. */
function FollowUpTable({ items }: { items: WorklistFollowUp[] }) {
  const intl = useIntl();
  const pick = useLocalized();
  const mayChange = useMayChangeFollowUp();
  if (!items.length) return <Text c="dimmed" size="sm"><FormattedMessage id="monitoring.worklist.none" /></Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <Table.Caption><FormattedMessage id="monitoring.worklist.followUps" values={{ count: items.length }} /></Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.case" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.followUps.what" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.followUps.dueOn" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.followUps.owner" /></Table.Th>
            <Table.Th scope="col"><FormattedMessage id="monitoring.visit.action" /></Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Th scope="row">
                <Anchor component={Link} to={`/cases/${f.caseId}?tab=monitoring`}><bdi className="ltr-value">{f.caseNumber}</bdi></Anchor>
              </Table.Th>
              <Table.Td>
                <Badge variant="light">{intl.formatMessage({ id: `monitoring.trigger.action.${f.kind}` })}</Badge> <Text span size="sm">{pick(f.label)}</Text>
              </Table.Td>
              <Table.Td>
                <bdi>{intl.formatDate(`${f.dueOn}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' })}</bdi>{' '}
                {f.overdue && <Badge color="red" variant="light"><FormattedMessage id="monitoring.worklist.overdueBadge" /></Badge>}
              </Table.Td>
              <Table.Td><bdi>{f.ownerName}</bdi></Table.Td>
              <Table.Td>{mayChange(f) && <FollowUpActions followUp={f} only="done" onChanged={() => undefined} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

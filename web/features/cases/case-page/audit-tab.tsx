import { Button, Table } from '@mantine/core';
import { Fragment, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { AuditFields } from '../../../components/audit-fields';
import { QueryState } from '../../../components/query-state';
import { SectionCard } from '../../../components/section-card';
import { formatMoment } from '../../../lib/dates';
import { useEventLabel } from '../../../lib/event-label';
import { useCaseHistory } from '../api';

export function AuditTab({ caseId }: { caseId: string }) {
  const intl = useIntl();
  const history = useCaseHistory(caseId);
  const eventLabel = useEventLabel();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <SectionCard title="audit.case.heading">
      <QueryState query={history} empty="audit.empty" isEmpty={(data) => data.events.length === 0}>
        {(data) => (
        <div className="table-scroll">
          <Table striped>
            <Table.Caption>
              <FormattedMessage id="audit.case.caption" values={{ count: data.events.length }} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="audit.event" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="audit.actor" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="audit.time" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="audit.changes" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.events.map((event, i) => (
                <Fragment key={`${event.at}-${i}`}>
                  <Table.Tr>
                    <Table.Td>{eventLabel(event.event)}</Table.Td>
                    <Table.Td>{event.actorName}</Table.Td>
                    <Table.Td>{formatMoment(intl, event.at)}</Table.Td>
                    <Table.Td>
                      {event.changes ? (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          aria-expanded={open === i}
                          aria-controls={`case-audit-${i}`}
                          onClick={() => setOpen(open === i ? null : i)}
                        >
                          <FormattedMessage id={open === i ? 'audit.hideChanges' : 'audit.showChanges'} />
                        </Button>
                      ) : (
                        <AuditFields messageId="audit.changedFields" fields={event.changedFields} />
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {open === i && event.changes ? (
                    <Table.Tr id={`case-audit-${i}`}>
                      <Table.Td colSpan={4}>
                        <pre className="json-block">{JSON.stringify(event.changes, null, 2)}</pre>
                        <AuditFields messageId="audit.withheldFields" fields={event.withheldFields} />
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </div>
        )}
      </QueryState>
    </SectionCard>
  );
}

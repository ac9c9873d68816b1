import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { QueryState } from '../../components/query-state';
import { SectionCard } from '../../components/section-card';
import { formatDay, formatMoment, formatMomentDay } from '../../lib/dates';
import type { ApplicationQueue } from '../../../shared/schemas/decisions';
import type { ExpectedArrivalsView, HandoverView, IncomingPage } from '../../../shared/schemas/handover';
import type { MyTask } from '../../../shared/schemas/protection';
import type { Appointment } from '../../../shared/schemas/counselling';
import type { MovementsView } from '../../../shared/schemas/travel';
import { shownPersonName } from '../../lib/erased';

/** How many items of a queue the home page lists; the page behind "See all" has the rest. */
export const SHORT = 5;

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
}

interface QueueCardProps<T> {
  /** Catalogue id of the heading, given `{count}`. */
  title: string;
  query: QueryLike<T>;
  count: (data: T) => number;
  /** The page with the whole queue. */
  seeAll?: { to: string; label: string };
  empty: string;
  items: (data: T) => ReactNode[];
  testId: string;
}

/** One queue of the home page: its count in the heading, its first items, each linking to the item. */
export function QueueCard<T>({ title, query, count, seeAll, empty, items, testId }: QueueCardProps<T>) {
  const n = query.data === undefined ? undefined : count(query.data);
  return (
    <div data-testid={testId}>
      <SectionCard
        title={title}
        values={{ count: n ?? '…' }}
        actions={seeAll ? (
          <Anchor component={Link} to={seeAll.to} size="sm">
            <FormattedMessage id={seeAll.label} />
          </Anchor>
        ) : undefined}
      >
        <QueryState query={query} empty={empty} isEmpty={(d) => count(d) === 0}>
          {(data) => (
            <List spacing="xs" size="sm" listStyleType="none" className="home-queue">
              {items(data).slice(0, SHORT).map((item, i) => (
                <List.Item key={i}>{item}</List.Item>
              ))}
            </List>
          )}
        </QueryState>
      </SectionCard>
    </div>
  );
}

const CaseLink = ({ to, caseNumber }: { to: string; caseNumber: string }) => (
  <Anchor component={Link} to={to} className="ltr-value nowrap">
    {caseNumber}
  </Anchor>
);

export function ApplicationsQueue({ query }: { query: QueryLike<ApplicationQueue> }) {
  const intl = useIntl();
  return (
    <QueueCard
      testId="queue-applications"
      title="home.queue.applications"
      query={query}
      count={(d) => d.total}
      seeAll={{ to: '/applications/to-approve', label: 'home.seeAll' }}
      empty="home.queue.applications.none"
      items={(d) =>
        d.items.map((a) => (
          <Group gap="xs" wrap="wrap">
            <CaseLink to={`/cases/${a.caseId}?tab=decision`} caseNumber={a.caseNumber} />
            <Text size="sm" span>
              <FormattedMessage
                id="home.queue.applications.item"
                values={{ name: <bdi>{shownPersonName(a.principalName)}</bdi>, by: <bdi>{a.submittedBy.name ?? ''}</bdi>, date: <bdi>{formatMomentDay(intl, String(a.submittedAt))}</bdi> }}
              />
            </Text>
            {a.ownSubmission ? <Badge size="xs" color="gray"><FormattedMessage id="home.queue.applications.own" /></Badge> : null}
          </Group>
        ))
      }
    />
  );
}

export function IncomingQueue({ query }: { query: QueryLike<IncomingPage> }) {
  const intl = useIntl();
  return (
    <QueueCard
      testId="queue-incoming"
      title="home.queue.incoming"
      query={query}
      count={(d) => d.total}
      seeAll={{ to: '/handovers/incoming', label: 'home.seeAll' }}
      empty="home.queue.incoming.none"
      items={(d) =>
        d.items.map((h) => (
          <Group gap="xs" wrap="wrap">
            <CaseLink to="/handovers/incoming" caseNumber={h.caseNumber} />
            <Text size="sm" span>
              <FormattedMessage
                id="home.queue.incoming.item"
                values={{ office: <bdi>{h.fromOfficeName}</bdi>, date: <bdi>{formatMomentDay(intl, String(h.sentAt))}</bdi>, purpose: intl.formatMessage({ id: `handover.purpose.${h.purpose}` }) }}
              />
            </Text>
          </Group>
        ))
      }
    />
  );
}

export function OutgoingQueue({ query }: { query: QueryLike<HandoverView[]> }) {
  const intl = useIntl();
  return (
    <QueueCard
      testId="queue-outgoing"
      title="home.queue.outgoing"
      query={query}
      count={(d) => d.length}
      empty="home.queue.outgoing.none"
      items={(d) =>
        d.map((h) => (
          <Group gap="xs" wrap="wrap">
            <CaseLink to={`/cases/${h.caseId}?tab=handover`} caseNumber={h.caseNumber} />
            <Text size="sm" span>
              <FormattedMessage id="home.queue.outgoing.item" values={{ office: <bdi>{h.toOfficeName}</bdi>, date: <bdi>{formatMomentDay(intl, String(h.sentAt))}</bdi> }} />
            </Text>
          </Group>
        ))
      }
    />
  );
}

export function ArrivalsQueue({ query }: { query: QueryLike<ExpectedArrivalsView> }) {
  return (
    <QueueCard
      testId="queue-arrivals"
      title="home.queue.arrivals"
      query={query}
      count={(d) => d.items.length}
      empty="home.queue.arrivals.none"
      items={(d) =>
        d.items.map((a) => (
          <Group gap="xs" wrap="wrap">
            <CaseLink to={a.accepted ? `/cases/${a.caseId}?tab=handover` : '/handovers/incoming'} caseNumber={a.caseNumber} />
            <Text size="sm" span>
              <FormattedMessage
                id="home.queue.arrivals.item"
                values={{ flight: <bdi className="ltr-value">{`${a.carrier} ${a.flight}`}</bdi>, airport: <bdi>{a.toCode}</bdi>, time: <bdi className="ltr-value">{a.arrivesLocal.replace('T', ' ').slice(0, 16)}</bdi>, travellers: a.travellers }}
              />
            </Text>
          </Group>
        ))
      }
    />
  );
}

export function FlightsQueue({ query }: { query: QueryLike<MovementsView> }) {
  const intl = useIntl();
  return (
    <QueueCard
      testId="queue-flights"
      title="home.queue.flights"
      query={query}
      count={(d) => d.flights.length}
      seeAll={{ to: '/movements', label: 'home.seeAll' }}
      empty="home.queue.flights.none"
      items={(d) =>
        d.flights.map((f) => (
          <Group gap="xs" wrap="wrap">
            <Text size="sm" span fw={600}>
              <bdi className="ltr-value">{`${f.carrier} ${f.flight}`}</bdi>
            </Text>
            <Text size="sm" span>
              <FormattedMessage
                id="home.queue.flights.item"
                values={{ date: <bdi>{formatDay(intl, f.date)}</bdi>, from: <bdi>{f.fromCode}</bdi>, to: <bdi>{f.toCode}</bdi>, cases: f.cases.length, travellers: f.travellers }}
              />
            </Text>
            {f.cases.slice(0, 3).map((c) => <CaseLink key={c.caseId} to={`/cases/${c.caseId}?tab=travel`} caseNumber={c.caseNumber} />)}
          </Group>
        ))
      }
    />
  );
}

export function TasksQueue({ query, seeAll }: { query: QueryLike<MyTask[]>; seeAll: boolean }) {
  const intl = useIntl();
  const overdue = (d: MyTask[]) => d.filter((t) => t.overdue);
  return (
    <QueueCard
      testId="queue-tasks"
      title="home.queue.tasks"
      query={query}
      count={(d) => overdue(d).length}
      seeAll={seeAll ? { to: '/tasks', label: 'home.seeAll' } : undefined}
      empty="home.queue.tasks.none"
      items={(d) =>
        overdue(d).map((t) => (
          <Group gap="xs" wrap="wrap">
            <CaseLink to={`/cases/${t.caseId}?tab=protection`} caseNumber={t.caseNumber} />
            <Text size="sm" span>
              <FormattedMessage
                id="home.queue.tasks.item"
                values={{ task: t.title && t.kind === 'other' ? <bdi>{t.title}</bdi> : intl.formatMessage({ id: `protection.measure.${t.kind}` }), date: <bdi>{formatDay(intl, t.dueOn)}</bdi> }}
              />
            </Text>
          </Group>
        ))
      }
    />
  );
}

export function AppointmentsQueue({ query }: { query: QueryLike<Appointment[]> }) {
  const intl = useIntl();
  return (
    <QueueCard
      testId="queue-appointments"
      title="home.queue.appointments"
      query={query}
      count={(d) => d.length}
      seeAll={{ to: '/appointments', label: 'home.seeAll' }}
      empty="home.queue.appointments.none"
      items={(d) =>
        d.map((a) => (
          <Group gap="xs" wrap="wrap">
            <CaseLink to={`/cases/${a.caseId}?tab=counselling`} caseNumber={a.caseNumber} />
            <Text size="sm" span>
              <FormattedMessage
                id="home.queue.appointments.item"
                values={{ time: <bdi>{formatMoment(intl, a.startsAt)}</bdi>, name: <bdi>{shownPersonName(a.principalName)}</bdi>, counsellor: <bdi>{a.counsellorName}</bdi> }}
              />
            </Text>
          </Group>
        ))
      }
    />
  );
}

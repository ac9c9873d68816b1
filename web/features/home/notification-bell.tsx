import { Anchor, Badge, Button, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router';
import { formatMomentDay } from '../../lib/dates';
import type { NotificationItem } from '../../../shared/schemas/notifications';
import { useMarkNotificationsSeen, useNotifications } from './api';

/** Where an item is handled; ids only, never a name, in the address. */
const linkOf = (item: NotificationItem) =>
  item.kind === 'handover' ? '/handovers/incoming'
    : item.kind === 'application' ? `/cases/${item.caseId}?tab=decision`
      : item.kind === 'monitoring_visit' ? `/cases/${item.caseId}?tab=monitoring`
        : item.kind === 'break_glass' ? '/data-protection'
        : `/cases/${item.caseId}?tab=protection`;

const Bell = () => (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
    <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
  </svg>
);

/**
 * The header's bell: how many items landed in the user's queues since they last looked, and on
 * opening, the list (new ones marked) linking to each. Opening it records that they looked.
 */
export function NotificationBell({ iconOnly = false }: { iconOnly?: boolean }) {
  const intl = useIntl();
  const query = useNotifications();
  const seen = useMarkNotificationsSeen();
  const [opened, setOpened] = useState(false);
  // What was new when the list was opened stays marked while it is open.
  const [snapshot, setSnapshot] = useState<NotificationItem[] | null>(null);
  const unseen = query.data?.unseen ?? 0;
  const items = snapshot ?? query.data?.items ?? [];

  const toggle = () => {
    if (opened) return close();
    setSnapshot(query.data?.items ?? []);
    setOpened(true);
    if (unseen > 0) seen.mutate();
  };
  const close = () => {
    setOpened(false);
    setSnapshot(null);
  };
  const label = intl.formatMessage({ id: 'notifications.label' }, { count: unseen });

  return (
    <Popover opened={opened} onChange={(o) => (o ? undefined : close())} position="bottom-end" width={340} shadow="md" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Button variant="subtle" size="xs" onClick={toggle} aria-expanded={opened} aria-haspopup="dialog" aria-label={label} data-testid="notification-bell"
          leftSection={<Bell />} rightSection={unseen > 0 ? <Badge size="sm" color="red" circle aria-hidden="true">{unseen}</Badge> : undefined}>
          {iconOnly ? null : <FormattedMessage id="notifications.title" />}
        </Button>
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={intl.formatMessage({ id: 'notifications.title' })} onKeyDown={(e) => { if (e.key === 'Escape') close(); }}>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            <FormattedMessage id="notifications.title" />
          </Text>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              <FormattedMessage id="notifications.none" />
            </Text>
          ) : (
            <ul className="notification-list">
              {items.slice(0, 20).map((item) => (
                <li key={`${item.kind}-${item.id}`} className={item.new ? 'notification-new' : undefined}>
                  <Anchor component={Link} to={linkOf(item)} size="sm" onClick={close}>
                    <FormattedMessage
                      id={`notifications.${item.kind}`}
                      values={{
                        number: <bdi className="ltr-value">{item.caseNumber}</bdi>,
                        task: item.taskKind ? intl.formatMessage({ id: `protection.measure.${item.taskKind}` }) : '',
                      }}
                    />
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {item.new ? (
                      <Badge size="xs" color="blue" variant="light" me={6}>
                        <FormattedMessage id="notifications.new" />
                      </Badge>
                    ) : null}
                    <bdi>{formatMomentDay(intl, String(item.at))}</bdi>
                  </Text>
                </li>
              ))}
            </ul>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

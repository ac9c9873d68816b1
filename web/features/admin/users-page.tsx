import { Badge, Button, Group, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { AUTONYMS, isLocale } from '../../i18n/locales';
import { useOffices } from '../../lib/reference';
import { AdminNav } from './admin-nav';
import { useAdminUsers } from './api';
import { RoleGrantsSection } from './role-grants-section';
import { UserFormModal } from './user-form-modal';
import { UserSessionsModal } from './user-sessions-modal';

export function UsersPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const users = useAdminUsers();
  const offices = useOffices();
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<{ userId: string | null } | null>(null);
  const [sessionsOf, setSessionsOf] = useState<{ id: string; name: string } | null>(null);
  const needle = filter.trim().toLocaleLowerCase();
  const rows = (users.data ?? []).filter(
    (u) => !needle || u.name.toLocaleLowerCase().includes(needle) || u.email.toLocaleLowerCase().includes(needle),
  );
  const columns: DataColumn<(typeof rows)[number]>[] = [
    { id: 'name', header: 'admin.users.name', cell: (user) => <bdi>{user.name}</bdi> },
    { id: 'email', header: 'admin.users.email', cell: (user) => <span className="ltr-value">{user.email}</span> },
    { id: 'office', header: 'case.office', cell: (user) => user.officeName ?? offices.name(user.officeId) },
    {
      id: 'roles',
      header: 'admin.users.roles',
      cell: (user) => (
        <>
          {user.roles.map((r) => r.name).join(', ')}
          {user.pendingRoles.map((r) => (
            <Text key={r.requestId} size="xs" c="orange.9">
              <FormattedMessage id="admin.users.pendingRole" values={{ role: r.name }} />
            </Text>
          ))}
        </>
      ),
    },
    {
      id: 'language',
      header: 'admin.users.language',
      cell: (user) => (isLocale(user.preferredLanguage) ? AUTONYMS[user.preferredLanguage] : user.preferredLanguage),
    },
    {
      id: 'status',
      header: 'admin.users.status',
      cell: (user) => (
        <Badge color={user.active ? 'green' : 'gray'} variant="light" tt="none">
          <FormattedMessage id={user.active ? 'admin.users.active' : 'admin.users.inactive'} />
        </Badge>
      ),
    },
    {
      id: 'totp',
      header: 'admin.users.totp',
      cell: (user) => <FormattedMessage id={user.totpEnabled ? 'security.status.on' : 'security.status.off'} />,
    },
  ];

  return (
    <Stack>
      <AdminNav />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="admin.users.title" />
        <Button onClick={() => setDialog({ userId: null })}>
          <FormattedMessage id="admin.users.createButton" />
        </Button>
      </Group>
      <TextInput
        label={t('admin.users.filter')}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        type="search"
        maw={360}
      />
      <DataTable
        columns={columns}
        rows={users.data ? rows : undefined}
        rowKey={(user) => user.id}
        error={users.error}
        empty="common.nothingFound"
        caption={<FormattedMessage id="admin.users.caption" values={{ count: rows.length }} />}
        rowActions={(user) => (
          <Group gap="xs" wrap="nowrap">
            <Button size="compact-sm" variant="light" onClick={() => setDialog({ userId: user.id })}>
              <FormattedMessage id="admin.users.edit" values={{ name: <bdi>{user.name}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => setSessionsOf({ id: user.id, name: user.name })}>
              <FormattedMessage id="sessions.manage" values={{ name: <bdi>{user.name}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
            </Button>
          </Group>
        )}
      />
      <RoleGrantsSection />
      {dialog && <UserFormModal userId={dialog.userId} onClose={() => setDialog(null)} />}
      {sessionsOf && <UserSessionsModal user={sessionsOf} onClose={() => setSessionsOf(null)} />}
    </Stack>
  );
}

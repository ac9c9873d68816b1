import { Badge, Button, Group, Loader, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { PageTitle } from '../../components/page-title';
import { AUTONYMS, isLocale } from '../../i18n/locales';
import { useOffices } from '../../lib/reference';
import { AdminNav } from './admin-nav';
import { roleIdsOf, useAdminUsers, useRoles } from './api';
import { RoleGrantsSection } from './role-grants-section';
import { UserFormModal } from './user-form-modal';

export function UsersPage() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const users = useAdminUsers();
  const roles = useRoles();
  const offices = useOffices();
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<{ userId: string | null } | null>(null);
  const roleName = new Map((roles.data ?? []).map((r) => [r.id, r.name]));
  const needle = filter.trim().toLocaleLowerCase();
  const rows = (users.data ?? []).filter(
    (u) => !needle || u.name.toLocaleLowerCase().includes(needle) || u.email.toLocaleLowerCase().includes(needle),
  );

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
      {users.isPending ? (
        <Loader aria-label={t('common.loading')} />
      ) : users.isError ? (
        <ApiErrorAlert error={users.error} />
      ) : (
        <div className="table-scroll">
          <Table striped highlightOnHover>
            <Table.Caption>
              <FormattedMessage id="admin.users.caption" values={{ count: rows.length }} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="admin.users.name" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.users.email" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="case.office" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.users.roles" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.users.language" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.users.status" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.users.totp" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.name}</Table.Td>
                  <Table.Td className="ltr-value">{user.email}</Table.Td>
                  <Table.Td>{user.officeName ?? offices.name(user.officeId)}</Table.Td>
                  <Table.Td>
                    {(user.roles?.map((r) => r.name) ?? roleIdsOf(user).map((id) => roleName.get(id) ?? id)).join(', ')}
                    {user.pendingRoles?.map((r) => (
                      <Text key={r.requestId} size="xs" c="orange.9">
                        <FormattedMessage id="admin.users.pendingRole" values={{ role: r.name }} />
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td>{isLocale(user.preferredLanguage) ? AUTONYMS[user.preferredLanguage] : user.preferredLanguage}</Table.Td>
                  <Table.Td>
                    <Badge color={user.active ? 'green' : 'gray'} variant="light" tt="none">
                      <FormattedMessage id={user.active ? 'admin.users.active' : 'admin.users.inactive'} />
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <FormattedMessage id={user.totpEnabled ? 'security.status.on' : 'security.status.off'} />
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setDialog({ userId: user.id })}>
                      <FormattedMessage
                        id="admin.users.edit"
                        values={{ name: user.name, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }}
                      />
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <RoleGrantsSection />
      {dialog && <UserFormModal userId={dialog.userId} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

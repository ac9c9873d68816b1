import { Badge, Button, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { needsGrantApproval } from '../../../shared/access';
import { DataTable, type DataColumn } from '../../components/data-table/data-table';
import { PageTitle } from '../../components/page-title';
import { AdminNav } from './admin-nav';
import { useRoles, type Role } from './api';
import { labelOr, RoleFormModal } from './role-form-modal';

export function RolesPage() {
  const intl = useIntl();
  const roles = useRoles();
  const [dialog, setDialog] = useState<{ role: Role | null } | null>(null);
  const columns: DataColumn<Role>[] = [
    {
      id: 'name',
      header: 'admin.roles.name',
      cell: (role) => (
        <>
          {role.name}
          {role.builtin && (
            <Badge ms="xs" size="xs" variant="outline" tt="none">
              <FormattedMessage id="admin.roles.builtin" />
            </Badge>
          )}
          {role.permissions.some(needsGrantApproval) && (
            <Badge ms="xs" size="xs" color="orange" variant="light" tt="none">
              <FormattedMessage id="admin.roles.needsApproval" />
            </Badge>
          )}
        </>
      ),
    },
    { id: 'key', header: 'admin.roles.key', cell: (role) => <span className="ltr-value">{role.key}</span> },
    { id: 'scope', header: 'admin.roles.scope', cell: (role) => labelOr(intl, `scope.${role.scope}`, role.scope) },
    {
      id: 'permissions',
      header: 'admin.roles.permissions',
      cell: (role) => <FormattedMessage id="admin.roles.permissionCount" values={{ count: role.permissions.length }} />,
    },
    { id: 'requireTotp', header: 'admin.roles.requireTotp', cell: (role) => <FormattedMessage id={role.requireTotp ? 'common.yes' : 'common.no'} /> },
  ];
  return (
    <Stack>
      <AdminNav />
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <PageTitle id="admin.roles.title" />
        <Button onClick={() => setDialog({ role: null })}>
          <FormattedMessage id="admin.roles.createButton" />
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="admin.roles.approvalHint" />
      </Text>
      <DataTable
        columns={columns}
        rows={roles.data}
        rowKey={(role) => role.id}
        error={roles.error}
        empty="common.nothingFound"
        caption={<FormattedMessage id="admin.roles.caption" values={{ count: roles.data?.length ?? 0 }} />}
        rowActions={(role) => (
          <Button size="compact-sm" variant="light" onClick={() => setDialog({ role })}>
            <FormattedMessage id="admin.roles.edit" values={{ name: <bdi>{role.name}</bdi>, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }} />
          </Button>
        )}
      />
      {dialog && <RoleFormModal role={dialog.role} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

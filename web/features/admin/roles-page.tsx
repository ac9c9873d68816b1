import { Badge, Button, Group, Loader, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { needsGrantApproval } from '../../../shared/access';
import { PageTitle } from '../../components/page-title';
import { AdminNav } from './admin-nav';
import { useRoles, type Role } from './api';
import { labelOr, RoleFormModal } from './role-form-modal';

export function RolesPage() {
  const intl = useIntl();
  const roles = useRoles();
  const [dialog, setDialog] = useState<{ role: Role | null } | null>(null);
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
      {roles.isPending ? (
        <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : roles.isError ? (
        <ApiErrorAlert error={roles.error} />
      ) : (
        <div className="table-scroll">
          <Table striped highlightOnHover>
            <Table.Caption>
              <FormattedMessage id="admin.roles.caption" values={{ count: roles.data.length }} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="admin.roles.name" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.roles.key" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.roles.scope" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.roles.permissions" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.roles.requireTotp" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((role) => (
                <Table.Tr key={role.id}>
                  <Table.Td>
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
                  </Table.Td>
                  <Table.Td className="ltr-value">{role.key}</Table.Td>
                  <Table.Td>{labelOr(intl, `scope.${role.scope}`, role.scope)}</Table.Td>
                  <Table.Td>
                    <FormattedMessage id="admin.roles.permissionCount" values={{ count: role.permissions.length }} />
                  </Table.Td>
                  <Table.Td>
                    <FormattedMessage id={role.requireTotp ? 'common.yes' : 'common.no'} />
                  </Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="light" onClick={() => setDialog({ role })}>
                      <FormattedMessage
                        id="admin.roles.edit"
                        values={{ name: role.name, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }}
                      />
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {dialog && <RoleFormModal role={dialog.role} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

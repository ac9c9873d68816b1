import { Button, Group, Loader, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { formatMoment } from '../../lib/dates';
import { adminKeys, approveRoleGrant, rejectRoleGrant, useRoleGrants, type RoleGrant } from './api';
import { labelOr } from './role-form-modal';

/**
 * Roles given to users that reach case data wait here until another administrator (neither the
 * one who asked nor the user it is for) approves or rejects them.
 */
export function RoleGrantsSection() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const grants = useRoleGrants();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [rejecting, setRejecting] = useState<RoleGrant | null>(null);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: adminKeys.roleGrants });
    await queryClient.invalidateQueries({ queryKey: adminKeys.users });
  };

  const approve = async (grant: RoleGrant) => {
    setBusy(grant.id);
    setFailure(null);
    try {
      await approveRoleGrant(grant.id);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'admin.grants.approved' }, { role: grant.roleName, name: grant.userName }) });
      await refresh();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const items = grants.data ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="role-grants-title">
      <Title order={2} size="h3" id="role-grants-title">
        <FormattedMessage id="admin.grants.title" />
      </Title>
      <Text size="sm" c="dimmed">
        <FormattedMessage id="admin.grants.hint" />
      </Text>
      <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} /> : null}</div>
      {grants.isPending ? (
        <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : grants.isError ? (
        <ApiErrorAlert error={grants.error} />
      ) : items.length === 0 ? (
        <Text size="sm">
          <FormattedMessage id="admin.grants.none" />
        </Text>
      ) : (
        <div className="table-scroll">
          <Table striped>
            <Table.Caption>
              <FormattedMessage id="admin.grants.caption" values={{ count: items.length }} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col"><FormattedMessage id="admin.grants.user" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.grants.role" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.roles.scope" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.grants.requestedBy" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="admin.grants.requestedAt" /></Table.Th>
                <Table.Th scope="col"><FormattedMessage id="common.actions" /></Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((grant) => (
                <Table.Tr key={grant.id}>
                  <Table.Td>
                    {grant.userName}
                    <Text size="xs" c="dimmed" className="ltr-value">{grant.userEmail}</Text>
                  </Table.Td>
                  <Table.Td>
                    {grant.roleName}
                    <Text size="xs" c="dimmed">
                      <FormattedMessage id="admin.roles.permissionCount" values={{ count: grant.rolePermissions.length }} />
                    </Text>
                  </Table.Td>
                  <Table.Td>{labelOr(intl, `scope.${grant.roleScope}`, grant.roleScope)}</Table.Td>
                  <Table.Td>{grant.requestedBy.name}</Table.Td>
                  <Table.Td>
                    {formatMoment(intl, grant.requestedAt)}
                  </Table.Td>
                  <Table.Td>
                    {grant.canDecide ? (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="compact-sm" color="green" loading={busy === grant.id} onClick={() => void approve(grant)}>
                          <FormattedMessage
                            id="admin.grants.approve"
                            values={{ role: grant.roleName, name: grant.userName, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }}
                          />
                        </Button>
                        <Button size="compact-sm" variant="light" color="red" disabled={busy === grant.id} onClick={() => setRejecting(grant)}>
                          <FormattedMessage
                            id="admin.grants.reject"
                            values={{ role: grant.roleName, name: grant.userName, hidden: (chunks) => <VisuallyHidden>{chunks}</VisuallyHidden> }}
                          />
                        </Button>
                      </Group>
                    ) : (
                      <Text size="sm">
                        <FormattedMessage id="admin.grants.otherDecides" />
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {rejecting && <RejectModal grant={rejecting} onClose={() => setRejecting(null)} onDone={refresh} />}
    </Stack>
  );
}

function RejectModal({ grant, onClose, onDone }: { grant: RoleGrant; onClose: () => void; onDone: () => Promise<void> }) {
  const intl = useIntl();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await rejectRoleGrant(grant.id, reason.trim() || undefined);
      notifications.show({ color: 'green', message: intl.formatMessage({ id: 'admin.grants.rejected' }, { role: grant.roleName, name: grant.userName }) });
      await onDone();
      onClose();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <AppModal opened onClose={onClose} title={intl.formatMessage({ id: 'admin.grants.rejectTitle' }, { role: grant.roleName, name: grant.userName })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} /> : null}</div>
          <Textarea
            label={intl.formatMessage({ id: 'admin.grants.reason' })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={1000}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" color="red" loading={busy}>
              <FormattedMessage id="admin.grants.rejectConfirm" />
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

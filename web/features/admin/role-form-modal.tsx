import { Button, Checkbox, Fieldset, Group, Loader, NativeSelect, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { fieldErrorMap } from '../../lib/error-message';
import { adminKeys, saveRole, SCOPES, usePermissionCatalogue, type PermissionCatalogue, type Role } from './api';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';

const ROLE_KEY = /^[a-z][a-z0-9_]{1,40}$/;

/** A catalogue label when there is one (`permission.case.read`), else the key itself. */
export function labelOr(intl: IntlShape, id: string, fallback: string): string {
  return id in intl.messages ? intl.formatMessage({ id }) : fallback;
}

function groupByModule(catalogue: PermissionCatalogue) {
  const modules = new Map<string, string[]>();
  for (const { key, module } of catalogue.permissions) {
    modules.set(module, [...(modules.get(module) ?? []), key]);
  }
  return [...modules.entries()];
}

function RoleForm({ role, catalogue, onClose }: { role: Role | null; catalogue: PermissionCatalogue; onClose: () => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const queryClient = useQueryClient();
  const [key, setKey] = useState(role?.key ?? '');
  const [name, setName] = useState(role?.name ?? '');
  const [scope, setScope] = useState<string>(role?.scope ?? 'office');
  const [requireTotp, setRequireTotp] = useState(role?.requireTotp ?? false);
  const [permissions, setPermissions] = useState<Set<string>>(new Set(role?.permissions ?? []));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const scopes = catalogue.scopes?.length ? catalogue.scopes : [...SCOPES];

  const toggle = (keys: string[], on: boolean) =>
    setPermissions((old) => {
      const next = new Set(old);
      for (const k of keys) {
        if (on) next.add(k);
        else next.delete(k);
      }
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!role && !ROLE_KEY.test(key)) found.key = t('admin.roles.keyInvalid');
    if (!name.trim()) found.name = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstInvalid();
      return;
    }
    const body = { name: name.trim(), permissions: [...permissions].sort(), scope, requireTotp };
    setBusy(true);
    setFailure(null);
    try {
      await saveRole(role, key, body);
      await queryClient.invalidateQueries({ queryKey: adminKeys.roles });
      notifications.show({ color: 'green', message: t(role ? 'admin.roles.saved' : 'admin.roles.created', { name: name.trim() }) });
      onClose();
    } catch (error) {
      setFailure(error);
      setErrors(fieldErrorMap(error, intl));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <div aria-live="assertive">
          {failure ? (
            <ApiErrorAlert
              error={failure}
              hideFieldIssues
              onReload={() => {
                void queryClient.invalidateQueries({ queryKey: adminKeys.roles });
                onClose();
              }}
            />
          ) : null}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('admin.roles.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            withAsterisk
            aria-required
            data-autofocus
          />
          <TextInput
            label={t('admin.roles.key')}
            description={role ? undefined : t('admin.roles.keyHint')}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value.toLowerCase())}
            error={errors.key}
            readOnly={Boolean(role)}
            withAsterisk={!role}
            aria-required={!role}
            dir="ltr"
          />
          <NativeSelect
            label={t('admin.roles.scope')}
            description={t(`scope.${scope}.hint`)}
            data={scopes.map((s) => ({ value: s, label: labelOr(intl, `scope.${s}`, s) }))}
            value={scope}
            onChange={(e) => setScope(e.currentTarget.value)}
          />
          <Switch
            label={t('admin.roles.requireTotp')}
            description={t('admin.roles.requireTotpHint')}
            checked={requireTotp}
            onChange={(e) => setRequireTotp(e.currentTarget.checked)}
            mt="lg"
          />
        </SimpleGrid>
        {groupByModule(catalogue).map(([module, keys]) => {
          const chosen = keys.filter((k) => permissions.has(k)).length;
          const moduleLabel = labelOr(intl, `module.${module}`, module);
          return (
            <Fieldset key={module} legend={moduleLabel}>
              <Stack gap="xs">
                <Checkbox
                  label={t('admin.roles.allInModule', { module: moduleLabel })}
                  checked={chosen === keys.length}
                  indeterminate={chosen > 0 && chosen < keys.length}
                  onChange={(e) => toggle(keys, e.currentTarget.checked)}
                  fw={600}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  {keys.map((permission) => (
                    <Checkbox
                      key={permission}
                      label={labelOr(intl, `permission.${permission}`, permission)}
                      description={<span className="ltr-value">{permission}</span>}
                      checked={permissions.has(permission)}
                      onChange={(e) => toggle([permission], e.currentTarget.checked)}
                    />
                  ))}
                </SimpleGrid>
              </Stack>
            </Fieldset>
          );
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button type="submit" loading={busy}>
            <FormattedMessage id={role ? 'common.saveChanges' : 'admin.roles.create'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RoleFormModal({ role, onClose }: { role: Role | null; onClose: () => void }) {
  const intl = useIntl();
  const catalogue = usePermissionCatalogue();
  return (
    <AppModal
      opened
      onClose={onClose}
      size="xl"
      title={intl.formatMessage({ id: role ? 'admin.roles.editTitle' : 'admin.roles.createTitle' })}
    >
      {catalogue.isPending ? (
        <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : catalogue.isError ? (
        <ApiErrorAlert error={catalogue.error} />
      ) : (
        <RoleForm role={role} catalogue={catalogue.data} onClose={onClose} />
      )}
    </AppModal>
  );
}

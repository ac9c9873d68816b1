import { Button, Group, Loader, MultiSelect, NativeSelect, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { PASSWORD_MIN_LENGTH, PasswordField } from '../../components/password-field';
import { AUTONYMS, LOCALES } from '../../i18n/locales';
import { fieldErrorMap } from '../../lib/error-message';
import { useOffices, useOrganisations } from '../../lib/reference';
import { useMe } from '../../lib/session';
import { adminKeys, createUser, fetchUser, roleIdsOf, updateUser, useRoles, type AdminUser } from './api';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FormValues {
  name: string;
  email: string;
  password: string;
  preferredLanguage: string;
  officeId: string | null;
  organisationId: string | null;
  roleIds: string[];
  active: boolean;
}

function UserForm({ user, etag, onClose }: { user: AdminUser | null; etag: string | null; onClose: () => void }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const me = useMe();
  const queryClient = useQueryClient();
  const offices = useOffices();
  const organisations = useOrganisations();
  const roles = useRoles();
  const [values, setValues] = useState<FormValues>(() => ({
    name: user?.name ?? '',
    email: user?.email ?? '',
    password: '',
    preferredLanguage: user?.preferredLanguage ?? 'en',
    officeId: user?.officeId ?? me.user.officeId,
    organisationId: user?.organisationId ?? me.user.organisationId,
    roleIds: user ? roleIdsOf(user) : [],
    active: user?.active ?? true,
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const orgList = organisations.data ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!values.name.trim()) found.name = t('validation.required');
    if (!user && !EMAIL.test(values.email.trim())) found.email = t('validation.email');
    if ((!user || values.password) && values.password.length < PASSWORD_MIN_LENGTH) {
      found.password = t('validation.passwordLength', { min: PASSWORD_MIN_LENGTH });
    }
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setFailure(null);
    let saved: AdminUser | null = null;
    try {
      if (user) {
        const body: Record<string, unknown> = {};
        if (values.name.trim() !== user.name) body.name = values.name.trim();
        if (values.preferredLanguage !== user.preferredLanguage) body.preferredLanguage = values.preferredLanguage;
        if (values.officeId !== user.officeId) body.officeId = values.officeId;
        if ([...values.roleIds].sort().join() !== [...roleIdsOf(user)].sort().join()) body.roleIds = values.roleIds;
        if (values.active !== user.active) body.active = values.active;
        if (values.password) body.password = values.password;
        if (Object.keys(body).length) saved = await updateUser(user.id, body, etag);
      } else {
        const organisationId =
          offices.byId(values.officeId)?.organisationId ?? values.organisationId ?? me.user.organisationId;
        saved = await createUser({
          name: values.name.trim(),
          email: values.email.trim(),
          password: values.password,
          preferredLanguage: values.preferredLanguage,
          officeId: values.officeId,
          organisationId,
          roleIds: values.roleIds,
        });
      }
      await queryClient.invalidateQueries({ queryKey: adminKeys.users });
      await queryClient.invalidateQueries({ queryKey: adminKeys.roleGrants });
      notifications.show({ color: 'green', message: t(user ? 'admin.users.saved' : 'admin.users.created', { name: values.name.trim() }) });
      // Roles that reach case data are not given yet: say so, with their names.
      const waiting = (saved?.pendingRoles ?? []).filter((r) => values.roleIds.includes(r.id));
      if (waiting.length) {
        notifications.show({
          color: 'orange',
          autoClose: false,
          message: t('admin.users.rolesAwaitApproval', { roles: intl.formatList(waiting.map((r) => r.name), { type: 'conjunction' }) }),
        });
      }
      onClose();
    } catch (error) {
      setFailure(error);
      setErrors(fieldErrorMap(error, intl));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.users });
    onClose();
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <div aria-live="assertive">{failure ? <ApiErrorAlert error={failure} onReload={reload} hideFieldIssues /> : null}</div>
        <TextInput
          label={t('admin.users.name')}
          value={values.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          withAsterisk
          aria-required
          data-autofocus
        />
        {user ? (
          <Text size="sm">
            <FormattedMessage id="admin.users.emailValue" values={{ email: user.email }} />
          </Text>
        ) : (
          <>
            <TextInput
              label={t('admin.users.email')}
              type="email"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errors.email}
              withAsterisk
              aria-required
              autoComplete="off"
              dir="ltr"
            />
            <PasswordField
              label={t('admin.users.initialPassword')}
              description={t('admin.users.initialPasswordHint', { min: PASSWORD_MIN_LENGTH })}
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              autoComplete="new-password"
              withAsterisk
              aria-required
            />
          </>
        )}
        {user && (
          <PasswordField
            label={t('admin.users.newPassword')}
            description={t('admin.users.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
            value={values.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
          />
        )}
        <NativeSelect
          label={t('admin.users.language')}
          data={LOCALES.map((l) => ({ value: l, label: AUTONYMS[l] }))}
          value={values.preferredLanguage}
          onChange={(e) => set('preferredLanguage', e.currentTarget.value)}
        />
        <Select
          label={t('case.office')}
          data={offices.options}
          value={values.officeId}
          onChange={(officeId) => set('officeId', officeId)}
          error={errors.officeId}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          nothingFoundMessage={t('common.nothingFound')}
        />
        {!user && !values.officeId && orgList.length > 1 && (
          <Select
            label={t('admin.users.organisation')}
            data={orgList.map((o) => ({ value: o.id, label: o.name }))}
            value={values.organisationId}
            onChange={(organisationId) => set('organisationId', organisationId)}
            allowDeselect={false}
          />
        )}
        <MultiSelect
          label={t('admin.users.roles')}
          description={
            user?.id === me.user.id
              ? t('admin.users.ownRolesHint')
              : t('admin.users.rolesHint')
          }
          data={(roles.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
          value={values.roleIds}
          onChange={(roleIds) => set('roleIds', roleIds)}
          error={errors.roleIds}
          disabled={user?.id === me.user.id}
          searchable
          nothingFoundMessage={t('common.nothingFound')}
        />
        {user && user.pendingRoles.length > 0 && (
          <Text size="sm" c="orange.8">
            <FormattedMessage
              id="admin.users.pendingRoles"
              values={{ roles: intl.formatList(user.pendingRoles.map((r) => r.name), { type: 'conjunction' }) }}
            />
          </Text>
        )}
        {user && (
          <Switch
            label={t('admin.users.active')}
            description={t('admin.users.activeHint')}
            checked={values.active}
            onChange={(e) => set('active', e.currentTarget.checked)}
            disabled={user.id === me.user.id}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button type="submit" loading={busy}>
            <FormattedMessage id={user ? 'common.saveChanges' : 'admin.users.create'} />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** `userId` null: create; otherwise the user is re-read for a fresh ETag before editing. */
export function UserFormModal({ userId, onClose }: { userId: string | null; onClose: () => void }) {
  const intl = useIntl();
  const detail = useQuery({
    queryKey: adminKeys.user(userId ?? ''),
    queryFn: async () => {
      return fetchUser(userId ?? '');
    },
    enabled: Boolean(userId),
    gcTime: 0,
  });
  return (
    <AppModal
      opened
      onClose={onClose}
      title={intl.formatMessage({ id: userId ? 'admin.users.editTitle' : 'admin.users.createTitle' })}
    >
      {!userId ? (
        <UserForm user={null} etag={null} onClose={onClose} />
      ) : detail.isPending ? (
        <Loader size="sm" aria-label={intl.formatMessage({ id: 'common.loading' })} />
      ) : detail.isError ? (
        <ApiErrorAlert error={detail.error} />
      ) : (
        <UserForm user={detail.data.user} etag={detail.data.etag} onClose={onClose} />
      )}
    </AppModal>
  );
}

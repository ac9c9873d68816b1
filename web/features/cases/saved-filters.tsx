import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { AppModal } from '../../components/app-modal';
import { errorMessage } from '../../lib/error-message';
import { compactFilter, useDeleteFilter, useSavedFilters, useSaveFilter } from './api';
import type { CaseFilter } from '../../../shared/schemas/cases';

interface SavedFiltersProps {
  current: CaseFilter;
  onApply: (filter: CaseFilter) => void;
}

/** Paging is not part of what a saved filter means (and the server refuses it there). */
function withoutPaging(filter: CaseFilter): CaseFilter {
  const rest = { ...filter };
  delete rest.page;
  delete rest.pageSize;
  return compactFilter(rest);
}

export function SavedFilters({ current, onApply }: SavedFiltersProps) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const saved = useSavedFilters();
  const save = useSaveFilter();
  const remove = useDeleteFilter();
  const [selected, setSelected] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();

  const list = saved.data ?? [];
  const selectedFilter = list.find((f) => f.id === selected);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('validation.required'));
      return;
    }
    try {
      const created = await save.mutateAsync({ name: name.trim(), filter: withoutPaging(current) });
      setNaming(false);
      setName('');
      if (created?.id) setSelected(created.id);
      notifications.show({ color: 'green', message: t('savedFilters.saved', { name: name.trim() }) });
    } catch {
      // Shown in the dialog by save.error.
    }
  };

  const deleteSelected = async () => {
    if (!selectedFilter) return;
    if (!window.confirm(t('savedFilters.confirmDelete', { name: selectedFilter.name }))) return;
    try {
      await remove.mutateAsync(selectedFilter.id);
      setSelected(null);
      notifications.show({ message: t('savedFilters.deleted', { name: selectedFilter.name }) });
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(intl, error) });
    }
  };

  return (
    <>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('savedFilters.label')}
          placeholder={list.length ? t('savedFilters.choose') : t('savedFilters.none')}
          data={list.map((f) => ({ value: f.id, label: f.name }))}
          value={selected}
          onChange={(id) => {
            setSelected(id);
            const chosen = list.find((f) => f.id === id);
            if (chosen) onApply({ ...chosen.filter, page: 1 });
          }}
          disabled={list.length === 0}
          w={260}
        />
        <Button variant="default" onClick={() => setNaming(true)}>
          <FormattedMessage id="savedFilters.save" />
        </Button>
        <Button
          variant="subtle"
          color="red"
          disabled={!selectedFilter}
          loading={remove.isPending}
          onClick={() => void deleteSelected()}
        >
          <FormattedMessage id="savedFilters.delete" />
        </Button>
      </Group>
      <AppModal
        opened={naming}
        onClose={() => {
          setNaming(false);
          save.reset();
        }}
        title={t('savedFilters.dialogTitle')}
        size="md"
      >
        <form onSubmit={submit} noValidate>
          <Stack>
            {save.error ? <ApiErrorAlert error={save.error} /> : null}
            <TextInput
              label={t('savedFilters.name')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(undefined);
              }}
              error={nameError}
              withAsterisk
              aria-required
              data-autofocus
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                <FormattedMessage id="common.save" />
              </Button>
            </Group>
          </Stack>
        </form>
      </AppModal>
    </>
  );
}

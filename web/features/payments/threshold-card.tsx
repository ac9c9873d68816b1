import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { toDecimalString } from '../../../shared/money';
import { ApiErrorAlert } from '../../components/api-error-alert';
import { focusFirstInvalid } from '../../components/form/focus-first-invalid';
import { formatAmount, MoneyInput, readAmount } from '../../components/money-input';
import { SectionCard } from '../../components/section-card';
import { formatMoment } from '../../lib/dates';
import { useOffices } from '../../lib/reference';
import { CURRENCY_OPTIONS } from '../../components/currency-options';
import { useSetThreshold, useThreshold } from './api';

/** An office's disbursement approval threshold: above it a second person approves each payment (finance page, `finance.manage`). */
export function ThresholdCard() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const offices = useOffices();
  const [officeId, setOfficeId] = useState<string | null>(null);
  const threshold = useThreshold(officeId);
  return (
    <SectionCard title="payments.threshold.title">
      <Stack gap="sm">
        <Text size="sm"><FormattedMessage id="payments.threshold.intro" /></Text>
        <Select label={t('payments.threshold.office')} data={offices.options} value={officeId} onChange={setOfficeId} searchable nothingFoundMessage={t('common.nothingFound')} />
        {officeId && threshold.data && (
          <>
            <Text size="sm">
              {threshold.data.amountMinor !== null && threshold.data.currency
                ? <FormattedMessage id="payments.threshold.current" values={{
                    amount: <bdi>{formatAmount(intl, threshold.data.amountMinor, threshold.data.currency)}</bdi>,
                    name: <bdi>{threshold.data.setBy?.name ?? ''}</bdi>,
                    date: <bdi>{threshold.data.setAt ? formatMoment(intl, String(threshold.data.setAt)) : ''}</bdi>,
                  }} />
                : <FormattedMessage id="payments.threshold.none" />}
            </Text>
            <ThresholdForm key={officeId} officeId={officeId} amountMinor={threshold.data.amountMinor} currency={threshold.data.currency} />
          </>
        )}
        <ApiErrorAlert error={threshold.error} scope="payments" />
      </Stack>
    </SectionCard>
  );
}

function ThresholdForm({ officeId, amountMinor, currency: initialCurrency }: { officeId: string; amountMinor: number | null; currency: string | null }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const save = useSetThreshold(officeId);
  const [currency, setCurrency] = useState<string | null>(initialCurrency ?? 'USD');
  const [amount, setAmount] = useState(amountMinor !== null && initialCurrency ? toDecimalString(amountMinor, initialCurrency) : '');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [amount, currency]);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const money = readAmount(intl, amount, currency ?? '', { required: true });
    setError(money.error);
    if (money.error) {
      requestAnimationFrame(() => focusFirstInvalid(form));
      return;
    }
    save.mutate({ amountMinor: money.amountMinor!, currency: currency! }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <div aria-live="assertive"><ApiErrorAlert error={save.error} scope="payments" /></div>
        <Group grow align="flex-start">
          <MoneyInput label={t('payments.threshold.amount')} value={amount} onChange={setAmount} currency={currency ?? ''} error={error} withAsterisk />
          <Select label={t('payments.threshold.currency')} data={CURRENCY_OPTIONS} value={currency} onChange={setCurrency} searchable allowDeselect={false} nothingFoundMessage={t('common.nothingFound')} withAsterisk />
        </Group>
        <Group justify="flex-end">
          <div aria-live="polite">{saved && <Text size="sm"><FormattedMessage id="payments.threshold.saved" /></Text>}</div>
          <Button type="submit" loading={save.isPending}><FormattedMessage id="payments.threshold.save" /></Button>
        </Group>
      </Stack>
    </form>
  );
}

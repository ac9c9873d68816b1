import { Button, Card, Checkbox, Group, MultiSelect, NativeSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { currencies } from '../../../shared/reference/currencies';
import { CountrySelect } from '../../components/country-select';
import { useCountries } from '../../lib/reference';
import { ENTITLEMENT_COMPONENTS, LEGAL_STATUSES, VULNERABILITY_CATEGORIES, type Criteria, type EntitlementComponent, type Entitlements } from './model';
import { decimalsOf, toMajor, toMinor } from './money';
import { DateField } from '../../components/date-field';

export interface RulesDraft {
  criteria: Criteria;
  entitlements: Entitlements;
  notes: string | null;
}

const CURRENCY_OPTIONS = currencies.filter((c) => c.kind === 'currency').map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }));
type Amounts = Pick<EntitlementComponent, 'perPersonMinor' | 'perAdultMinor' | 'perChildMinor' | 'householdCapMinor'>;
const emptyList = <T,>(xs: T[]) => (xs.length ? xs : null);

function AmountFields({ value, onChange, currency, disabled, prefix }: { value: Amounts; onChange: (v: Amounts) => void; currency: string; disabled: boolean; prefix: string }) {
  const intl = useIntl();
  const t = (id: string) => `${prefix}: ${intl.formatMessage({ id })}`;
  const perPerson = value.perPersonMinor !== null;
  const money = (key: keyof Amounts, label: string) => (
    <NumberInput
      label={label}
      value={toMajor(value[key], currency)}
      onChange={(v) => onChange({ ...value, [key]: toMinor(v, currency) })}
      min={0}
      decimalScale={decimalsOf(currency)}
      disabled={disabled}
      suffix={` ${currency}`}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 4 }}>
      <NativeSelect
        label={t('eligibility.rules.basis')}
        value={perPerson ? 'person' : 'adultChild'}
        disabled={disabled}
        onChange={(e) =>
          onChange(e.currentTarget.value === 'person'
            ? { ...value, perPersonMinor: value.perAdultMinor ?? 0, perAdultMinor: null, perChildMinor: null }
            : { ...value, perPersonMinor: null, perAdultMinor: value.perPersonMinor ?? 0, perChildMinor: value.perPersonMinor ?? 0 })
        }
        data={[
          { value: 'person', label: intl.formatMessage({ id: 'eligibility.rules.basis.person' }) },
          { value: 'adultChild', label: intl.formatMessage({ id: 'eligibility.rules.basis.adultChild' }) },
        ]}
      />
      {perPerson ? money('perPersonMinor', t('eligibility.rules.perPerson')) : (
        <>
          {money('perAdultMinor', t('eligibility.rules.perAdult'))}
          {money('perChildMinor', t('eligibility.rules.perChild'))}
        </>
      )}
      {money('householdCapMinor', t('eligibility.rules.cap'))}
    </SimpleGrid>
  );
}

/** The structured editor of a rules version: criteria, then entitlement components with per-country overrides. */
export function RulesEditor({ value, onChange, disabled }: { value: RulesDraft; onChange: (v: RulesDraft) => void; disabled: boolean }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  const { options: countryOptions, name } = useCountries();
  const c = value.criteria;
  const e = value.entitlements;
  const setC = (patch: Partial<Criteria>) => onChange({ ...value, criteria: { ...c, ...patch } });
  const setE = (patch: Partial<Entitlements>) => onChange({ ...value, entitlements: { ...e, ...patch } });
  const setComp = (key: string, next: EntitlementComponent | null) => {
    const others = e.components.filter((x) => x.component !== key);
    const list = next ? [...others, next] : others;
    setE({ components: ENTITLEMENT_COMPONENTS.flatMap((k) => list.filter((x) => x.component === k)) });
  };
  const int = (v: number | string) => (v === '' || v === null ? null : Math.trunc(Number(v)));
  const date = (v: string) => v || null;
  const compName = (k: string) => t(`eligibility.component.${k}`);
  return (
    <Stack>
      <Card withBorder>
        <Title order={3} size="h4" mb="xs"><FormattedMessage id="eligibility.rules.criteriaHeading" /></Title>
        <Text size="sm" c="dimmed" mb="sm"><FormattedMessage id="eligibility.rules.criteriaHint" /></Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <MultiSelect
            label={t('eligibility.criterion.legalStatus')}
            data={LEGAL_STATUSES.map((s) => ({ value: s, label: t(`legalStatus.${s}`) }))}
            value={c.legalStatuses ?? []}
            onChange={(v) => setC({ legalStatuses: emptyList(v as (typeof LEGAL_STATUSES)[number][]) })}
            disabled={disabled}
            placeholder={t('eligibility.rules.any')}
          />
          <MultiSelect label={t('eligibility.rules.returnCountries')} data={countryOptions} value={c.returnCountries ?? []} onChange={(v) => setC({ returnCountries: emptyList(v) })} searchable disabled={disabled} placeholder={t('eligibility.rules.any')} />
          <MultiSelect label={t('eligibility.rules.nationalitiesAllowed')} data={countryOptions} value={c.nationalitiesAllowed ?? []} onChange={(v) => setC({ nationalitiesAllowed: emptyList(v) })} searchable disabled={disabled} placeholder={t('eligibility.rules.any')} />
          <MultiSelect label={t('eligibility.rules.nationalitiesExcluded')} data={countryOptions} value={c.nationalitiesExcluded ?? []} onChange={(v) => setC({ nationalitiesExcluded: emptyList(v) })} searchable disabled={disabled} placeholder={t('eligibility.rules.none')} />
          <Group grow>
            <NumberInput label={t('eligibility.rules.ageMin')} value={c.principalAge?.min ?? ''} min={0} max={120} disabled={disabled}
              onChange={(v) => { const min = int(v); const max = c.principalAge?.max ?? null; setC({ principalAge: min === null && max === null ? null : { min, max } }); }} />
            <NumberInput label={t('eligibility.rules.ageMax')} value={c.principalAge?.max ?? ''} min={0} max={120} disabled={disabled}
              onChange={(v) => { const max = int(v); const min = c.principalAge?.min ?? null; setC({ principalAge: min === null && max === null ? null : { min, max } }); }} />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('eligibility.criterion.vulnerability')}
              value={c.vulnerability?.mode ?? ''}
              disabled={disabled}
              onChange={(ev) => { const mode = ev.currentTarget.value; setC({ vulnerability: mode ? { mode: mode as 'any' | 'categories', categories: c.vulnerability?.categories ?? [] } : null }); }}
              data={[
                { value: '', label: t('eligibility.rules.notChecked') },
                { value: 'any', label: t('eligibility.rules.vulnerability.any') },
                { value: 'categories', label: t('eligibility.rules.vulnerability.categories') },
              ]}
            />
            {c.vulnerability?.mode === 'categories' && (
              <MultiSelect
                label={t('eligibility.rules.vulnerabilityCategories')}
                data={VULNERABILITY_CATEGORIES.map((v) => ({ value: v, label: t(`eligibility.vulnerability.${v}`) }))}
                value={c.vulnerability.categories}
                onChange={(v) => setC({ vulnerability: { mode: 'categories', categories: v as typeof VULNERABILITY_CATEGORIES[number][] } })}
                disabled={disabled}
              />
            )}
          </Group>
          <Group grow>
            <DateField label={t('eligibility.rules.arrivedAfter')} value={c.arrivedAfter ?? ''} onChange={(day) => setC({ arrivedAfter: date(day) })} disabled={disabled} />
            <DateField label={t('eligibility.rules.arrivedBefore')} value={c.arrivedBefore ?? ''} onChange={(day) => setC({ arrivedBefore: date(day) })} disabled={disabled} />
          </Group>
          <NumberInput label={t('eligibility.rules.minimumStayMonths')} value={c.minimumStayMonths ?? ''} min={1} onChange={(v) => setC({ minimumStayMonths: int(v) })} disabled={disabled} />
          <Group grow>
            <DateField label={t('eligibility.rules.registeredFrom')} value={c.registeredFrom ?? ''} onChange={(day) => setC({ registeredFrom: date(day) })} disabled={disabled} />
            <DateField label={t('eligibility.rules.registeredUntil')} value={c.registeredUntil ?? ''} onChange={(day) => setC({ registeredUntil: date(day) })} disabled={disabled} />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              label={t('eligibility.criterion.previousAssistance')}
              value={c.previousAssistance?.mode ?? ''}
              disabled={disabled}
              onChange={(ev) => { const mode = ev.currentTarget.value; setC({ previousAssistance: mode ? { mode: mode as 'never' | 'withinYears', years: mode === 'withinYears' ? (c.previousAssistance?.years ?? 3) : null } : null }); }}
              data={[
                { value: '', label: t('eligibility.rules.notChecked') },
                { value: 'never', label: t('eligibility.rules.previous.never') },
                { value: 'withinYears', label: t('eligibility.rules.previous.withinYears') },
              ]}
            />
            {c.previousAssistance?.mode === 'withinYears' && (
              <NumberInput label={t('eligibility.rules.previousYears')} value={c.previousAssistance.years ?? ''} min={1} max={50} disabled={disabled}
                onChange={(v) => setC({ previousAssistance: { mode: 'withinYears', years: int(v) } })} />
            )}
          </Group>
          <NumberInput label={t('eligibility.rules.maxMembers')} value={c.maxMembers ?? ''} min={1} max={50} onChange={(v) => setC({ maxMembers: int(v) })} disabled={disabled} />
          <Checkbox
            label={t('eligibility.rules.refuseUnaccompanied')}
            checked={c.unaccompaniedMinorsAccepted === false}
            onChange={(ev) => setC({ unaccompaniedMinorsAccepted: ev.currentTarget.checked ? false : null })}
            disabled={disabled}
          />
        </SimpleGrid>
      </Card>

      <Card withBorder>
        <Title order={3} size="h4" mb="xs"><FormattedMessage id="eligibility.rules.entitlementsHeading" /></Title>
        <Text size="sm" c="dimmed" mb="sm"><FormattedMessage id="eligibility.rules.entitlementsHint" /></Text>
        <Select label={t('eligibility.projects.currency')} data={CURRENCY_OPTIONS} value={e.currency} onChange={(v) => setE({ currency: v ?? e.currency })} searchable allowDeselect={false} disabled={disabled} maw={320} mb="sm" />
        <Stack>
          {ENTITLEMENT_COMPONENTS.map((key) => {
            const comp = e.components.find((x) => x.component === key) ?? null;
            return (
              <Card key={key} withBorder padding="sm">
                <Checkbox
                  label={compName(key)}
                  checked={!!comp}
                  disabled={disabled}
                  onChange={(ev) => setComp(key, ev.currentTarget.checked ? { component: key, perPersonMinor: 0, perAdultMinor: null, perChildMinor: null, householdCapMinor: null, overrides: [] } : null)}
                />
                {comp && (
                  <Stack gap="xs" mt="xs">
                    <AmountFields prefix={compName(key)} value={comp} onChange={(v) => setComp(key, { ...comp, ...v })} currency={e.currency} disabled={disabled} />
                    {comp.overrides.map((o, i) => (
                      <Card key={i} withBorder padding="xs" bg="gray.0">
                        <Group align="flex-end" wrap="wrap" mb="xs">
                          <CountrySelect
                            label={t('eligibility.rules.overrideCountry', { component: compName(key), n: i + 1 })}
                            value={o.country}
                            onChange={(v) => setComp(key, { ...comp, overrides: comp.overrides.map((x, j) => (j === i ? { ...x, country: v ?? '' } : x)) })}
                            disabled={disabled}
                          />
                          {!disabled && (
                            <Button variant="subtle" color="red" size="xs" onClick={() => setComp(key, { ...comp, overrides: comp.overrides.filter((_, j) => j !== i) })}>
                              <FormattedMessage id="eligibility.rules.removeOverride" values={{ country: name(o.country) || '—' }} />
                            </Button>
                          )}
                        </Group>
                        <AmountFields
                          prefix={`${compName(key)} (${name(o.country) || o.country})`}
                          value={o}
                          onChange={(v) => setComp(key, { ...comp, overrides: comp.overrides.map((x, j) => (j === i ? { ...x, ...v } : x)) })}
                          currency={e.currency}
                          disabled={disabled}
                        />
                      </Card>
                    ))}
                    {!disabled && (
                      <Group>
                        <Button variant="light" size="xs" onClick={() => setComp(key, { ...comp, overrides: [...comp.overrides, { country: '', perPersonMinor: comp.perPersonMinor, perAdultMinor: comp.perAdultMinor, perChildMinor: comp.perChildMinor, householdCapMinor: comp.householdCapMinor }] })}>
                          <FormattedMessage id="eligibility.rules.addOverride" values={{ component: compName(key) }} />
                        </Button>
                      </Group>
                    )}
                  </Stack>
                )}
              </Card>
            );
          })}
        </Stack>
      </Card>
      <Textarea label={t('eligibility.rules.notes')} value={value.notes ?? ''} onChange={(ev) => onChange({ ...value, notes: ev.currentTarget.value || null })} disabled={disabled} autosize minRows={2} />
    </Stack>
  );
}

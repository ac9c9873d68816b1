import { Select, type SelectProps } from '@mantine/core';
import { useIntl } from 'react-intl';
import { useCountries } from '../lib/reference';

type CountrySelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (alpha2: string | null) => void;
};

/** Searchable country list, names in the UI language, values ISO 3166-1 alpha-2. */
export function CountrySelect({ value, onChange, ...props }: CountrySelectProps) {
  const intl = useIntl();
  const { options } = useCountries();
  return (
    <Select
      searchable
      clearable
      data={options}
      value={value || null}
      onChange={onChange}
      nothingFoundMessage={intl.formatMessage({ id: 'common.nothingFound' })}
      clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.clear' }) }}
      {...props}
    />
  );
}

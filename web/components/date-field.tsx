import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { useIntl } from 'react-intl';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'minDate' | 'maxDate'> & {
  /** The day as `YYYY-MM-DD`, or '' when none. */
  value: string;
  onChange: (value: string) => void;
  /** Bounds as `YYYY-MM-DD`. */
  min?: string;
  max?: string;
};

/**
 * A day, shown and typed in the user's language (`01/09/2022` in French, `9/1/2022` in English,
 * the calendar's month and day names translated; locale from the `DatesProvider` of
 * `lib/locale.tsx`), sent as `YYYY-MM-DD`. What is typed is read in the language's short format or
 * as `YYYY-MM-DD`.
 */
export function DateField({ value, onChange, min, max, ...props }: DateFieldProps) {
  const intl = useIntl();
  // The language's short date (`L`), as the localizedFormat plugin words English by default.
  const format = dayjs.Ls[intl.locale]?.formats?.L ?? 'MM/DD/YYYY';
  return (
    <DateInput
      {...props}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
      valueFormat="L"
      minDate={min}
      maxDate={max}
      clearable={props.clearable ?? !props.withAsterisk}
      clearButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.clear' }) }}
      placeholder={props.placeholder ?? format}
      dateParser={(input) => {
        const text = input.trim();
        if (ISO_DAY.test(text)) return dayjs(text, 'YYYY-MM-DD', true).isValid() ? text : null;
        const parsed = dayjs(text, format, intl.locale, true);
        return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
      }}
    />
  );
}

import { ActionIcon, Popover } from '@mantine/core';
import { DateInput, DatePicker, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { parseDay } from './date-parse';

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
 * as `YYYY-MM-DD`. The calendar button opens a calendar that the keyboard reaches (Tab to the
 * day, arrows to move, Enter to choose, Escape to close).
 */
export function DateField({ value, onChange, min, max, ...props }: DateFieldProps) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [calendarOpen, setCalendarOpen] = useState(false);
  // The language's short date (`L`), as the localizedFormat plugin words English by default.
  const format = dayjs.Ls[intl.locale]?.formats?.L ?? 'MM/DD/YYYY';
  const focusDay = value || dayjs().format('YYYY-MM-DD');
  const locked = props.disabled || props.readOnly;
  const clearable = props.clearable ?? !props.withAsterisk;
  const calendar = (
    <Popover opened={calendarOpen} onChange={setCalendarOpen} trapFocus returnFocus position="bottom-end" withinPortal disabled={locked}>
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('date.calendar.open')}
          aria-haspopup="dialog"
          aria-expanded={calendarOpen}
          disabled={locked}
          onClick={() => setCalendarOpen((open) => !open)}
        >
          <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('date.calendar.open')}>
        <DatePicker
          value={value || null}
          defaultDate={focusDay}
          minDate={min}
          maxDate={max}
          onChange={(day) => {
            onChange(day ?? '');
            setCalendarOpen(false);
          }}
          getDayProps={(day) => (dayjs(day).isSame(focusDay, 'day') ? { 'data-autofocus': true } : {})}
          getDayAriaLabel={(day) => dayjs(day).locale(intl.locale).format('dddd LL')}
          ariaLabels={{
            previousMonth: t('date.calendar.previousMonth'),
            nextMonth: t('date.calendar.nextMonth'),
            previousYear: t('date.calendar.previousYear'),
            nextYear: t('date.calendar.nextYear'),
            previousDecade: t('date.calendar.previousDecade'),
            nextDecade: t('date.calendar.nextDecade'),
            monthLevelControl: t('date.calendar.chooseMonth'),
            yearLevelControl: t('date.calendar.chooseYear'),
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
  return (
    <DateInput
      {...props}
      value={value || null}
      onChange={(day) => onChange(day ?? '')}
      valueFormat="L"
      minDate={min}
      maxDate={max}
      clearable={clearable}
      clearButtonProps={{ 'aria-label': t('common.clear'), style: { width: 28, height: 28, minWidth: 28, minHeight: 28 } }}
      placeholder={props.placeholder ?? format}
      rightSection={props.rightSection ?? calendar}
      rightSectionPointerEvents="all"
      // Room for the clear button next to the calendar's.
      rightSectionWidth={clearable && value && !locked ? 68 : undefined}
      dateParser={(input) => parseDay(input, format, intl.locale)}
    />
  );
}

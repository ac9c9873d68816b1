import { useIntl } from 'react-intl';

/** Audit event names are a closed list on the server; one without a catalogue label shows as it is. */
export function useEventLabel() {
  const intl = useIntl();
  return (event: string) => {
    const key = `event.${event}`;
    return key in intl.messages ? intl.formatMessage({ id: key }) : event;
  };
}

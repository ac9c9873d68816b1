import { Modal, type ModalProps } from '@mantine/core';
import { useIntl } from 'react-intl';

/** Mantine's Modal with a translated close button; full screen on phones. */
export function AppModal(props: ModalProps) {
  const intl = useIntl();
  return (
    <Modal
      size="lg"
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
      {...props}
    />
  );
}

import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiErrorAlert } from './api-error-alert';
import { AppModal } from './app-modal';

export interface ConfirmActionProps {
  opened: boolean;
  /** Closes without doing anything (Cancel, Escape, the close button). */
  onCancel: () => void;
  /** Does the step; the dialog stays open (its button loading) until the caller closes it. */
  onConfirm: () => void;
  /** Catalogue id of the question, e.g. `decisions.application.approveConfirm.title`. */
  title: string;
  /** Catalogue id of what will happen, said before it happens (values for `<bdi>` names etc.). */
  body: string;
  bodyValues?: Record<string, ReactNode>;
  /** Catalogue id of the button that does it (names the step, not "OK"). */
  confirmLabel: string;
  color?: string;
  pending?: boolean;
  /** The refusal of the step, shown in the dialog; `errorScope` as for `ApiErrorAlert`. */
  error?: unknown;
  errorScope?: string;
  onReload?: () => void;
  /** Fields the step needs (a reason), between the explanation and the buttons. */
  children?: ReactNode;
}

/**
 * The one dialog before an irreversible step (approving or rejecting an application, closing a
 * case, a withdrawal): it says what will happen and asks once. Cancel has the focus first, so
 * Enter on the dialog does not confirm by accident; Escape cancels.
 */
export function ConfirmAction(props: ConfirmActionProps) {
  const intl = useIntl();
  return (
    <AppModal
      opened={props.opened}
      onClose={() => !props.pending && props.onCancel()}
      title={intl.formatMessage({ id: props.title })}
      size="md"
      centered
    >
      <Stack gap="sm">
        <Text size="sm">
          <FormattedMessage id={props.body} values={props.bodyValues} />
        </Text>
        {props.children}
        <div aria-live="assertive">
          <ApiErrorAlert error={props.error} scope={props.errorScope} onReload={props.onReload} />
        </div>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={props.onCancel} disabled={props.pending} data-autofocus>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button color={props.color} loading={props.pending} onClick={props.onConfirm}>
            <FormattedMessage id={props.confirmLabel} />
          </Button>
        </Group>
      </Stack>
    </AppModal>
  );
}

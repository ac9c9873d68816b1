import { Group, Input, Text } from '@mantine/core';
import { forwardRef, useId } from 'react';
import { FormattedMessage } from 'react-intl';

export interface FileFieldProps {
  label: string;
  description?: string;
  error?: string;
  required?: boolean;
  accept?: string;
  file: File | null;
  onChange: (file: File | null) => void;
}

/**
 * A file to send, with its button and "no file chosen" in the user's language (the browser's own
 * file input speaks the browser's). The native input stays the control: focusable, labelled,
 * announced, opened with Enter or Space; it is only drawn as the button next to the file's name.
 */
export const FileField = forwardRef<HTMLInputElement, FileFieldProps>(function FileField(props, ref) {
  const id = useId();
  return (
    <Input.Wrapper label={props.label} description={props.description} error={props.error} id={id} withAsterisk={props.required}>
      <Group gap="sm" mt={4} wrap="nowrap" className="file-field">
        <input
          id={id}
          ref={ref}
          type="file"
          accept={props.accept}
          className="visually-hidden file-field-input"
          aria-invalid={Boolean(props.error)}
          aria-required={props.required}
          onChange={(e) => props.onChange(e.currentTarget.files?.[0] ?? null)}
        />
        <label htmlFor={id} className="file-field-button" aria-hidden="true">
          <FormattedMessage id="file.choose" />
        </label>
        <Text size="sm" c={props.file ? undefined : 'dimmed'} aria-hidden="true" truncate>
          {props.file ? <bdi>{props.file.name}</bdi> : <FormattedMessage id="file.none" />}
        </Text>
      </Group>
    </Input.Wrapper>
  );
});

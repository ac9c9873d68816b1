import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { z } from 'zod';
import { focusFirstInvalid } from './focus-first-invalid';
import { issuesByField, serverFieldErrors, withoutBlanks } from './schema-issues';

export interface SchemaFormOptions<Values extends Record<string, unknown>, Schema extends z.ZodType, Result> {
  /** The request schema from `shared/schemas` that the server validates the same body with. */
  schema: Schema;
  initialValues: Values;
  /** Turns the form's values into the request body; blanks are dropped by default. */
  toBody?: (values: Values) => unknown;
  /** The request, from the capability's `api.ts`. */
  submit: (body: z.output<Schema>) => Promise<Result>;
  onSuccess?: (result: Result, body: z.output<Schema>) => void | Promise<void>;
  /**
   * Rules the schema cannot word for a field as typed (an amount read by its currency's exponent),
   * already in the user's language, by field path; they come before the schema's own issues.
   */
  check?: (values: Values) => Record<string, string | undefined>;
}

export interface SchemaForm<Values extends Record<string, unknown>, Schema extends z.ZodType, Result> {
  form: UseFormReturnType<Values>;
  mutation: UseMutationResult<Result, Error, z.output<Schema>>;
  /** For `<form onSubmit>`: validates against the schema, then sends. */
  onSubmit: (event?: React.FormEvent<HTMLFormElement>) => void;
  /** Whether the refusal's field issues were put next to their fields (the alert need not list them). */
  fieldErrorsShown: boolean;
}

/**
 * A form bound to a shared Zod request schema: `@mantine/form` holds the values and errors, the
 * schema validates before anything is sent (messages from the catalogue, in the user's language),
 * a TanStack mutation sends, and a refusal that names fields puts its messages next to them.
 */
export function useSchemaForm<Values extends Record<string, unknown>, Schema extends z.ZodType, Result = unknown>(
  options: SchemaFormOptions<Values, Schema, Result>,
): SchemaForm<Values, Schema, Result> {
  const intl = useIntl();
  const known = (id: string) => id in intl.messages;
  const toBody = options.toBody ?? withoutBlanks;
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: options.initialValues,
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(options.check?.(values) ?? {})) if (message) errors[path] = message;
      const parsed = options.schema.safeParse(toBody(values));
      if (parsed.success) return errors;
      for (const [path, message] of Object.entries(issuesByField(parsed.error.issues, known))) {
        errors[path] ??= intl.formatMessage({ id: message.id }, message.values);
      }
      return errors;
    },
  });
  const mutation = useMutation<Result, Error, z.output<Schema>>({
    mutationFn: options.submit,
    onSuccess: (result, body) => options.onSuccess?.(result, body),
    onError: (error) => {
      const errors = serverFieldErrors(error, form.getValues(), intl);
      if (Object.keys(errors).length) {
        form.setErrors(errors);
        focusFirstInvalid(formElement(Object.keys(errors)));
      }
    },
  });
  const onSubmit = (event?: React.FormEvent<HTMLFormElement>) => {
    event?.preventDefault();
    const result = form.validate();
    if (result.hasErrors) {
      focusFirstInvalid(event?.currentTarget ?? formElement(Object.keys(result.errors)));
      return;
    }
    mutation.mutate(options.schema.parse(toBody(form.getValues())));
  };
  const fieldErrorsShown = mutation.error !== null && Object.keys(serverFieldErrors(mutation.error, form.getValues(), intl)).length > 0;
  return { form, mutation, onSubmit, fieldErrorsShown };
}

/** The form that holds one of these fields (so that another form's errors on the page are left alone). */
function formElement(paths: string[]): HTMLElement | null {
  if (typeof document === 'undefined') return null;
  for (const path of paths) {
    const input = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    if (input) return input.closest('form') ?? null;
  }
  return null;
}

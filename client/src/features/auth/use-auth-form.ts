import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrorMessage, serverFieldErrors } from './auth.errors';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

interface AuthFormOptions<F extends string> {
  initial: Record<F, string>;
  /** Client-side check with the shared schema; returns translated messages per field (empty when valid). */
  validate: (values: Record<F, string>) => FieldErrors<F>;
  /** Translated message for a field the server rejected (its own message is English-only). */
  fieldMessage: (field: F, serverMessage: string) => string;
  submit: (values: Record<F, string>) => Promise<void>;
}

/** State and submit handling shared by the login and registration forms. */
export function useAuthForm<F extends string>({ initial, validate, fieldMessage, submit }: AuthFormOptions<F>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function setValue(field: F, value: string): void {
    setValues((prev) => ({ ...prev, [field]: value }));
    setFieldErrors((prev) => (prev[field] ? { ...prev, [field]: undefined } : prev));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const local = validate(values);
    setFieldErrors(local);
    setFormError(null);
    if (Object.values(local).some(Boolean)) return;

    setPending(true);
    try {
      await submit(values);
    } catch (err) {
      const fromServer: FieldErrors<F> = {};
      for (const [field, message] of Object.entries(serverFieldErrors(err))) {
        if (Object.hasOwn(initial, field)) fromServer[field as F] = fieldMessage(field as F, message);
      }
      setFieldErrors(fromServer);
      setFormError(formErrorMessage(err, t));
    } finally {
      setPending(false);
    }
  }

  return { values, setValue, fieldErrors, formError, pending, onSubmit };
}

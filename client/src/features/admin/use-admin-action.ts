import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { devErrorMessage } from '../devportal/devportal.errors';

/**
 * One admin action at a time: `run` marks it pending, shows the server's error in the person's language, and
 * resolves true when the action worked (so a dialog knows to close).
 */
export function useAdminAction() {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(devErrorMessage(err, t));
      return false;
    } finally {
      setPending(false);
    }
  }

  /** Shows a failure that happened outside `run` (a first load). Stable across renders. */
  const fail = useCallback((err: unknown) => setError(devErrorMessage(err, t)), [t]);
  return { pending, error, fail, run };
}

import { MiniAppCategorySchema, type DevApp } from '@app/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog';
import { createApp } from './devportal.api';
import { devErrorMessage } from './devportal.errors';

type Category = DevApp['category'];

interface RegisterAppDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the new app and its secret (shown once). */
  onCreated: (app: DevApp, appSecret: string) => void;
}

/** Register an app: name, category and description → appId and appSecret. */
export function RegisterAppDialog({ open, onClose, onCreated }: RegisterAppDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const ids = { name: useId(), category: useId(), description: useId() };
  const [name, setName] = useState('');
  const [category, setCategory] = useState<Category>('tools');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function close(): void {
    setName('');
    setDescription('');
    setError(null);
    onClose();
  }

  async function submit(): Promise<void> {
    if (!name.trim()) return setError(t('devportal.nameRequired'));
    setPending(true);
    setError(null);
    try {
      const created = await createApp({ name: name.trim(), category, description: description.trim() });
      setName('');
      setDescription('');
      onCreated(created.app, created.appSecret);
    } catch (err) {
      setError(devErrorMessage(err, t));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      title={t('devportal.register')}
      onClose={close}
      actions={
        <>
          <button type="button" className="dialog__action" onClick={close}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className="dialog__action dialog__action--primary"
            disabled={pending}
            data-testid="register-app-submit"
          >
            {pending ? t('devportal.registering') : t('devportal.registerSubmit')}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="dev-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!pending) void submit();
        }}
      >
        <label className="dialog__label" htmlFor={ids.name}>
          {t('devportal.name')}
        </label>
        <input
          id={ids.name}
          className="dialog__input"
          value={name}
          maxLength={30}
          onChange={(e) => setName(e.target.value)}
          data-testid="register-app-name"
        />
        <label className="dialog__label" htmlFor={ids.category}>
          {t('devportal.category')}
        </label>
        <select
          id={ids.category}
          className="dialog__input"
          value={category}
          onChange={(e) => setCategory(MiniAppCategorySchema.parse(e.target.value))}
          data-testid="register-app-category"
        >
          {MiniAppCategorySchema.options.map((c) => (
            <option key={c} value={c}>
              {t(`devportal.categories.${c}`)}
            </option>
          ))}
        </select>
        <label className="dialog__label" htmlFor={ids.description}>
          {t('devportal.description')}
        </label>
        <textarea
          id={ids.description}
          className="dialog__input"
          rows={3}
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="register-app-description"
        />
        <p className="form-error" role="alert">
          {error}
        </p>
      </form>
    </Dialog>
  );
}

import type { Version } from '@app/shared';
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/http';
import { uploadPackage } from './devportal.api';
import { devErrorMessage } from './devportal.errors';

interface PackageUploadProps {
  appId: string;
  onUploaded: (version: Version) => void;
}

/** Upload a code package (.zip); a rejected package lists every problem the server found. */
export function PackageUpload({ appId, onUploaded }: PackageUploadProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<Array<[string, string]>>([]);
  const [error, setError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<string | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setPending(true);
    setProblems([]);
    setError(null);
    setUploaded(null);
    try {
      const version = await uploadPackage(appId, file);
      setUploaded(version.version);
      onUploaded(version);
    } catch (err) {
      setError(devErrorMessage(err, t));
      if (err instanceof ApiError && err.code === 'invalid_package' && err.fields)
        setProblems(Object.entries(err.fields));
    } finally {
      setPending(false);
      // The same file may be chosen again after fixing nothing but the server state.
      input.value = '';
    }
  }

  return (
    <section className="dev-card">
      <div className="dev-card__row">
        <h2 className="dev-card__title">{t('devportal.package')}</h2>
        <label
          htmlFor={inputId}
          className={`btn btn--primary btn--small dev-upload ${pending ? 'dev-upload--pending' : ''}`}
        >
          {pending ? t('devportal.uploading') : t('devportal.upload')}
        </label>
        <input
          id={inputId}
          type="file"
          accept=".zip,application/zip"
          className="visually-hidden"
          disabled={pending}
          onChange={(e) => void onFile(e)}
          data-testid="package-input"
        />
      </div>
      <p className="dev-hint">{t('devportal.uploadHint')}</p>
      {uploaded && (
        <p className="dev-saved" role="status" data-testid="package-uploaded">
          {t('devportal.uploaded', { version: uploaded })}
        </p>
      )}
      {error && (
        <div className="dev-problems" role="alert">
          <p className="form-error">{problems.length ? t('devportal.packageErrors') : error}</p>
          {problems.length > 0 && (
            <ul className="dev-problems__list" data-testid="package-errors">
              {problems.map(([where, message]) => (
                <li key={where}>
                  <code>{where}</code> {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

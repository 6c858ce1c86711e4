import type { DevApp } from '@app/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/http';
import { updateApp } from './devportal.api';
import { devErrorMessage } from './devportal.errors';

interface AppSettingsProps {
  app: DevApp;
  onSaved: (app: DevApp) => void;
}

interface FieldErrors {
  webhookUrl?: string;
  domains?: string;
  launchConfig?: string;
  form?: string;
}

/** `key=value` per line ⇄ the launch config object; a line without `=` is reported, not dropped. */
export function parseLaunchConfig(text: string): { config: Record<string, string>; bad?: string } {
  const config: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.indexOf('=');
    if (at < 1) return { config, bad: line };
    config[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return { config };
}

/**
 * Webhook URL, allowed API domains (one origin per line) and the launch config (`key=value` lines the page reads as
 * `context.config`); the server's field errors show under each field.
 */
export function AppSettings({ app, onSaved }: AppSettingsProps) {
  const { t } = useTranslation();
  const webhookId = useId();
  const [webhookUrl, setWebhookUrl] = useState(app.webhookUrl ?? '');
  const [domainsText, setDomainsText] = useState(app.domains.join('\n'));
  const [configText, setConfigText] = useState(
    // Sorted: the database keeps jsonb keys in its own order.
    Object.entries(app.launchConfig)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);

  const domains = () =>
    domainsText
      .split('\n')
      .map((d) => d.trim())
      .filter(Boolean);

  /** Maps `webhookUrl` and `domains.N` to translated messages (the server's own are English). */
  function fieldErrors(err: unknown): FieldErrors {
    if (!(err instanceof ApiError) || err.code !== 'validation_failed' || !err.fields)
      return { form: devErrorMessage(err, t) };
    const out: FieldErrors = {};
    for (const path of Object.keys(err.fields)) {
      const [field, index] = path.split('.');
      if (field === 'webhookUrl') out.webhookUrl = t('devportal.invalidWebhook');
      if (field === 'domains') out.domains ??= t('devportal.invalidDomain', { domain: domains()[Number(index)] ?? '' });
      if (field === 'launchConfig') out.launchConfig = t('devportal.invalidLaunchConfig', { line: index ?? '' });
    }
    return out.webhookUrl || out.domains || out.launchConfig ? out : { form: devErrorMessage(err, t) };
  }

  async function save(): Promise<void> {
    setPending(true);
    setErrors({});
    setSaved(false);
    const launch = parseLaunchConfig(configText);
    if (launch.bad !== undefined) {
      setErrors({ launchConfig: t('devportal.invalidLaunchConfig', { line: launch.bad }) });
      setPending(false);
      return;
    }
    try {
      onSaved(
        await updateApp(app.appId, {
          webhookUrl: webhookUrl.trim() || null,
          domains: domains(),
          launchConfig: launch.config,
        }),
      );
      setSaved(true);
    } catch (err) {
      setErrors(fieldErrors(err));
    } finally {
      setPending(false);
    }
  }

  return (
    <form
      className="dev-card dev-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!pending) void save();
      }}
    >
      <h2 className="dev-card__title">{t('devportal.settings')}</h2>
      <label className="dialog__label" htmlFor={webhookId}>
        {t('devportal.webhookUrl')}
      </label>
      <input
        id={webhookId}
        className="dialog__input"
        type="url"
        inputMode="url"
        placeholder="https://example.com/webhook"
        value={webhookUrl}
        aria-invalid={errors.webhookUrl ? true : undefined}
        onChange={(e) => setWebhookUrl(e.target.value)}
        data-testid="settings-webhook"
      />
      {errors.webhookUrl && (
        <p className="form-error" data-testid="settings-webhook-error">
          {errors.webhookUrl}
        </p>
      )}
      <LinesField
        label={t('devportal.domains')}
        hint={t('devportal.domainsHint')}
        error={errors.domains}
        rows={3}
        placeholder="https://api.example.com"
        value={domainsText}
        onChange={setDomainsText}
        testId="settings-domains"
      />
      <LinesField
        label={t('devportal.launchConfig')}
        hint={t('devportal.launchConfigHint')}
        error={errors.launchConfig}
        rows={2}
        placeholder="backendUrl=https://api.example.com"
        value={configText}
        onChange={setConfigText}
        testId="settings-launch-config"
      />
      {errors.form && <p className="form-error">{errors.form}</p>}
      <div className="dev-card__actions">
        {saved && (
          <span className="dev-saved" role="status" data-testid="settings-saved">
            {t('devportal.saved')}
          </span>
        )}
        <button type="submit" className="btn btn--primary btn--small" disabled={pending} data-testid="settings-save">
          {pending ? t('devportal.saving') : t('devportal.save')}
        </button>
      </div>
    </form>
  );
}

interface LinesFieldProps {
  label: string;
  hint: string;
  error: string | undefined;
  rows: number;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}

/** A labelled textarea of one entry per line, with its hint, or the server's error in its place. */
function LinesField({ label, hint, error, rows, placeholder, value, onChange, testId }: LinesFieldProps) {
  const id = useId();
  return (
    <>
      <label className="dialog__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="dialog__input"
        rows={rows}
        placeholder={placeholder}
        value={value}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
      {error ? (
        <p className="form-error" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : (
        <p className="dev-hint">{hint}</p>
      )}
    </>
  );
}

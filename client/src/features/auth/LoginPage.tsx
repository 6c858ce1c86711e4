import { LoginSchema } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AuthLayout } from './AuthLayout';
import { FormError } from './FormError';
import { FormField } from './FormField';
import { login, useSession } from './session.store';
import { useAuthForm, type FieldErrors } from './use-auth-form';

type Field = 'username' | 'password';

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const lost = session.status === 'anonymous' && session.reason === 'lost';

  const form = useAuthForm<Field>({
    initial: { username: '', password: '' },
    validate(values) {
      const errors: FieldErrors<Field> = {};
      const parsed = LoginSchema.safeParse(values);
      for (const issue of parsed.error?.issues ?? []) {
        const field = issue.path[0];
        if (field === 'username' || field === 'password') errors[field] = t(`auth.required.${field}`);
      }
      return errors;
    },
    fieldMessage: (field) => t(`auth.required.${field}`),
    submit: (values) => login(values),
  });

  return (
    <AuthLayout
      title={t('auth.login.title')}
      subtitle={t('auth.login.subtitle')}
      footer={
        <>
          {t('auth.login.noAccount')}{' '}
          <Link to="/register" className="link">
            {t('auth.login.toRegister')}
          </Link>
        </>
      }
    >
      <form className="auth__form" onSubmit={(event) => void form.onSubmit(event)} noValidate>
        <div className="form-group">
          <FormField
            label={t('auth.username')}
            placeholder={t('auth.usernamePlaceholder')}
            value={form.values.username}
            error={form.fieldErrors.username}
            onValueChange={(value) => form.setValue('username', value)}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            data-testid="login-username"
          />
          <FormField
            label={t('auth.password')}
            placeholder={t('auth.passwordPlaceholder')}
            value={form.values.password}
            error={form.fieldErrors.password}
            onValueChange={(value) => form.setValue('password', value)}
            name="password"
            type="password"
            autoComplete="current-password"
            data-testid="login-password"
          />
        </div>
        <FormError message={form.formError ?? (lost ? t('errors.session_lost') : null)} />
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={form.pending}
          data-testid="login-submit"
        >
          {form.pending ? t('auth.login.pending') : t('auth.login.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}

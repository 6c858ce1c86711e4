import { RegisterSchema } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { InvitedHint } from '../friends/InvitedHint';
import { Link, useSearchParams } from 'react-router-dom';
import { AuthLayout } from './AuthLayout';
import { FormError } from './FormError';
import { FormField } from './FormField';
import { register } from './session.store';
import { useAuthForm, type FieldErrors } from './use-auth-form';

type Field = 'username' | 'password' | 'displayName';

function isField(value: unknown): value is Field {
  return value === 'username' || value === 'password' || value === 'displayName';
}

export function RegisterPage() {
  const { t } = useTranslation();
  // An invite link (/register?invite=CODE) makes the inviter's friend request wait for the newcomer.
  const inviteCode = useSearchParams()[0].get('invite')?.trim() || undefined;

  const form = useAuthForm<Field>({
    initial: { username: '', displayName: '', password: '' },
    validate(values) {
      const errors: FieldErrors<Field> = {};
      const parsed = RegisterSchema.safeParse(values);
      for (const issue of parsed.error?.issues ?? []) {
        const field = issue.path[0];
        if (isField(field)) errors[field] ??= t(`auth.hints.${field}`);
      }
      return errors;
    },
    fieldMessage: (field) => t(`auth.hints.${field}`),
    submit: (values) => register(RegisterSchema.parse({ ...values, inviteCode })),
  });

  return (
    <AuthLayout
      title={t('auth.register.title')}
      subtitle={t('auth.register.subtitle')}
      footer={
        <>
          {t('auth.register.haveAccount')}{' '}
          <Link to="/login" className="link">
            {t('auth.register.toLogin')}
          </Link>
        </>
      }
    >
      {inviteCode && <InvitedHint text={t('auth.register.invited')} />}
      <form className="auth__form" onSubmit={(event) => void form.onSubmit(event)} noValidate>
        <div className="form-group">
          <FormField
            label={t('auth.displayName')}
            placeholder={t('auth.displayNamePlaceholder')}
            value={form.values.displayName}
            error={form.fieldErrors.displayName}
            onValueChange={(value) => form.setValue('displayName', value)}
            name="displayName"
            autoComplete="nickname"
            maxLength={40}
            data-testid="register-displayname"
          />
          <FormField
            label={t('auth.username')}
            placeholder={t('auth.hints.username')}
            value={form.values.username}
            error={form.fieldErrors.username}
            onValueChange={(value) => form.setValue('username', value)}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={32}
            data-testid="register-username"
          />
          <FormField
            label={t('auth.password')}
            placeholder={t('auth.hints.password')}
            value={form.values.password}
            error={form.fieldErrors.password}
            onValueChange={(value) => form.setValue('password', value)}
            name="password"
            type="password"
            autoComplete="new-password"
            data-testid="register-password"
          />
        </div>
        <FormError message={form.formError} />
        <button
          type="submit"
          className="btn btn--primary btn--block"
          disabled={form.pending}
          data-testid="register-submit"
        >
          {form.pending ? t('auth.register.pending') : t('auth.register.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}

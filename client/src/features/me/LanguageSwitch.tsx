import type { Locale } from '@app/shared';
import { useTranslation } from 'react-i18next';
import { currentLocale, LOCALES } from '../../lib/i18n';
import { chooseLocale } from './me.actions';

const TEST_IDS: Record<Locale, string> = { 'zh-CN': 'language-zh', en: 'language-en' };

/** 中文 | English segmented control; each option is written in its own language. */
export function LanguageSwitch({ labelledBy }: { labelledBy: string }) {
  const { t } = useTranslation();
  const active = currentLocale();
  return (
    <div className="segmented" role="group" aria-labelledby={labelledBy}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="segmented__option"
          aria-pressed={locale === active}
          data-testid={TEST_IDS[locale]}
          onClick={() => void chooseLocale(locale)}
        >
          {t(`languages.${locale}`)}
        </button>
      ))}
    </div>
  );
}

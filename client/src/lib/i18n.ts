import { LocaleSchema, type Locale } from '@app/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';

export const LOCALE_KEY = 'superapp.locale';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

// Compile-time check that zh-CN has every key of en (the unit test checks the other direction).
const zh: typeof en = zhCN;

/** The locale the user picked on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const parsed = LocaleSchema.safeParse(localStorage.getItem(LOCALE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A stored choice wins; otherwise zh-CN when the browser's first preferred language is Chinese, else en. */
export function detectLocale(): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  const first = navigator.languages?.[0] ?? navigator.language ?? '';
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function currentLocale(): Locale {
  const parsed = LocaleSchema.safeParse(i18next.language);
  return parsed.success ? parsed.data : 'en';
}

/** Switches the UI language; `remember` stores it as this device's choice. */
export async function applyLocale(locale: Locale, { remember }: { remember: boolean }): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(LOCALE_KEY, locale);
    } catch {
      // Storage disabled: the choice lasts for this page only.
    }
  }
  if (locale !== i18next.language) await i18next.changeLanguage(locale);
}

function reflectInDocument(locale: string): void {
  document.documentElement.lang = locale;
  document.title = i18next.t('app.name');
}

export function initI18n(): typeof i18next {
  i18next.on('languageChanged', reflectInDocument);
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zh } },
    lng: detectLocale(),
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  });
  return i18next;
}

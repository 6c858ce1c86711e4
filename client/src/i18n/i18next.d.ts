import 'i18next';
import type en from './en.json';

// Typed keys: t('tabs.chats') compiles, a misspelt key does not. en.json is the source of truth.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

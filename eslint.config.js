import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      'data-*/**',
      'server/drizzle/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}', 'miniapps/*/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Plain browser scripts of fixture mini-programs (served as they are, no bundler).
    files: ['test/e2e/fixtures/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  {
    // Platform code never reaches into a feature (STYLE.md).
    files: ['server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*/**', '../../*/**', '!../platform/**'], message: 'platform/ never imports a feature' },
          ],
        },
      ],
    },
  },
  {
    // A mini-program is a third party (STYLE.md, "Narrow exports for third parties"): the SDK and the narrow
    // @app/shared/openapi and @app/shared/bridge exports, never the whole barrel and never the platform.
    files: ['miniapps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@app/shared', message: 'Import @app/shared/openapi (or @app/shared/bridge) instead' }],
          patterns: [
            {
              group: ['@app/server', '@app/server/*', '@app/client', '@app/client/*'],
              message: 'A mini-program never imports the platform',
            },
          ],
        },
      ],
    },
  },
  {
    // The SDK's server kit speaks the Open API only (a backend has no bridge).
    files: ['miniapps/sdk/src/server/**/*.ts', 'miniapps/sdk/src/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@app/shared', message: 'Import @app/shared/openapi instead' },
            { name: '@app/shared/bridge', message: 'The server kit imports only @app/shared/openapi' },
          ],
        },
      ],
    },
  },
);

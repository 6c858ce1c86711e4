import { defineConfig } from 'vite';

// Served from http://<appId>.apps.localhost:<APPS_PORT>/_v/<version>/ with `script-src 'self'`: relative asset URLs,
// no inline scripts.
export default defineConfig({
  base: './',
  build: { outDir: '../dist/web', emptyOutDir: true, modulePreload: { polyfill: false }, assetsInlineLimit: 0 },
});

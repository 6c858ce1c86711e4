import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const API = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // xfwd: the server checks the Origin of session-cookie requests against X-Forwarded-Host (ADR 0008).
      '/api': { target: API, changeOrigin: true, xfwd: true },
      '/socket.io': { target: API, ws: true, changeOrigin: true },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The client's initial JS budget is 200 KB gzip (DESIGN.md §10); warn well before that.
    chunkSizeWarningLimit: 600,
  },
});

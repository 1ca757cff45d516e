import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by the platform itself at `/` (packages/server/src/web). In `npm run dev`
// the API calls are proxied to a running server on :3000.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/open311': 'http://127.0.0.1:3000',
    },
  },
});

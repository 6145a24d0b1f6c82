import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web UI: built into dist/web, which the API server serves (no dev server needed in production).
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    manifest: true, // bench/bundle-size.ts follows it to measure each route's JavaScript
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'charts';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});

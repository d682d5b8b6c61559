import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { compressAssets } from './compress-assets.mts';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** The console is served by the Express process under /app/; assets carry content hashes (cached immutably). */
export default defineConfig({
  root: webRoot,
  base: '/app/',
  plugins: [
    vue(),
    // Element Plus on demand: each page imports the components its templates use, with their own style sheets,
    // instead of the whole library and its 360 KB style sheet on every first load.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    compressAssets(),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 2000,
    // The timing report of rolldown is noise in CI logs.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: Object.fromEntries(
      ['/auth', '/me', '/tasks', '/complaints', '/vocabulary', '/processes', '/instances', '/penalties', '/ledger',
        '/payroll-adjustments', '/reports', '/audit']
        .map((prefix) => [prefix, process.env.API_ORIGIN ?? 'http://localhost:3000']),
    ),
  },
});

import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// Two pages, both bundled from npm packages so the browser loads nothing but the hub and Keycloak:
// the clerks' app at / and GraphiQL at /graphiql. They land in the jar's static resources.
export default defineConfig({
  root: __dirname,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(__dirname, '../../../target/classes/static'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // GraphiQL's React packages mark themselves "use client" for server rendering, which a browser bundle ignores
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        app: resolve(__dirname, 'index.html'),
        graphiql: resolve(__dirname, 'graphiql.html'),
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});

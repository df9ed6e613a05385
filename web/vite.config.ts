import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { screenChunks } from './build/chunks.ts';
import { precompress } from './build/precompress.ts';

// React Router's package exports only its development build (warnings included); the build takes the production one.
const routerProduction = path.join(
  path.dirname(createRequire(import.meta.url).resolve('react-router/package.json')),
  'dist/production/index.mjs',
);

/** What the build compiles and how: shared by the build and the plan of its chunks (build/chunks.ts). */
const compile = {
  root: import.meta.dirname,
  resolve: { alias: [{ find: /^react-router$/, replacement: routerProduction }] },
  build: {
    target: 'es2022',
    write: false,
    rolldownOptions: {
      // antd's rc-components and @ant-design packages do not declare `sideEffects`; they have none.
      treeshake: {
        moduleSideEffects: [{ test: /node_modules[\\/]@(rc-component|ant-design)[\\/]/, sideEffects: false }],
      },
    },
  },
} satisfies UserConfig;

// `npm run dev`: hot reload on 5173, API calls proxied to the server on 3000 (`npm start` in another terminal).
export default defineConfig(({ command }) => ({
  plugins: [react(), precompress(), screenChunks({ ...compile, plugins: [react()] })],
  ...(command === 'build' ? { resolve: compile.resolve } : {}),
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.KEHU_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    ...compile.build,
    write: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
}));

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'common/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['web/test/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // The database first, then the web build (when web/dist is stale) that the test servers serve.
          globalSetup: ['server/test/global-setup.ts', 'e2e/build-web.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
          // Journeys wait for what the user would see, never for a fixed time.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});

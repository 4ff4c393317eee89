import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything beside the code, incl. both databases) and
// `e2e` (a real chromium). `npm test` runs both; e2e skips itself with a
// printed notice when /usr/bin/chromium is missing.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
          setupFiles: ['test/shifted-clock.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

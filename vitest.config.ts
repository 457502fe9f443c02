import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // @typescript-eslint/rule-tester looks for describe/it/afterAll as globals.
    globals: true,
    // Real-ESLint integration tests set their own, longer, per-test timeouts.
    testTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});

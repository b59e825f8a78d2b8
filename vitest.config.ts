import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the default CodeBuild image once, with its progress printed, before any test file needs it.
    globalSetup: ['test/codebuild/global-setup.ts'],
    setupFiles: ['test/setup/cleanup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Docker and SIGKILL tests share one engine and one machine of 2 cores: keep files few at a time.
    maxWorkers: 2,
  },
});

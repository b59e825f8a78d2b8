import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './test/setup/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The real AWS CLI on PATH instead of its pyenv shim (which doubles each CLI start); the server bundle that child
    // processes run, rebuilt when a source is newer; then the default CodeBuild image, built once with its progress
    // printed, before any test file needs it.
    globalSetup: ['test/setup/direct-aws-cli.ts', 'test/setup/server-build.ts', 'test/codebuild/global-setup.ts'],
    setupFiles: ['test/setup/cleanup.ts'],
    // The AWS SDK's documented switch for its Node 20 NodeVersionSupportWarning: tests only, the emulator's users still see it.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    // expect.poll gives up after 1 s by default: a timing, which a loaded machine misses. A poll ends as soon as it holds.
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 120_000,
    // Docker and SIGKILL tests share one engine and one machine of 2 cores: keep files few at a time.
    maxWorkers: 2,
    // Each worker keeps its modules from file to file: importing the emulator's sources and the SDK clients again for
    // every file cost 150-200 s of the suite (35 s this way). So a file must not rely on a process of its own (no
    // module mocks, no count of the process's children that other files' servers could add to).
    isolate: false,
    sequence: { sequencer: SlowFirstSequencer },
  },
});

import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { readConfig, type Config } from '../../src/config.js';
import { startEmulator, type EmulatorOverrides, type RunningEmulator } from '../../src/main.js';
import { silentLogger, type Logger } from '../../src/shared/index.js';

/** A listening emulator on a free port with a fresh data directory, and SDK clients pointed at it. */
export interface TestEmulator {
  url: string;
  dataDir: string;
  emulator: RunningEmulator;
  codepipeline(region?: string, accessKeyId?: string): CodePipelineClient;
  close(): Promise<void>;
}

/** Test credentials: the SDK signs with them and the emulator reads the account from the key. */
export const TEST_ACCOUNT = '000000000000';

/** Makes a fresh temporary data directory. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-test-'));
  made.push(dir);
  return dir;
}

// Tests that restart an emulator on the same folder keep it across emulators; test/setup/cleanup.ts removes them after each file.
const made: string[] = [];

/** Removes every data directory freshDataDir made in this test file. */
export function removeFreshDataDirs(): void {
  made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}

/** Options of a test emulator beyond its configuration. */
export interface TestEmulatorOptions {
  /** A logger to read the emulator's logs from; silent by default. */
  log?: Logger;
  /** Extra providers, a manual clock, ... handed to startEmulator. */
  overrides?: EmulatorOverrides;
}

/** Starts an emulator for one test file; close() stops it and removes its data directory. */
export async function startTestEmulator(overrides: Partial<Config> = {}, options: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = overrides.dataDir ?? freshDataDir();
  const config = { ...readConfig({ port: '0', dataDir }, {}, false), ...overrides };
  const emulator = await startEmulator(config, options.log ?? silentLogger(), options.overrides);
  const clients: CodePipelineClient[] = [];
  return {
    url: emulator.url,
    dataDir,
    emulator,
    codepipeline(region = 'us-east-1', accessKeyId = 'AKIDEXAMPLE') {
      const client = new CodePipelineClient({
        endpoint: emulator.url,
        region,
        credentials: { accessKeyId, secretAccessKey: 'secret' },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async close() {
      clients.forEach((c) => c.destroy());
      await emulator.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The emulator and client of one describe block, filled in by its beforeAll. */
export interface TestEmulatorHandle {
  env: TestEmulator;
  client: CodePipelineClient;
}

/** Starts a test emulator before the tests of the enclosing describe block and closes it after them. */
export function useTestEmulator(overrides: Partial<Config> = {}, options: TestEmulatorOptions = {}): TestEmulatorHandle {
  // Hooks run after the describe callback has returned, so the handle is filled in place; a start that failed leaves nothing to close.
  const handle = {} as TestEmulatorHandle;
  beforeAll(async () => {
    handle.env = await startTestEmulator(overrides, options);
    handle.client = handle.env.codepipeline();
  });
  afterAll(async () => handle.env?.close());
  return handle;
}

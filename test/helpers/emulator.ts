import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { readConfig, type Config } from '../../src/config.js';
import { startEmulator, type EmulatorOverrides, type RunningEmulator } from '../../src/main.js';
import type { Logger } from '../../src/shared/index.js';
import { warningLogger } from './emulator-warnings.js';
import { freshDataDir } from './fresh-data-dir.js';

export { freshDataDir, removeFreshDataDirs } from './fresh-data-dir.js';

/** The settings every SDK client of a test emulator is made with. */
export interface SdkClientSettings {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

/** An AWS SDK client class (CodePipelineClient, CodeDeployClient, ...). */
export type SdkClientClass<C extends { destroy(): void }> = new (settings: SdkClientSettings) => C;

/** A listening emulator on a free port with a fresh data directory, and SDK clients pointed at it. */
export interface TestEmulator {
  url: string;
  dataDir: string;
  emulator: RunningEmulator;
  /** The client of one service, region and access key, made once and destroyed by close(). */
  client<C extends { destroy(): void }>(Client: SdkClientClass<C>, region?: string, accessKeyId?: string): C;
  /** The CodePipeline client of a region and access key, as client(CodePipelineClient, ...). */
  codepipeline(region?: string, accessKeyId?: string): CodePipelineClient;
  close(): Promise<void>;
}

/** Test credentials: the SDK signs with them and the emulator reads the account from the key. */
export const TEST_ACCOUNT = '000000000000';

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
  const emulator = await startEmulator(config, options.log ?? warningLogger(), options.overrides);
  // One client per service, region and access key, so helpers may ask for one as often as they like.
  const clients = new Map<string, { destroy(): void }>();
  const env: TestEmulator = {
    url: emulator.url,
    dataDir,
    emulator,
    client<C extends { destroy(): void }>(Client: SdkClientClass<C>, region = 'us-east-1', accessKeyId = 'AKIDEXAMPLE'): C {
      const key = `${Client.name} ${region} ${accessKeyId}`;
      if (!clients.has(key)) clients.set(key, new Client({ endpoint: emulator.url, region, credentials: { accessKeyId, secretAccessKey: 'secret' }, maxAttempts: 1 }));
      return clients.get(key) as C;
    },
    codepipeline: (region, accessKeyId) => env.client(CodePipelineClient, region, accessKeyId),
    async close() {
      clients.forEach((c) => c.destroy());
      await emulator.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}

/** The emulator and client of one describe block, filled in by its beforeAll. */
export interface TestEmulatorHandle<C = CodePipelineClient> {
  env: TestEmulator;
  client: C;
}

/** Options of useTestEmulator: those of startTestEmulator, and the service of the handle's client. */
export interface UseTestEmulatorOptions<C extends { destroy(): void }> extends TestEmulatorOptions {
  /** The SDK client class of `handle.client`; CodePipelineClient by default. */
  client?: SdkClientClass<C>;
}

/** Starts a test emulator before the tests of the enclosing describe block and closes it after them. */
export function useTestEmulator<C extends { destroy(): void } = CodePipelineClient>(overrides: Partial<Config> = {}, options: UseTestEmulatorOptions<C> = {}): TestEmulatorHandle<C> {
  // Hooks run after the describe callback has returned, so the handle is filled in place; a start that failed leaves nothing to close.
  const handle = {} as TestEmulatorHandle<C>;
  const Client = options.client ?? (CodePipelineClient as unknown as SdkClientClass<C>);
  beforeAll(async () => {
    handle.env = await startTestEmulator(overrides, options);
    handle.client = handle.env.client(Client);
  });
  afterAll(async () => handle.env?.close());
  return handle;
}

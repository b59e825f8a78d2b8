/**
 * Starts the emulator with the LocalTest providers, as `codepipeline-local serve` would, for tests that need a
 * separate process (e.g. to SIGKILL it). Run as `node --import tsx test/helpers/serve-with-test-providers.ts
 * --data-dir DIR --port 0`; it prints the same `listening on http://...` log line as the real server.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../../src/config.js';
import { startEmulator } from '../../src/main.js';
import { createLogger } from '../../src/shared/index.js';
import { localTestProviders } from './test-provider.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, 'log-level': { type: 'string' } },
  strict: true,
});
const config = readConfig({ dataDir: values['data-dir'], port: values.port, logLevel: values['log-level'] });
const log = createLogger({ level: config.logLevel, pretty: config.prettyLogs });
const emulator = await startEmulator(config, log, { providers: localTestProviders() });

const stop = () => void emulator.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

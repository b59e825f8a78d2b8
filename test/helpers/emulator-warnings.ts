import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/shared/index.js';

// Kept apart from emulator.ts, as fresh-data-dir.ts is, so test/setup/cleanup.ts does not import the whole server.
const MAX_LINES = 200;

/** The warnings and errors the test emulators of this worker logged since the current test began, newest last. */
export const emulatorWarnings: string[] = [];

/** A logger that keeps warnings and errors in emulatorWarnings: they are printed when a test fails (test/setup/cleanup.ts). */
export function warningLogger(): Logger {
  return createLogger({
    level: 'warn',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        emulatorWarnings.push(chunk.toString().trim());
        if (emulatorWarnings.length > MAX_LINES) emulatorWarnings.splice(0, emulatorWarnings.length - MAX_LINES);
        done();
      },
    }),
  });
}

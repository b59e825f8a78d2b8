import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Kept apart from emulator.ts so test/setup/cleanup.ts, loaded by every test file, does not import the whole server.
const made: string[] = [];

/** Makes a fresh temporary data directory, removed after the test file by test/setup/cleanup.ts. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-test-'));
  made.push(dir);
  return dir;
}

/** Removes every data directory freshDataDir made in this test file; tests that restart an emulator on one folder keep it until then. */
export function removeFreshDataDirs(): void {
  made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
}

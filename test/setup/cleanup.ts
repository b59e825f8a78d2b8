import { afterAll, afterEach, beforeEach } from 'vitest';
import { emulatorWarnings } from '../helpers/emulator-warnings.js';
import { removeFreshDataDirs } from '../helpers/fresh-data-dir.js';

// Registered before each file's own hooks, so it runs after them: the emulators are closed by then.
afterAll(() => removeFreshDataDirs());

// What the file's emulators warned of during a test that failed: the logs are otherwise not shown.
beforeEach(() => void emulatorWarnings.splice(0));
afterEach((context) => {
  if (context.task.result?.state === 'fail' && emulatorWarnings.length) console.log(`the emulator's warnings and errors during "${context.task.name}":\n${emulatorWarnings.join('\n')}`);
});

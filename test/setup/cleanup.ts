import { afterAll } from 'vitest';
import { removeFreshDataDirs } from '../helpers/fresh-data-dir.js';

// Registered before each file's own hooks, so it runs after them: the emulators are closed by then.
afterAll(() => removeFreshDataDirs());

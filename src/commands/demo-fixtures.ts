import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The tutorial's files: the sample app and the JSON inputs of the API calls. */
export const FIXTURES = {
  sampleApp: fileURLToPath(new URL('../../fixtures/sample-app/', import.meta.url)),
  buildProject: fileURLToPath(new URL('../../fixtures/tutorial/build-project.json', import.meta.url)),
  deploymentGroup: fileURLToPath(new URL('../../fixtures/tutorial/deployment-group.json', import.meta.url)),
  pipeline: fileURLToPath(new URL('../../fixtures/tutorial/pipeline.json', import.meta.url)),
} as const;

/** Reads one of the tutorial's JSON files. */
export function readFixture(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

import { readFileSync } from 'node:fs';
import { packagePath } from '../shared/index.js';

/** The tutorial's files: the sample app and the JSON inputs of the API calls. */
export const FIXTURES = {
  sampleApp: packagePath('fixtures/sample-app/'),
  buildProject: packagePath('fixtures/tutorial/build-project.json'),
  deploymentGroup: packagePath('fixtures/tutorial/deployment-group.json'),
  pipeline: packagePath('fixtures/tutorial/pipeline.json'),
} as const;

/** Reads one of the tutorial's JSON files. */
export function readFixture(path: string): Record<string, any> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ServiceModel } from '../../../../src/api/protocol/index.js';

let dataDir: string | undefined;

/** The data folder of the botocore the installed AWS CLI uses: the same models the CLI speaks from. */
export function botocoreDataDir(): string {
  dataDir ??= join(execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8' }).trim(), 'data');
  return dataDir;
}

/** Loads the newest botocore service-2.json of a service (gzipped or not), straight from the installed botocore. */
export function botocoreModel(service: string): ServiceModel {
  const root = join(botocoreDataDir(), service);
  const version = readdirSync(root).sort().at(-1)!;
  const path = join(root, version, 'service-2.json');
  const text = existsSync(path) ? readFileSync(path, 'utf8') : gunzipSync(readFileSync(`${path}.gz`)).toString('utf8');
  return JSON.parse(text) as ServiceModel;
}

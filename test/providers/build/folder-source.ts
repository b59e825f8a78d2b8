import { zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ActionTypeDefinition } from '../../../src/model/index.js';
import type { ActionJob, ActionProvider, ActionResult } from '../../../src/providers/index.js';

/** The test-only source action type Source/Custom/LocalFolder/1: its `Folder` configuration names a folder to zip. */
export const FOLDER_SOURCE_TYPE: ActionTypeDefinition = {
  id: { category: 'Source', owner: 'Custom', provider: 'LocalFolder', version: '1' },
  actionConfigurationProperties: [{ name: 'Folder', required: true, key: true, secret: false }],
  inputArtifactDetails: { minimumCount: 0, maximumCount: 0 },
  outputArtifactDetails: { minimumCount: 1, maximumCount: 1 },
};

function files(root: string, dir = root, out: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(root, path, out);
    else out[relative(root, path)] = new Uint8Array(readFileSync(path));
  }
  return out;
}

/** A source provider for tests: zips a folder of this machine as the output artifact; the revision is the zip's sha256. */
export const folderSourceProvider: ActionProvider = {
  type: FOLDER_SOURCE_TYPE,
  async run(job: ActionJob): Promise<ActionResult> {
    const zip = zipSync(files(job.configuration.Folder));
    const path = join(job.workDir, 'source.zip');
    writeFileSync(path, zip);
    const revisionId = createHash('sha256').update(zip).digest('hex').slice(0, 40);
    return { outputArtifacts: { [job.outputArtifactNames[0]]: path }, revision: { revisionId, summary: `folder ${job.configuration.Folder}` } };
  },
};

/**
 * The `succeed` stand-in: an AWS action type the emulator does not run (CloudFormation, ECS, ...) succeeds at once, its
 * summary saying so, and each output artifact it declares is an empty zip, so the actions after it can run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionTypeKey, type ActionTypeDefinition } from '../../model/index.js';
import type { ActionJob, ActionProvider, ActionResult } from '../contract.js';

// A zip with no entries: its end-of-central-directory record alone.
const EMPTY_ZIP = Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]);

/** Succeeds every action of a type it stands in for, producing empty output artifacts. */
export function succeedingStandIn(type: ActionTypeDefinition): ActionProvider {
  return {
    type,
    async run(job: ActionJob): Promise<ActionResult> {
      const outputArtifacts: Record<string, string> = {};
      job.outputArtifactNames.forEach((name, i) => {
        outputArtifacts[name] = join(job.workDir, `stand-in-${i}.zip`);
        writeFileSync(outputArtifacts[name], EMPTY_ZIP);
      });
      return { summary: `Stood in for by codepipeline-local: ${actionTypeKey(type.id)} is not run locally, so this action succeeded without doing anything`, outputArtifacts };
    },
  };
}

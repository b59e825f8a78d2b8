import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActionTypeDefinition } from '../../src/model/index.js';
import { ActionFailure, type ActionContext, type ActionJob, type ActionProvider, type ActionResult } from '../../src/providers/index.js';

/** The categories the test provider is registered under, as Custom/LocalTest/1. */
export const TEST_CATEGORIES = ['Source', 'Build', 'Test', 'Deploy'] as const;

function definition(category: (typeof TEST_CATEGORIES)[number]): ActionTypeDefinition {
  const source = category === 'Source';
  return {
    id: { category, owner: 'Custom', provider: 'LocalTest', version: '1' },
    actionConfigurationProperties: ['Sleep', 'WaitForFile', 'Outcome', 'FailUnlessFile', 'OutputVariables', 'Content', 'Summary', 'RevisionId'].map((name) => ({
      name,
      required: false,
      key: false,
      secret: false,
    })),
    inputArtifactDetails: { minimumCount: 0, maximumCount: source ? 0 : 5 },
    outputArtifactDetails: { minimumCount: source ? 1 : 0, maximumCount: 5 },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new ActionFailure('JobFailed', 'aborted', true));
    });
  });
}

/** Waits until a file exists: a test holds the action in progress for as long as it needs, and releases it by making the file. */
function untilFile(path: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => () => {
      clearInterval(timer);
      signal.removeEventListener('abort', aborted);
      settle();
    };
    const aborted = done(() => reject(new ActionFailure('JobFailed', 'aborted', true)));
    const found = done(resolve);
    const timer = setInterval(() => existsSync(path) && found(), 10);
    signal.addEventListener('abort', aborted);
    if (existsSync(path)) found();
  });
}

function outputZip(job: ActionJob, content: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const input of job.inputArtifacts) Object.assign(files, unzipSync(readFileSync(input.zipPath)));
  files[`${job.stageName}-${job.actionName}.txt`] = strToU8(content);
  return zipSync(files);
}

/**
 * A test-only action provider: sleeps or waits for a file, succeeds or fails as configured, emits output variables, and makes
 * output zips holding its inputs' files plus one file of its own, so artifact flow can be checked.
 */
export class LocalTestProvider implements ActionProvider {
  /** Every job this provider received, in order. */
  readonly jobs: ActionJob[] = [];

  constructor(readonly type: ActionTypeDefinition) {}

  async run(job: ActionJob, ctx: ActionContext): Promise<ActionResult> {
    this.jobs.push(job);
    const c = job.configuration;
    ctx.progress({ externalExecutionId: `local-test-${job.actionExecutionId.slice(0, 8)}`, percentComplete: 0 });
    if (c.Sleep) await sleep(Number(c.Sleep), ctx.signal);
    if (c.WaitForFile) await untilFile(c.WaitForFile, ctx.signal);
    if (c.Outcome === 'Fail') throw new ActionFailure('JobFailed', c.Summary ?? `Action ${job.actionName} failed as configured`, true);
    if (c.FailUnlessFile && !existsSync(c.FailUnlessFile)) throw new ActionFailure('JobFailed', `${c.FailUnlessFile} does not exist yet`, true);
    const outputArtifacts: Record<string, string> = {};
    for (const name of job.outputArtifactNames) {
      const path = join(job.workDir, `${name}.zip`);
      writeFileSync(path, outputZip(job, c.Content ?? job.actionName));
      outputArtifacts[name] = path;
    }
    const revisionId = job.sourceRevisionOverride?.revisionValue ?? c.RevisionId;
    return {
      summary: c.Summary ?? `${job.actionName} done`,
      outputVariables: c.OutputVariables ? JSON.parse(c.OutputVariables) : {},
      outputArtifacts,
      ...(job.actionTypeId.category === 'Source' ? { revision: { revisionId: revisionId ?? `rev-${job.pipelineExecutionId.slice(0, 8)}`, summary: c.Summary ?? 'test revision' } } : {}),
    };
  }
}

/** One test provider per category. */
export function localTestProviders(): LocalTestProvider[] {
  return TEST_CATEGORIES.map((c) => new LocalTestProvider(definition(c)));
}

/** Lists the entries of a zip file. */
export function zipEntries(path: string): Record<string, string> {
  const files = unzipSync(readFileSync(path));
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

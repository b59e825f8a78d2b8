import { join } from 'node:path';
import type { Config } from '../config.js';
import { commandName } from './command-name.js';
import { prepareImages, runDockerSetup } from './demo-docker.js';
import { executionForHead, followToSuccess, listExecutions, waitForNewExecution } from './demo-executions.js';
import { FIXTURES } from './demo-fixtures.js';
import { DemoWorkingCopy } from './demo-git.js';
import { checkPage, instanceAddress, type InstanceAddress } from './demo-page.js';
import { demoNames, ensureApplication, ensureBuildProject, ensureDeploymentGroup, ensureInstance, ensurePipeline, ensureRepository, type DemoNames } from './demo-resources.js';
import { ensureServer } from './demo-server.js';
import { DemoStepFailure, DemoSteps, formatDuration, type DemoOutput } from './demo-steps.js';
import { containerFilter, renderSummary } from './demo-summary.js';
import { awsErrorName, LocalClients, serverUrl } from './local-clients.js';
import { serverLogFile } from './stop-server.js';

const processOutput: DemoOutput = { write: (t) => void process.stdout.write(t), err: (t) => void process.stderr.write(t), tty: Boolean(process.stdout.isTTY) };

const STEPS = 10;

/** The folder of the demo's git working copy of the sample app. */
export function demoWorkingCopyDir(dataDir: string): string {
  return join(dataDir, 'demo', 'sample-app');
}

/** The pipeline's execution ids, none when the pipeline does not exist yet. */
async function executionIds(api: LocalClients, pipelineName: string): Promise<Set<string>> {
  try {
    return new Set((await listExecutions(api, pipelineName)).map((s) => s.pipelineExecutionId));
  } catch (error) {
    if (awsErrorName(error) === 'PipelineNotFoundException') return new Set();
    throw error;
  }
}

/** The new message the demo commits, stamped so each run changes the page. */
function newMessage(): string {
  return `Hello again from codepipeline-local! Changed by the demo at ${new Date().toISOString()}`;
}

/** Steps 4 to 7: the repository, the resources, the pipeline's run on the head commit, and its page. */
async function firstDeployment(steps: DemoSteps, api: LocalClients, config: Config, names: DemoNames, copy: DemoWorkingCopy, output: DemoOutput): Promise<InstanceAddress> {
  const { before, push } = await steps.run(`CodeCommit repository ${names.repository} with the sample app`, async (say) => {
    const cloneUrl = await ensureRepository(api, names, say);
    const created = await copy.prepare(FIXTURES.sampleApp, cloneUrl);
    say(`${created ? 'created' : 'reused'} the working copy ${copy.dir}`);
    const known = await executionIds(api, names.pipeline);
    const pushed = await copy.push();
    say(pushed.pushed ? `pushed commit ${pushed.commit} to ${names.branch}` : `${names.branch} already has commit ${pushed.commit}`);
    return { before: known, push: pushed };
  });
  const outcome = await steps.run('Build project, application, instance, deployment group and pipeline', async (say) => {
    await ensureBuildProject(api, names, say);
    await ensureApplication(api, names, say);
    await ensureInstance(api, config, names, say);
    await ensureDeploymentGroup(api, names, say);
    return ensurePipeline(api, names, say);
  });
  await steps.run(`Pipeline ${names.pipeline} on commit ${push.commit.slice(0, 8)}`, async (say) => {
    const executionId = await executionForHead(api, names.pipeline, { outcome, before, pushed: push.pushed, head: push.commit }, say);
    if (executionId) await followToSuccess(api, names.pipeline, executionId, output);
  });
  return steps.run('The page Nginx serves', async (say) => {
    const address = await instanceAddress(config, names.instance);
    const version = await checkPage(address.url, push.commit);
    say(`${address.url} shows commit ${version.commit} (build ${version.build}): "${version.message}"`);
    return address;
  });
}

/** Steps 8 to 10: a commit of a new message, the execution its push starts, and the new page. */
async function changeDeployment(steps: DemoSteps, api: LocalClients, names: DemoNames, copy: DemoWorkingCopy, address: InstanceAddress, output: DemoOutput): Promise<void> {
  const message = newMessage();
  const { known, commit } = await steps.run('Commit and push a change to src/message.txt', async (say) => {
    const ids = await executionIds(api, names.pipeline);
    const id = await copy.commitFile('src/message.txt', `${message}\n`, 'Change the message');
    await copy.push();
    say(`pushed commit ${id}: "${message}"`);
    return { known: ids, commit: id };
  });
  await steps.run('The execution the push started', async (say) => {
    const started = await waitForNewExecution(api, names.pipeline, known, 'CloudWatchEvent');
    say(`execution ${started.pipelineExecutionId} started automatically (trigger ${started.trigger?.triggerType})`);
    await followToSuccess(api, names.pipeline, started.pipelineExecutionId, output);
  });
  await steps.run('The new page', async (say) => {
    const version = await checkPage(address.url, commit, message);
    say(`${address.url} shows commit ${version.commit} (build ${version.build}): "${version.message}"`);
  });
}

function failureText(config: Config, failure: DemoStepFailure): string {
  return [
    '',
    `✖ The demo stopped at step ${failure.step} (${failure.title}):`,
    `  ${failure.reason}`,
    `  Look at the server log ${serverLogFile(config.dataDir)} (when the demo started the server), \`${commandName()} instances\`,`,
    `  and the console ${serverUrl(config)}/console/. Running the demo again reuses what is already there.`,
    '',
  ].join('\n');
}

/**
 * Runs `codepipeline-local demo`: makes Docker, the emulator and its images ready, creates (or reuses) the
 * tutorial's repository, build project, application, instance, deployment group and pipeline, follows the
 * execution that deploys the sample app, then pushes a change and follows the execution it starts, checking
 * the page Nginx serves after each. Leaves everything running. Returns the exit code: 0, or 1 when a step failed.
 */
export async function demoCommand(config: Config, output: DemoOutput = processOutput): Promise<number> {
  if (config.port === 0) return output.err('The demo needs a fixed port (--port); 0 picks a different one each time.\n'), 2;
  const started = Date.now();
  const steps = new DemoSteps(output, STEPS);
  const api = new LocalClients(config);
  const names = demoNames();
  const copy = new DemoWorkingCopy(demoWorkingCopyDir(config.dataDir), names.branch);
  output.write(`codepipeline-local demo: a commit in CodeCommit, built by CodeBuild, deployed by CodeDeploy to Nginx (data: ${config.dataDir})\n`);
  try {
    await steps.run('Docker', async () => runDockerSetup(output));
    await steps.run('The emulator', async (say) => void (await ensureServer(config, say)));
    await steps.run('The build and instance images', async (say) => prepareImages(config, say));
    const address = await firstDeployment(steps, api, config, names, copy, output);
    await changeDeployment(steps, api, names, copy, address, output);
    const filter = await containerFilter(config, address.containerName);
    output.write(renderSummary(config, { names, pageUrl: address.url, workingCopy: copy.dir, containerFilter: filter }));
    output.write(`Done in ${formatDuration(Date.now() - started)}.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DemoStepFailure)) throw error;
    output.err(failureText(config, error));
    return 1;
  }
}

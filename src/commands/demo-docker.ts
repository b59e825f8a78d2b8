import { spawn } from 'node:child_process';
import { BuildImages, loadImageMap } from '../codebuild/index.js';
import { InstanceImage } from '../codedeploy/index.js';
import type { Config } from '../config.js';
import { createDockerClient } from '../runner/index.js';
import { packagePath, silentLogger } from '../shared/index.js';
import { FIXTURES, readFixture } from './demo-fixtures.js';
import type { DemoOutput, Say } from './demo-steps.js';

/** The script that makes a Docker engine and the base image available (also `npm run setup`). */
export const SETUP_SCRIPT = packagePath('scripts/setup-docker.sh');

/** Pipes a stream's lines to a writer, indented like the demo's other progress lines. */
function forwardLines(stream: NodeJS.ReadableStream, write: (text: string) => void): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) write(`    ${line}\n`);
  });
  stream.on('end', () => buffer && write(`    ${buffer}\n`));
}

/** Runs scripts/setup-docker.sh with its output shown; rejects when it fails. */
export function runDockerSetup(output: DemoOutput, script = SETUP_SCRIPT): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    forwardLines(child.stdout, (t) => output.write(t));
    forwardLines(child.stderr, (t) => output.err(t));
    child.once('error', (error) => reject(new Error(`could not run bash ${script}: ${error.message}`)));
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`bash ${script} exited with code ${code}; its messages are above`))));
  });
}

/**
 * Makes the build image of the tutorial's project and the instance image present, building them (both at
 * once) when missing or out of date; the server would build them on first use, but then without progress
 * on the terminal.
 */
export async function prepareImages(config: Config, say: Say): Promise<void> {
  const docker = createDockerClient(config.dockerHost, config);
  const log = silentLogger();
  const codebuildImage = readFixture(FIXTURES.buildProject).environment.image as string;
  const builds = new BuildImages({ docker, map: loadImageMap(config.imageMap), log });
  const instance = new InstanceImage({ docker, log });
  let built = false;
  const progress = (line: string) => {
    built = true;
    say(line);
  };
  const [buildImage, instanceImage] = await Promise.all([builds.prepare(codebuildImage, progress), instance.ensure(progress)]);
  say(`${built ? 'ready' : 'already present'}: build image ${buildImage} (for ${codebuildImage}), instance image ${instanceImage}`);
}

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { dockerfileHash, ensureProjectImage, readArchive, removeContainerQuietly, createProjectContainer } from '../runner/index.js';
import { packagePath, type Logger } from '../shared/index.js';
import { parseImageVersions, type ImageVersions } from './runtimes.js';

/** The tag of the image functions run in. */
export const LAMBDA_IMAGE = 'codepipeline-local/lambda:1';
/** The folder of its Dockerfile and bootstraps. */
export const LAMBDA_IMAGE_DIR = packagePath('docker/lambda-image/');

/** What the Lambda image needs: Docker, a logger, and where to find the Dockerfile and the SDK to copy. */
export interface LambdaImageDeps {
  docker: Dockerode;
  log: Logger;
  dir?: string;
  image?: string;
  /** The node_modules folder the AWS SDK for JavaScript v3 is copied from; the emulator's own by default. */
  nodeModules?: string;
}

/** The packages of the AWS SDK clients found in a node_modules folder and everything they need, by name with their versions. */
export function sdkPackages(nodeModules: string): Map<string, string> {
  const found = new Map<string, string>();
  const scope = join(nodeModules, '@aws-sdk');
  if (!existsSync(scope)) return found;
  const queue = readdirSync(scope).filter((n) => n.startsWith('client-')).map((n) => `@aws-sdk/${n}`);
  while (queue.length) {
    const name = queue.pop()!;
    if (found.has(name)) continue;
    const manifest = join(nodeModules, name, 'package.json');
    // A dependency nested under its dependant (not hoisted) travels with the dependant's folder.
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; dependencies?: Record<string, string> };
    found.set(name, pkg.version ?? '0');
    queue.push(...Object.keys(pkg.dependencies ?? {}));
  }
  return found;
}

/** The image Lambda functions run in: built on first use (progress lines for each step) with the SDK copied in, and its runtimes' versions. */
export class LambdaImage {
  readonly image: string;
  private readonly dir: string;
  private readonly nodeModules: string;
  private ready: Promise<ImageVersions> | undefined;

  constructor(private readonly deps: LambdaImageDeps) {
    this.image = deps.image ?? LAMBDA_IMAGE;
    this.dir = deps.dir ?? LAMBDA_IMAGE_DIR;
    this.nodeModules = deps.nodeModules ?? packagePath('node_modules');
  }

  /** Builds the image unless it is there already (once per process); resolves with the versions it runs. */
  ensure(progress: (line: string) => void = () => undefined): Promise<ImageVersions> {
    this.ready ??= this.build(progress).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async build(progress: (line: string) => void): Promise<ImageVersions> {
    const packages = sdkPackages(this.nodeModules);
    const manifest = [...packages].map(([n, v]) => `${n}@${v}`).sort().join('\n');
    const hash = createHash('sha256').update(dockerfileHash(this.dir)).update('\0').update(manifest).digest('hex');
    const context = mkdtempSync(join(tmpdir(), 'codepipeline-local-lambda-image-'));
    try {
      const dockerfile = join(this.dir, 'Dockerfile');
      // Built on the host's network, which its sandboxes use too: the build does not need Docker's bridge network.
      const spec = { image: this.image, dir: context, dockerfile, hash, title: 'Lambda image', kind: 'lambda', duration: 'several minutes', removeReplaced: true, networkMode: 'host' };
      await ensureProjectImage(this.deps, spec, progress, () => this.assemble(context, packages));
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    return this.versions();
  }

  // The build context: the Dockerfile folder, and sdk/node_modules with the SDK packages (or nothing, said in the log).
  private assemble(context: string, packages: Map<string, string>): void {
    cpSync(this.dir, context, { recursive: true });
    mkdirSync(join(context, 'sdk', 'node_modules'), { recursive: true });
    writeFileSync(join(context, 'sdk', 'node_modules', '.packages'), [...packages.keys()].join('\n'));
    if (!packages.size) this.deps.log.warn('the AWS SDK for JavaScript v3 is not in node_modules: Node.js functions must bundle their own');
    for (const name of packages.keys()) cpSync(join(this.nodeModules, name), join(context, 'sdk', 'node_modules', name), { recursive: true, dereference: true });
  }

  // Read from a container that is created, never started: no process runs for it.
  private async versions(): Promise<ImageVersions> {
    const container = await createProjectContainer(this.deps.docker, { Image: this.image, Cmd: ['true'], Labels: { 'codepipeline-local.kind': 'lambda-probe' } });
    try {
      let text = '';
      await readArchive(await container.getArchive({ path: '/var/runtime/versions' }), () => (content) => (text = content.toString('utf8')));
      return parseImageVersions(text);
    } finally {
      await removeContainerQuietly(container);
    }
  }
}

import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { BuildLogs, BuildService, SecretsFile, type RunBuild } from '../../../src/codebuild/index.js';
import { codeBuildActionProviders } from '../../../src/providers/build/index.js';
import { S3Storage } from '../../../src/s3/index.js';
import { randomIds, silentLogger, systemClock } from '../../../src/shared/index.js';
import { CodeBuildStore, openDatabase, type CodeBuildProject } from '../../../src/store/index.js';
import { scriptedPhases, waitUntilStoppedScript } from '../../api/codebuild/codebuild-server.js';
import { describeProviderConformance } from '../conformance.js';

// The provider over the real build service, with a scripted runner in place of Docker.
const dir = mkdtempSync(join(tmpdir(), 'cpl-codebuild-conformance-'));
const db = openDatabase(dir);
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
const store = new CodeBuildStore(db);
const runBuild: RunBuild = async (request) => {
  if (request.buildspec.includes('WAIT')) return waitUntilStoppedScript(request);
  const zip = join(request.artifacts.outDir, `${request.artifacts.primary}.zip`);
  writeFileSync(zip, zipSync({ 'out.txt': strToU8('built') }));
  return { status: 'SUCCEEDED', phases: await scriptedPhases(request), exportedVariables: {}, artifacts: { [request.artifacts.primary!]: zip } };
};
const s3 = new S3Storage(join(dir, 's3'), () => Date.now());
const builds = new BuildService({
  store,
  logs: new BuildLogs(join(dir, 'logs')),
  runBuild,
  images: { prepare: async () => 'local/fake:1' },
  secrets: new SecretsFile(undefined),
  s3,
  clock: systemClock,
  ids: randomIds,
  log: silentLogger(),
  baseUrl: () => 'http://127.0.0.1:1',
  workRoot: join(dir, 'work'),
  sources: { s3, repository: () => undefined },
});
const scope = { account: '000000000000', region: 'us-east-1' };
function project(name: string, buildspec: string): CodeBuildProject {
  return {
    name,
    arn: `arn:aws:codebuild:us-east-1:000000000000:project/${name}`,
    source: { type: 'CODEPIPELINE', buildspec },
    artifacts: { type: 'CODEPIPELINE' },
    cache: { type: 'NO_CACHE' },
    environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
    serviceRole: 'arn:aws:iam::000000000000:role/cb',
    timeoutInMinutes: 60,
    queuedTimeoutInMinutes: 480,
    encryptionKey: 'arn:aws:kms:us-east-1:000000000000:alias/aws/s3',
  };
}
store.createProject(scope, project('quick', 'version: 0.2\n'), Date.now());
store.createProject(scope, project('waits', 'version: 0.2\n# WAIT\n'), Date.now());
const [buildProvider] = codeBuildActionProviders({ project: (s, name) => store.getProject(s, name)?.project, builds });

describeProviderConformance('CodeBuild (Build/AWS/CodeBuild/1)', () => ({
  provider: buildProvider,
  succeeding: { configuration: { ProjectName: 'quick' }, outputArtifactNames: ['BuildArtifact'] },
  failing: { configuration: { ProjectName: 'no-such-project' } },
  long: { configuration: { ProjectName: 'waits' } },
}));

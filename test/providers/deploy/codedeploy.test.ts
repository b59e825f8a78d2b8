import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { ActionFailure, type ActionJob } from '../../../src/providers/index.js';
import { codeDeployProvider } from '../../../src/providers/deploy/codedeploy.js';
import { describeFailure } from '../../../src/providers/deploy/deployment-failure.js';
import { silentLogger } from '../../../src/shared/index.js';
import { fakeAgent } from '../../codedeploy/fake-agent.js';
import { SCOPE, serviceFixture, type ServiceFixture } from '../../codedeploy/service-fixture.js';
import { describeProviderConformance } from '../conformance.js';

let fixture: ServiceFixture | undefined;
afterAll(async () => fixture?.close());

/** One fixture for the file: group `group` deploys normally, group `slow` hangs until stopped, web-2 fails ValidateService in `failing`. */
function setup(): ServiceFixture {
  if (fixture) return fixture;
  const agent = fakeAgent((r) => ({ hang: r.deploymentGroupName === 'slow', failAt: r.deploymentGroupName === 'failing' && r.target.instanceName === 'web-2' ? 'ValidateService' : undefined }));
  const f = (fixture = serviceFixture(agent.deploy));
  f.group();
  f.store.createDeploymentGroup(SCOPE, { ...f.store.getDeploymentGroup(SCOPE, 'app', 'group')!, deploymentGroupId: 'slow-id', deploymentGroupName: 'slow' });
  f.store.createDeploymentGroup(SCOPE, { ...f.store.getDeploymentGroup(SCOPE, 'app', 'group')!, deploymentGroupId: 'failing-id', deploymentGroupName: 'failing' });
  return f;
}

function provider(f: ServiceFixture) {
  return codeDeployProvider({
    deployments: f.service,
    artifactsDir: join(f.dir, 'artifacts'),
    deploymentUrl: (id) => `http://127.0.0.1:4599/codedeploy/deployments/${id}`,
  });
}

/** An input artifact in the fixture's artifact store, as the engine hands it over. */
function artifact(f: ServiceFixture): ActionJob['inputArtifacts'] {
  const zipPath = join(f.dir, 'artifacts', 'codepipeline-us-east-1-000000000000', 'pipe', 'BuildArtif', 'AbCdEf1');
  mkdirSync(join(zipPath, '..'), { recursive: true });
  writeFileSync(zipPath, zipSync({ 'appspec.yml': strToU8('version: 0.0\nos: linux\n') }));
  return [{ name: 'BuildArtifact', zipPath }];
}

const job = (f: ServiceFixture, group: string, app = 'app'): Partial<ActionJob> => ({
  configuration: { ApplicationName: app, DeploymentGroupName: group },
  inputArtifacts: artifact(f),
});

describeProviderConformance('CodeDeploy', () => {
  const f = setup();
  return { provider: provider(f), succeeding: job(f, 'group'), failing: job(f, 'group', 'missing'), long: job(f, 'slow') };
});

describe('CodeDeploy action', () => {
  const context = () => {
    const reports: Record<string, unknown>[] = [];
    return { reports, ctx: { signal: new AbortController().signal, log: silentLogger(), progress: (r: Record<string, unknown>) => void reports.push(r), awaitApproval: () => Promise.reject(new Error('no')) } };
  };
  const fullJob = (f: ServiceFixture, group: string): ActionJob => ({
    account: SCOPE.account,
    region: SCOPE.region,
    pipelineName: 'pipe',
    pipelineExecutionId: 'e',
    stageName: 'Deploy',
    actionName: 'Deploy',
    actionExecutionId: 'a',
    actionTypeId: { category: 'Deploy', owner: 'AWS', provider: 'CodeDeploy', version: '1' },
    outputArtifactNames: [],
    workDir: f.dir,
    ...(job(f, group) as Pick<ActionJob, 'configuration' | 'inputArtifacts'>),
  });

  describe('when the deployment succeeds', () => {
    it('reports the deployment id, its link and AWS summary, and the artifact location as the revision', async () => {
      const f = setup();
      const { ctx, reports } = context();
      const result = await provider(f).run(fullJob(f, 'group'), ctx);
      expect(result).toMatchObject({ summary: 'Deployment Succeeded', externalExecutionId: expect.stringMatching(/^d-[A-Z0-9]{9}$/) });
      expect(result.externalExecutionUrl).toBe(`http://127.0.0.1:4599/codedeploy/deployments/${result.externalExecutionId}`);
      expect(reports.at(-1)).toMatchObject({ percentComplete: 100 });
      const deployment = f.deploymentStore.get(result.externalExecutionId!)!;
      expect(deployment.revision.s3Location).toMatchObject({ bucket: 'codepipeline-us-east-1-000000000000', key: 'pipe/BuildArtif/AbCdEf1', bundleType: 'zip', eTag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    });
  });

  describe('when an instance fails', () => {
    it('fails with JobFailed and a summary naming the instance, the lifecycle event and the script', async () => {
      const f = setup();
      const failure = await provider(f)
        .run(fullJob(f, 'failing'), context().ctx)
        .catch((e: unknown) => e as ActionFailure);
      expect(failure).toBeInstanceOf(ActionFailure);
      const { code, message, details } = failure as ActionFailure;
      expect(code).toBe('JobFailed');
      expect(details.summary).toMatch(/^Deployment d-[A-Z0-9]{9} failed: instance web-2 failed in ValidateService, script scripts\/check.sh \(ScriptFailed\)$/);
      expect(message).toContain('HEALTH_CONSTRAINTS');
      expect(message).toContain('Script at specified location: scripts/check.sh failed with exit code 1');
      expect(message).toContain('[stdout]checking');
    });
  });

  describe('when describing a deployment that selected no instance', () => {
    it('says the deployment error', () => {
      const text = describeFailure(
        { deploymentId: 'd-ABCDEFGHI', status: 'Failed', errorInformation: { code: 'NO_INSTANCES', message: 'none' } } as never,
        [],
      );
      expect(text).toEqual({ summary: 'Deployment d-ABCDEFGHI failed: NO_INSTANCES', message: 'Deployment d-ABCDEFGHI failed (NO_INSTANCES): none' });
    });
  });
});

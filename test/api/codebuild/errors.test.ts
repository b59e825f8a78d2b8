import * as sdk from '@aws-sdk/client-codebuild';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/api/codebuild/errors.js';
import type { ServiceModel } from '../../../src/api/protocol/index.js';
import { loadAwsModel } from '../../../src/model/index.js';

const IMPLEMENTED = ['CreateProject', 'UpdateProject', 'DeleteProject', 'BatchGetProjects', 'ListProjects', 'StartBuild', 'BatchGetBuilds', 'ListBuilds', 'ListBuildsForProject', 'StopBuild', 'RetryBuild', 'BatchDeleteBuilds',
  'CreateReportGroup', 'UpdateReportGroup', 'DeleteReportGroup', 'BatchGetReportGroups', 'ListReportGroups', 'ListSharedReportGroups', 'ListSharedProjects',
  'ListReports', 'ListReportsForReportGroup', 'BatchGetReports', 'DeleteReport', 'DescribeTestCases', 'DescribeCodeCoverages', 'GetReportGroupTrend',
  'InvalidateProjectCache', 'ListCuratedEnvironmentImages', 'ImportSourceCredentials', 'ListSourceCredentials', 'DeleteSourceCredentials',
  'StartBuildBatch', 'StopBuildBatch', 'RetryBuildBatch', 'DeleteBuildBatch', 'BatchGetBuildBatches', 'ListBuildBatches', 'ListBuildBatchesForProject',
  'CreateFleet', 'UpdateFleet', 'DeleteFleet', 'BatchGetFleets', 'ListFleets',
  'PutResourcePolicy', 'GetResourcePolicy', 'DeleteResourcePolicy', 'UpdateProjectVisibility',
  'StartSandbox', 'StopSandbox', 'BatchGetSandboxes', 'ListSandboxes', 'ListSandboxesForProject',
  'StartCommandExecution', 'BatchGetCommandExecutions', 'ListCommandExecutionsForSandbox', 'StartSandboxConnection'];

describe('CodeBuild wire errors', () => {
  const defined = Object.entries(errors);

  it('defines one class per exception the implemented operations can raise', () => {
    const model = loadAwsModel('codebuild') as ServiceModel;
    const raised = new Set(IMPLEMENTED.flatMap((op) => (model.operations[op].errors ?? []).map((e) => e.shape)));
    expect(defined.map(([name]) => name).sort()).toEqual([...raised].sort());
  });

  it.each(defined.map(([name, cls]) => [name, cls] as const))('%s is an exception class of the SDK, answered with HTTP 400', (name, cls) => {
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass, `${name} is not exported by @aws-sdk/client-codebuild`).toBeDefined();
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.CodeBuildServiceException);
    expect(cls.errorName).toBe(name);
    expect(cls.httpStatus).toBe(400);
  });
});

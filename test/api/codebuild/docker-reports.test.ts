import { BatchGetReportsCommand, CodeBuildClient, CreateProjectCommand, DescribeTestCasesCommand, StartBuildCommand } from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { BUILD_IMAGE_TIMEOUT_MS, DEFAULT_IMAGE_PROJECT, ensureBuildImage } from '../../codebuild/build-image.js';
import { aws } from '../protocol/tiny/aws-cli.js';
import { finishedBuild } from './codebuild-server.js';

// A test run that writes a JUnit file (one failure) and a Cobertura file, as a test runner with coverage would.
const BUILDSPEC = `version: 0.2
phases:
  build:
    commands:
      - mkdir -p out/junit out/coverage
      - |
        cat > out/junit/results.xml <<'XML'
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites>
          <testsuite name="calculator" tests="3">
            <testcase classname="calculator.add" name="adds two numbers" time="0.012"/>
            <testcase classname="calculator.divide" name="divides by zero" time="0.003"><failure message="expected Infinity">AssertionError: expected Infinity
            at divide.test.js:7</failure></testcase>
            <testcase classname="calculator.pow" name="raises" time="0"><skipped/></testcase>
          </testsuite>
        </testsuites>
        XML
      - |
        cat > out/coverage/cobertura-coverage.xml <<'XML'
        <?xml version="1.0" ?>
        <coverage lines-valid="5" lines-covered="4" line-rate="0.8" branches-valid="2" branches-covered="1" branch-rate="0.5">
          <packages><package name="src"><classes>
            <class name="calculator.js" filename="src/calculator.js"><lines>
              <line number="1" hits="3"/><line number="2" hits="1" branch="true" condition-coverage="50% (1/2)"/><line number="3" hits="0"/>
            </lines></class>
            <class name="index.js" filename="src/index.js"><lines><line number="1" hits="1"/><line number="2" hits="1"/></lines></class>
          </classes></package></packages>
        </coverage>
        XML
reports:
  unit-tests:
    files: ['**/*.xml']
    base-directory: out/junit
  coverage:
    files: [out/coverage/cobertura-coverage.xml]
    file-format: COBERTURAXML
`;

describe('CodeBuild test reports from a build in Docker', () => {
  let env: TestEmulator;
  let client: CodeBuildClient;
  const project = uniqueName('dockerreports');

  beforeAll(async () => {
    await ensureBuildImage();
    env = await startTestEmulator();
    client = env.client(CodeBuildClient);
    await client.send(new CreateProjectCommand({ name: project, source: { type: 'NO_SOURCE', buildspec: BUILDSPEC }, artifacts: { type: 'NO_ARTIFACTS' }, ...DEFAULT_IMAGE_PROJECT }));
  }, BUILD_IMAGE_TIMEOUT_MS);
  afterAll(async () => env?.close());

  it('stores the JUnit and Cobertura reports of a real build, shown through the SDK and the aws CLI', async () => {
    const { build } = await client.send(new StartBuildCommand({ projectName: project }));
    const done = await finishedBuild(client, build!.id!, 120_000);
    expect(done.buildStatus).toBe('SUCCEEDED');
    const uuid = done.id!.split(':')[1];
    const region = 'us-east-1';
    const account = done.arn!.split(':')[4];
    const testsArn = `arn:aws:codebuild:${region}:${account}:report/${project}-unit-tests:${uuid}`;
    const coverageArn = `arn:aws:codebuild:${region}:${account}:report/${project}-coverage:${uuid}`;
    expect(done.reportArns).toEqual([testsArn, coverageArn]);

    const { reports } = await client.send(new BatchGetReportsCommand({ reportArns: done.reportArns }));
    expect(reports![0]).toMatchObject({
      type: 'TEST',
      status: 'FAILED',
      reportGroupArn: `arn:aws:codebuild:${region}:${account}:report-group/${project}-unit-tests`,
      testSummary: { total: 3, statusCounts: { SUCCEEDED: 1, FAILED: 1, SKIPPED: 1, ERROR: 0, UNKNOWN: 0 }, durationInNanoSeconds: 15_000_000 },
    });
    expect(reports![1]).toMatchObject({ type: 'CODE_COVERAGE', status: 'SUCCEEDED', codeCoverageSummary: { lineCoveragePercentage: 80, linesCovered: 4, linesMissed: 1, branchCoveragePercentage: 50 } });
    const failed = await client.send(new DescribeTestCasesCommand({ reportArn: testsArn, filter: { status: 'FAILED' } }));
    expect(failed.testCases).toEqual([
      expect.objectContaining({ testRawDataPath: 'results.xml', prefix: 'calculator.divide', name: 'divides by zero', message: expect.stringMatching(/^AssertionError: expected Infinity\n\s*at divide\.test\.js:7$/) }),
    ]);

    // The real aws CLI, as a user would look at the same reports.
    const groups = await aws(env.url, ['codebuild', 'list-report-groups']);
    expect(groups.code, groups.stderr).toBe(0);
    expect(groups.json.reportGroups).toEqual(expect.arrayContaining([reports![0].reportGroupArn, reports![1].reportGroupArn]));
    const forGroup = await aws(env.url, ['codebuild', 'list-reports-for-report-group', '--report-group-arn', reports![0].reportGroupArn!]);
    expect(forGroup.json).toEqual({ reports: [testsArn] });
    const got = await aws(env.url, ['codebuild', 'batch-get-reports', '--report-arns', testsArn]);
    expect(got.json.reports[0]).toMatchObject({ arn: testsArn, name: `${project}-unit-tests`, status: 'FAILED', executionId: done.arn, testSummary: { total: 3 } });
    const cases = await aws(env.url, ['codebuild', 'describe-test-cases', '--report-arn', testsArn, '--filter', 'keyword=add']);
    expect(cases.json.testCases.map((c: { name: string; status: string }) => [c.name, c.status])).toEqual([['adds two numbers', 'SUCCEEDED']]);
    const coverage = await aws(env.url, ['codebuild', 'describe-code-coverages', '--report-arn', coverageArn, '--sort-by', 'FILE_PATH']);
    expect(coverage.json.codeCoverages.map((c: { filePath: string; lineCoveragePercentage: number }) => [c.filePath, c.lineCoveragePercentage])).toEqual([
      ['src/calculator.js', 66.67],
      ['src/index.js', 100],
    ]);
    const trend = await aws(env.url, ['codebuild', 'get-report-group-trend', '--report-group-arn', reports![1].reportGroupArn!, '--trend-field', 'LINE_COVERAGE']);
    expect(trend.json).toEqual({ stats: { average: '80', max: '80', min: '80' }, rawData: [{ reportArn: coverageArn, data: '80' }] });
    const refused = await aws(env.url, ['codebuild', 'delete-report-group', '--arn', reports![0].reportGroupArn!]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('InvalidInputException');
    const deleted = await aws(env.url, ['codebuild', 'delete-report-group', '--arn', reports![0].reportGroupArn!, '--delete-reports']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const after = await aws(env.url, ['codebuild', 'batch-get-reports', '--report-arns', testsArn]);
    expect(after.json).toEqual({ reports: [], reportsNotFound: [testsArn] });
  });
});

import {
  BatchGetReportGroupsCommand,
  BatchGetReportsCommand,
  CreateProjectCommand,
  CreateReportGroupCommand,
  DeleteReportCommand,
  DeleteReportGroupCommand,
  DescribeCodeCoveragesCommand,
  DescribeTestCasesCommand,
  GetReportGroupTrendCommand,
  ListReportGroupsCommand,
  ListReportsCommand,
  ListReportsForReportGroupCommand,
  ListSharedProjectsCommand,
  ListSharedReportGroupsCommand,
  StartBuildCommand,
  UpdateReportGroupCommand,
} from '@aws-sdk/client-codebuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectedReport } from '../../../src/store/index.js';
import { uniqueName } from '../../helpers/pipelines.js';
import { finishedBuild, scriptedPhases, startCodeBuildServer, type CodeBuildTestServer } from './codebuild-server.js';

const junit = (failing: number) => `<testsuites><testsuite name="math">
  <testcase classname="MathTest" name="adds" time="0.25"/>
  <testcase classname="MathTest" name="subtracts" time="0.25"/>
  ${failing ? '<testcase classname="MathTest" name="divides" time="0.5"><failure message="expected 2">at MathTest.divides</failure></testcase>' : ''}
  <testcase classname="StringTest" name="later"><skipped/></testcase>
</testsuite></testsuites>`;

const COBERTURA = `<coverage><packages><package name="p"><classes>
  <class name="A" filename="src/a.js"><lines><line number="1" hits="1"/><line number="2" hits="0"/><line number="3" hits="2" branch="true" condition-coverage="50% (1/2)"/></lines></class>
  <class name="B" filename="src/b.js"><lines><line number="1" hits="1"/><line number="2" hits="1"/></lines></class>
</classes></package></packages></coverage>`;

describe('CodeBuild test reports (through the SDK)', () => {
  let server: CodeBuildTestServer;
  // What the scripted runner hands back as the build's collected report files, set per build.
  let collected: CollectedReport[] = [];
  const project = uniqueName('reports');
  const account = '000000000000';
  const groupArn = (name: string) => `arn:aws:codebuild:us-east-1:${account}:report-group/${name}`;

  beforeAll(async () => {
    server = await startCodeBuildServer({
      script: async (request) => ({ status: 'SUCCEEDED', phases: await scriptedPhases(request), exportedVariables: {}, artifacts: {}, reports: collected }),
    });
    await server.client.send(
      new CreateProjectCommand({
        name: project,
        source: { type: 'NO_SOURCE', buildspec: 'version: 0.2\nphases:\n  build:\n    commands: [echo hi]\n' },
        artifacts: { type: 'NO_ARTIFACTS' },
        environment: { type: 'LINUX_CONTAINER', image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL' },
        serviceRole: `arn:aws:iam::${account}:role/cb`,
      }),
    );
  });
  afterAll(async () => server?.close());

  async function build(reports: CollectedReport[]) {
    collected = reports;
    const { build: started } = await server.client.send(new StartBuildCommand({ projectName: project }));
    return finishedBuild(server.client, started!.id!);
  }

  it('stores a build\'s reports in groups created on first use and names them on the build', async () => {
    const done = await build([
      { name: 'unit', fileFormat: 'JUNITXML', files: [{ path: 'junit.xml', content: junit(1) }] },
      { name: 'coverage', fileFormat: 'COBERTURAXML', files: [{ path: 'cobertura.xml', content: COBERTURA }] },
    ]);
    const uuid = done.id!.split(':')[1];
    const unitArn = `arn:aws:codebuild:us-east-1:${account}:report/${project}-unit:${uuid}`;
    const coverageArn = `arn:aws:codebuild:us-east-1:${account}:report/${project}-coverage:${uuid}`;
    expect(done.reportArns).toEqual([unitArn, coverageArn]);

    const { reports, reportsNotFound } = await server.client.send(new BatchGetReportsCommand({ reportArns: [unitArn, coverageArn, `${unitArn}x`] }));
    expect(reportsNotFound).toEqual([`${unitArn}x`]);
    expect(reports![0]).toMatchObject({
      arn: unitArn,
      type: 'TEST',
      name: `${project}-unit`,
      reportGroupArn: groupArn(`${project}-unit`),
      executionId: done.arn,
      status: 'FAILED',
      exportConfig: { exportConfigType: 'NO_EXPORT' },
      truncated: false,
      testSummary: { total: 4, statusCounts: { SUCCEEDED: 2, FAILED: 1, ERROR: 0, SKIPPED: 1, UNKNOWN: 0 }, durationInNanoSeconds: 1_000_000_000 },
    });
    expect(reports![0].expired!.getTime() - reports![0].created!.getTime()).toBe(30 * 24 * 3600_000);
    expect(reports![1]).toMatchObject({
      type: 'CODE_COVERAGE',
      status: 'SUCCEEDED',
      codeCoverageSummary: { lineCoveragePercentage: 80, linesCovered: 4, linesMissed: 1, branchCoveragePercentage: 50, branchesCovered: 1, branchesMissed: 1 },
    });

    const { reportGroups } = await server.client.send(new BatchGetReportGroupsCommand({ reportGroupArns: [groupArn(`${project}-unit`)] }));
    expect(reportGroups![0]).toMatchObject({ arn: groupArn(`${project}-unit`), name: `${project}-unit`, type: 'TEST', exportConfig: { exportConfigType: 'NO_EXPORT' }, tags: [], status: 'ACTIVE' });
    const listed = await server.client.send(new ListReportGroupsCommand({}));
    expect(listed.reportGroups).toEqual(expect.arrayContaining([groupArn(`${project}-unit`), groupArn(`${project}-coverage`)]));
  });

  it('describes test cases filtered by status and keyword, and coverage within bounds, sorted', async () => {
    const done = await build([
      { name: 'unit', fileFormat: 'JUNITXML', files: [{ path: 'junit.xml', content: junit(1) }] },
      { name: 'coverage', fileFormat: 'COBERTURAXML', files: [{ path: 'cobertura.xml', content: COBERTURA }] },
    ]);
    const [unitArn, coverageArn] = done.reportArns!;
    const all = await server.client.send(new DescribeTestCasesCommand({ reportArn: unitArn }));
    expect(all.testCases!.map((c) => c.name)).toEqual(['adds', 'subtracts', 'divides', 'later']);
    const failed = await server.client.send(new DescribeTestCasesCommand({ reportArn: unitArn, filter: { status: 'FAILED' } }));
    expect(failed.testCases).toEqual([
      expect.objectContaining({ reportArn: unitArn, testRawDataPath: 'junit.xml', prefix: 'MathTest', name: 'divides', status: 'FAILED', durationInNanoSeconds: 500_000_000, message: 'expected 2\nat MathTest.divides', testSuiteName: 'math' }),
    ]);
    const byKeyword = await server.client.send(new DescribeTestCasesCommand({ reportArn: unitArn, filter: { keyword: 'String' } }));
    expect(byKeyword.testCases!.map((c) => c.name)).toEqual(['later']);
    const paged = await server.client.send(new DescribeTestCasesCommand({ reportArn: unitArn, maxResults: 3 }));
    expect(paged.testCases).toHaveLength(3);
    const rest = await server.client.send(new DescribeTestCasesCommand({ reportArn: unitArn, maxResults: 3, nextToken: paged.nextToken }));
    expect(rest.testCases!.map((c) => c.name)).toEqual(['later']);

    const coverage = await server.client.send(new DescribeCodeCoveragesCommand({ reportArn: coverageArn, sortBy: 'LINE_COVERAGE_PERCENTAGE', sortOrder: 'DESCENDING' }));
    expect(coverage.codeCoverages!.map((c) => [c.filePath, c.lineCoveragePercentage])).toEqual([['src/b.js', 100], ['src/a.js', 66.67]]);
    expect(coverage.codeCoverages![0]).toMatchObject({ reportARN: coverageArn, linesCovered: 2, linesMissed: 0, id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const low = await server.client.send(new DescribeCodeCoveragesCommand({ reportArn: coverageArn, maxLineCoveragePercentage: 90 }));
    expect(low.codeCoverages!.map((c) => c.filePath)).toEqual(['src/a.js']);
    await expect(server.client.send(new DescribeCodeCoveragesCommand({ reportArn: coverageArn, minLineCoveragePercentage: 90, maxLineCoveragePercentage: 10 }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(server.client.send(new DescribeTestCasesCommand({ reportArn: `${unitArn}-gone` }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(server.client.send(new DescribeTestCasesCommand({ reportArn: unitArn, filter: { status: 'PASSED' } }))).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('marks a report INCOMPLETE when its files are missing or not its format, and SUCCEEDED when every test passed', async () => {
    const done = await build([
      { name: 'unit', fileFormat: 'JUNITXML', files: [{ path: 'junit.xml', content: junit(0) }] },
      { name: 'missing', fileFormat: 'JUNITXML', files: [], problem: 'no report files found' },
      { name: 'broken', fileFormat: 'JUNITXML', files: [{ path: 'x.xml', content: '<coverage/>' }] },
    ]);
    const { reports } = await server.client.send(new BatchGetReportsCommand({ reportArns: done.reportArns! }));
    expect(reports!.map((r) => [r.name, r.status])).toEqual([[`${project}-unit`, 'SUCCEEDED'], [`${project}-missing`, 'INCOMPLETE'], [`${project}-broken`, 'INCOMPLETE']]);
    const log = server.logs.read(done.id!) ?? '';
    expect(log).toContain("x.xml: the report file's root element is coverage, expected testsuites or testsuite");
  });

  it('lists reports by status, per group, and shows the group\'s trend', async () => {
    const unitGroup = groupArn(`${project}-unit`);
    const forGroup = await server.client.send(new ListReportsForReportGroupCommand({ reportGroupArn: unitGroup }));
    expect(forGroup.reports).toHaveLength(3);
    const failedOnly = await server.client.send(new ListReportsForReportGroupCommand({ reportGroupArn: unitGroup, filter: { status: 'FAILED' }, sortOrder: 'ASCENDING' }));
    expect(failedOnly.reports).toHaveLength(2);
    expect(forGroup.reports!.slice(1).reverse()).toEqual(failedOnly.reports);
    const incomplete = await server.client.send(new ListReportsCommand({ filter: { status: 'INCOMPLETE' } }));
    expect(incomplete.reports).toHaveLength(2);

    const trend = await server.client.send(new GetReportGroupTrendCommand({ reportGroupArn: unitGroup, trendField: 'PASS_RATE' }));
    expect(trend.stats).toEqual({ average: '55.56', max: '66.67', min: '50' });
    expect(trend.rawData!.map((d) => d.data)).toEqual(['66.67', '50', '50']);
    const two = await server.client.send(new GetReportGroupTrendCommand({ reportGroupArn: unitGroup, trendField: 'TOTAL', numOfReports: 2 }));
    expect(two.stats).toEqual({ average: '3.5', max: '4', min: '3' });
    await expect(server.client.send(new GetReportGroupTrendCommand({ reportGroupArn: unitGroup, trendField: 'LINE_COVERAGE' }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    await expect(server.client.send(new ListReportsForReportGroupCommand({ reportGroupArn: groupArn('nope-none') }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(server.client.send(new ListReportsForReportGroupCommand({ reportGroupArn: 'not-an-arn' }))).rejects.toMatchObject({ name: 'InvalidInputException', message: 'Invalid report group ARN: not-an-arn' });
    await expect(server.client.send(new DescribeTestCasesCommand({ reportArn: unitGroup }))).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('creates, updates and deletes report groups as AWS does, and writes into a group named by ARN', async () => {
    const name = uniqueName('group');
    const created = await server.client.send(new CreateReportGroupCommand({ name, type: 'TEST', exportConfig: { exportConfigType: 'NO_EXPORT' }, tags: [{ key: 'team', value: 'qa' }] }));
    expect(created.reportGroup).toMatchObject({ arn: groupArn(name), name, type: 'TEST', tags: [{ key: 'team', value: 'qa' }], status: 'ACTIVE' });
    await expect(server.client.send(new CreateReportGroupCommand({ name, type: 'TEST', exportConfig: { exportConfigType: 'NO_EXPORT' } }))).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
    await expect(server.client.send(new CreateReportGroupCommand({ name: uniqueName('g'), type: 'TEST', exportConfig: { exportConfigType: 'S3' } }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    const updated = await server.client.send(new UpdateReportGroupCommand({ arn: groupArn(name), exportConfig: { exportConfigType: 'S3', s3Destination: { bucket: 'reports-bucket', packaging: 'ZIP' } } }));
    expect(updated.reportGroup).toMatchObject({ exportConfig: { exportConfigType: 'S3', s3Destination: { bucket: 'reports-bucket', packaging: 'ZIP' } }, tags: [{ key: 'team', value: 'qa' }] });
    await expect(server.client.send(new UpdateReportGroupCommand({ arn: groupArn('nope-none') }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    const done = await build([{ name: groupArn(name), fileFormat: 'JUNITXML', files: [{ path: 'junit.xml', content: junit(0) }] }]);
    expect(done.reportArns).toEqual([`arn:aws:codebuild:us-east-1:${account}:report/${name}:${done.id!.split(':')[1]}`]);
    await expect(server.client.send(new DeleteReportGroupCommand({ arn: groupArn(name) }))).rejects.toMatchObject({ name: 'InvalidInputException' });
    await server.client.send(new DeleteReportGroupCommand({ arn: groupArn(name), deleteReports: true }));
    const after = await server.client.send(new BatchGetReportsCommand({ reportArns: done.reportArns! }));
    expect(after.reportsNotFound).toEqual(done.reportArns);
    const gone = await server.client.send(new BatchGetReportGroupsCommand({ reportGroupArns: [groupArn(name)] }));
    expect(gone).toMatchObject({ reportGroups: [], reportGroupsNotFound: [groupArn(name)] });
  });

  it('deletes one report, and lists nothing shared', async () => {
    const done = await build([{ name: 'unit', fileFormat: 'JUNITXML', files: [{ path: 'junit.xml', content: junit(0) }] }]);
    await server.client.send(new DeleteReportCommand({ arn: done.reportArns![0] }));
    await expect(server.client.send(new DescribeTestCasesCommand({ reportArn: done.reportArns![0] }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await server.client.send(new ListSharedReportGroupsCommand({}))).reportGroups).toEqual([]);
    expect((await server.client.send(new ListSharedProjectsCommand({}))).projects).toEqual([]);
  });
});

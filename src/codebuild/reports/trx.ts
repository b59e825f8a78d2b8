import type { TestCaseRecord, TestCaseStatus } from '../../model/index.js';
import { attr, children, descendants, parseReportXml, text } from './report-xml.js';

const STATUS: Record<string, TestCaseStatus> = {
  Passed: 'SUCCEEDED',
  PassedButRunAborted: 'SUCCEEDED',
  Failed: 'FAILED',
  Error: 'ERROR',
  Timeout: 'ERROR',
  Aborted: 'ERROR',
  NotExecuted: 'SKIPPED',
  NotRunnable: 'SKIPPED',
  Inconclusive: 'UNKNOWN',
};

/** A TRX duration (`hh:mm:ss.fffffff`) in nanoseconds. */
function durationNanos(value: string | undefined): number {
  const match = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value ?? '');
  if (!match) return 0;
  return Math.max(0, Math.round((Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3])) * 1e9));
}

/** Reads a Visual Studio TRX file (`<TestRun>`): one test case per `<UnitTestResult>`, its test method's class as prefix. */
export function parseTrx(content: string, path: string): TestCaseRecord[] {
  const { element } = parseReportXml(content, ['TestRun']);
  const classes = new Map<string, string>();
  for (const test of descendants(element, 'UnitTest')) {
    const method = children(test, 'TestMethod')[0];
    if (method) classes.set(attr(test, 'id') ?? '', attr(method, 'className') ?? '');
  }
  const runName = attr(element, 'name');
  return descendants(element, 'UnitTestResult').map((result) => {
    const error = children(children(result, 'Output')[0] ?? {}, 'ErrorInfo')[0];
    const message = error && [text(children(error, 'Message')[0]), text(children(error, 'StackTrace')[0])].filter(Boolean).join('\n');
    return {
      testRawDataPath: path,
      prefix: classes.get(attr(result, 'testId') ?? '') ?? '',
      name: attr(result, 'testName') ?? '',
      status: STATUS[attr(result, 'outcome') ?? ''] ?? 'UNKNOWN',
      durationInNanoSeconds: durationNanos(attr(result, 'duration')),
      ...(message ? { message } : {}),
      ...(runName ? { testSuiteName: runName } : {}),
    };
  });
}

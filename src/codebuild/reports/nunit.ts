import type { TestCaseRecord, TestCaseStatus } from '../../model/index.js';
import { attr, children, descendants, numberAttr, parseReportXml, secondsToNanos, text, type XmlElement } from './report-xml.js';

// NUnit 2's `result` attribute; NotRunnable (a test NUnit could not call) counts as an error, as CodeBuild shows it.
const NUNIT2_STATUS: Record<string, TestCaseStatus> = {
  Success: 'SUCCEEDED',
  Failure: 'FAILED',
  Error: 'ERROR',
  NotRunnable: 'ERROR',
  Cancelled: 'ERROR',
  Ignored: 'SKIPPED',
  Skipped: 'SKIPPED',
  Inconclusive: 'UNKNOWN',
};

function messageOf(testCase: XmlElement): string | undefined {
  const holder = children(testCase, 'failure')[0] ?? children(testCase, 'reason')[0];
  if (!holder) return undefined;
  const parts = [text(children(holder, 'message')[0]), text(children(holder, 'stack-trace')[0])].filter(Boolean);
  return parts.length ? parts.join('\n') : undefined;
}

function prefixOf(fullName: string): string {
  const dot = fullName.lastIndexOf('.');
  return dot > 0 ? fullName.slice(0, dot) : '';
}

/** Reads an NUnit 2 XML file (`<test-results>`): one test case per `<test-case>`, named by its full name. */
export function parseNunit(content: string, path: string): TestCaseRecord[] {
  const { element } = parseReportXml(content, ['test-results']);
  const suiteName = attr(element, 'name');
  return descendants(element, 'test-case').map((testCase) => {
    const name = attr(testCase, 'name') ?? '';
    const message = messageOf(testCase);
    return {
      testRawDataPath: path,
      prefix: prefixOf(name),
      name,
      status: NUNIT2_STATUS[attr(testCase, 'result') ?? ''] ?? 'UNKNOWN',
      durationInNanoSeconds: secondsToNanos(numberAttr(testCase, 'time')),
      ...(message ? { message } : {}),
      ...(suiteName ? { testSuiteName: suiteName } : {}),
    };
  });
}

function nunit3Status(testCase: XmlElement): TestCaseStatus {
  const result = attr(testCase, 'result') ?? '';
  const label = attr(testCase, 'label') ?? '';
  if (result === 'Passed') return 'SUCCEEDED';
  if (result === 'Failed') return ['Error', 'Invalid', 'Cancelled'].includes(label) ? 'ERROR' : 'FAILED';
  if (result === 'Skipped') return 'SKIPPED';
  return 'UNKNOWN';
}

/** Reads an NUnit 3 XML file (`<test-run>`): one test case per `<test-case>`, its class as prefix and full name as name. */
export function parseNunit3(content: string, path: string): TestCaseRecord[] {
  const { element } = parseReportXml(content, ['test-run']);
  return descendants(element, 'test-case').map((testCase) => {
    const fullName = attr(testCase, 'fullname') ?? attr(testCase, 'name') ?? '';
    const message = messageOf(testCase);
    const suite = attr(testCase, 'classname');
    return {
      testRawDataPath: path,
      prefix: suite ?? prefixOf(fullName),
      name: fullName,
      status: nunit3Status(testCase),
      durationInNanoSeconds: secondsToNanos(numberAttr(testCase, 'duration')),
      ...(message ? { message } : {}),
      ...(suite ? { testSuiteName: suite } : {}),
    };
  });
}

import type { TestCaseRecord, TestCaseStatus } from '../../model/index.js';
import { attr, children, numberAttr, parseReportXml, secondsToNanos, text, type XmlElement } from './report-xml.js';

/** Reads a JUnit XML file (`<testsuites>` or one `<testsuite>`, suites nested at any depth): one test case per `<testcase>`. */
export function parseJunit(content: string, path: string): TestCaseRecord[] {
  const { name, element } = parseReportXml(content, ['testsuites', 'testsuite']);
  const suites = name === 'testsuite' ? [element] : children(element, 'testsuite');
  return suites.flatMap((suite) => suiteCases(suite, path, 0));
}

function suiteCases(suite: XmlElement, path: string, depth: number): TestCaseRecord[] {
  const suiteName = attr(suite, 'name') ?? '';
  const own = children(suite, 'testcase').map((testCase) => junitCase(testCase, suiteName, path));
  // Nested suites (as some runners write them) are read too, bounded like the parser's depth.
  const nested = depth < 50 ? children(suite, 'testsuite').flatMap((inner) => suiteCases(inner, path, depth + 1)) : [];
  return [...own, ...nested];
}

function junitCase(testCase: XmlElement, suiteName: string, path: string): TestCaseRecord {
  const outcome = junitOutcome(testCase);
  return {
    testRawDataPath: path,
    prefix: attr(testCase, 'classname') ?? suiteName,
    name: attr(testCase, 'name') ?? '',
    status: outcome.status,
    durationInNanoSeconds: secondsToNanos(numberAttr(testCase, 'time')),
    ...(outcome.message ? { message: outcome.message } : {}),
    ...(suiteName ? { testSuiteName: suiteName } : {}),
  };
}

/** A test case's status from its `<failure>`, `<error>` or `<skipped>` child, with the message they carry. */
function junitOutcome(testCase: XmlElement): { status: TestCaseStatus; message?: string } {
  for (const [tag, status] of [['failure', 'FAILED'], ['error', 'ERROR'], ['skipped', 'SKIPPED']] as const) {
    const found = children(testCase, tag)[0];
    if (found !== undefined) return { status, message: failureMessage(found) };
  }
  return { status: 'SUCCEEDED' };
}

/** The message of a failure-like element: its body (often the stack trace) or else its `message` attribute. */
export function failureMessage(element: XmlElement): string | undefined {
  const body = text(element);
  const message = attr(element, 'message');
  if (body && message && !body.includes(message)) return `${message}\n${body}`;
  return body || message || undefined;
}

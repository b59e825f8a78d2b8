import type { TestCaseRecord, TestCaseStatus } from '../../model/index.js';
import { attr, children, descendants, numberAttr, parseReportXml, text } from './report-xml.js';

const STATUS: Record<string, TestCaseStatus> = { PASS: 'SUCCEEDED', FAIL: 'FAILED', SKIP: 'SKIPPED' };

/** Reads a TestNG results file: one test case per `<test-method>` that is not a configuration method, its class as prefix. */
export function parseTestng(content: string, path: string): TestCaseRecord[] {
  const { element } = parseReportXml(content, ['testng-results']);
  const cases: TestCaseRecord[] = [];
  for (const suite of children(element, 'suite')) {
    const suiteName = attr(suite, 'name');
    for (const cls of descendants(suite, 'class')) {
      for (const method of children(cls, 'test-method')) {
        // @BeforeMethod and friends are listed beside the tests; they are not test cases.
        if (attr(method, 'is-config') === 'true') continue;
        const exception = children(method, 'exception')[0];
        const message = exception && [text(children(exception, 'message')[0]), text(children(exception, 'full-stacktrace')[0])].filter(Boolean).join('\n');
        cases.push({
          testRawDataPath: path,
          prefix: attr(cls, 'name') ?? '',
          name: attr(method, 'name') ?? '',
          status: STATUS[(attr(method, 'status') ?? '').toUpperCase()] ?? 'UNKNOWN',
          durationInNanoSeconds: Math.max(0, Math.round(numberAttr(method, 'duration-ms') * 1e6)),
          ...(message ? { message } : {}),
          ...(suiteName ? { testSuiteName: suiteName } : {}),
        });
      }
    }
  }
  return cases;
}

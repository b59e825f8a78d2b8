import type { TestCaseRecord, TestCaseStatus } from '../../model/index.js';
import { ReportParseError } from './report-xml.js';

interface CucumberStep {
  result?: { status?: string; duration?: number; error_message?: string };
}
interface CucumberScenario {
  name?: string;
  keyword?: string;
  type?: string;
  steps?: CucumberStep[];
  before?: CucumberStep[];
  after?: CucumberStep[];
}
interface CucumberFeature {
  name?: string;
  uri?: string;
  elements?: CucumberScenario[];
}

/** Reads a Cucumber JSON file (an array of features): one test case per scenario, its steps deciding its status. */
export function parseCucumber(content: string, path: string): TestCaseRecord[] {
  let features: unknown;
  try {
    features = JSON.parse(content);
  } catch (error) {
    throw new ReportParseError(`the report file is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (!Array.isArray(features)) throw new ReportParseError('a Cucumber JSON report is an array of features');
  return (features as CucumberFeature[]).flatMap((feature) =>
    (Array.isArray(feature?.elements) ? feature.elements : []).filter((s) => s?.type !== 'background').map((scenario) => cucumberCase(feature, scenario, path)),
  );
}

function cucumberCase(feature: CucumberFeature, scenario: CucumberScenario, path: string): TestCaseRecord {
  const steps = [...listOf(scenario.before), ...listOf(scenario.steps), ...listOf(scenario.after)];
  const statuses = steps.map((s) => String(s?.result?.status ?? 'undefined'));
  const failed = steps.find((s) => s?.result?.status === 'failed');
  const status: TestCaseStatus = failed
    ? 'FAILED'
    : statuses.length > 0 && statuses.every((s) => s === 'passed')
      ? 'SUCCEEDED'
      : statuses.some((s) => s === 'skipped' || s === 'pending')
        ? 'SKIPPED'
        : statuses.length === 0 ? 'SUCCEEDED' : 'UNKNOWN';
  // Cucumber writes step durations in nanoseconds.
  const duration = steps.reduce((sum, s) => sum + (Number.isFinite(s?.result?.duration) ? Number(s.result!.duration) : 0), 0);
  const message = failed?.result?.error_message;
  const featureName = String(feature?.name ?? '');
  return {
    testRawDataPath: path,
    prefix: featureName,
    name: String(scenario?.name ?? ''),
    status,
    durationInNanoSeconds: Math.max(0, Math.round(duration)),
    ...(message ? { message: String(message) } : {}),
    ...(featureName ? { testSuiteName: featureName } : {}),
  };
}

function listOf(steps: CucumberStep[] | undefined): CucumberStep[] {
  return Array.isArray(steps) ? steps : [];
}

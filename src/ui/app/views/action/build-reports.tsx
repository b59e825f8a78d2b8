import { getReportDetails, type ReportDetail } from '../../api/codebuild-reports.js';
import { ErrorPanel, Loading } from '../../components/feedback.js';
import { StatusBadge } from '../../components/status.js';
import { formatDuration, statusLabel } from '../../lib/format.js';
import { useLiveQuery } from '../../lib/use-live-query.js';
import type { ConsoleEvent } from '../../../shared/console-event.js';

// CodeBuild spells report statuses in capitals; the console's badges use the CodePipeline spelling.
const REPORT_STATUS: Record<string, string> = { SUCCEEDED: 'Succeeded', FAILED: 'Failed', INCOMPLETE: 'Failed', GENERATING: 'InProgress' };

function TestReport({ detail }: { detail: ReportDetail }) {
  const summary = detail.report.testSummary;
  const counts = summary?.statusCounts ?? {};
  return (
    <>
      <p data-testid="test-counts">
        {counts.SUCCEEDED ?? 0} passed, {counts.FAILED ?? 0} failed, {counts.ERROR ?? 0} errors, {counts.SKIPPED ?? 0} skipped of {summary?.total ?? 0}
        {summary ? <span class="muted"> · {formatDuration(summary.durationInNanoSeconds / 1e6)}</span> : null}
      </p>
      {detail.failures.length > 0 ? (
        <table class="table" data-testid="test-failures">
          <thead>
            <tr>
              <th>Test</th>
              <th>Status</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {detail.failures.map((c, i) => (
              <tr key={i}>
                <td class="wrap">
                  <span class="muted">{c.prefix}</span> {c.name}
                </td>
                <td>{c.status}</td>
                <td>
                  <pre class="wrap small">{c.message ?? ''}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function CoverageReport({ detail }: { detail: ReportDetail }) {
  const summary = detail.report.codeCoverageSummary;
  return (
    <>
      <p data-testid="coverage-summary">
        Lines {summary?.lineCoveragePercentage ?? 0}% ({summary?.linesCovered ?? 0} covered, {summary?.linesMissed ?? 0} missed) · branches {summary?.branchCoveragePercentage ?? 0}%
      </p>
      <table class="table" data-testid="coverage-files">
        <thead>
          <tr>
            <th>File</th>
            <th>Lines</th>
            <th>Branches</th>
          </tr>
        </thead>
        <tbody>
          {detail.files.map((f) => (
            <tr key={f.filePath}>
              <td class="wrap">
                <code>{f.filePath}</code>
              </td>
              <td>
                {f.lineCoveragePercentage}% <span class="muted">({f.linesMissed} missed)</span>
              </td>
              <td>{f.branchCoveragePercentage}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A finished build's test and coverage reports: counts, the failed tests with their messages, and coverage per file. */
export function BuildReports(props: { buildId: string; reportArns: string[]; relevant: (e: ConsoleEvent) => boolean }) {
  const query = useLiveQuery(`reports:${props.buildId}`, (signal) => getReportDetails(props.reportArns, signal), props.relevant);
  if (!query.data) {
    if (query.error !== undefined) return <ErrorPanel title="The build's reports could not be loaded" error={query.error} onRetry={query.reload} />;
    return <Loading what="the reports" />;
  }
  return (
    <div data-testid="build-reports">
      {query.data.map((detail) => (
        <section key={detail.report.arn} data-testid={`report-${detail.report.name}`}>
          <h4>
            {detail.report.name} <StatusBadge status={REPORT_STATUS[detail.report.status] ?? detail.report.status} label={statusLabel(detail.report.status)} />
          </h4>
          {detail.report.type === 'TEST' ? <TestReport detail={detail} /> : <CoverageReport detail={detail} />}
        </section>
      ))}
    </div>
  );
}

/** The figures of one invocation for its REPORT line. */
export interface ReportFigures {
  requestId: string;
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb?: number;
  /** Only on a cold start. */
  initDurationMs?: number;
}

/** The START line of an invocation, as CloudWatch shows it. */
export function startLine(requestId: string): string {
  return `START RequestId: ${requestId} Version: $LATEST`;
}

/** The END line. */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** The REPORT line (tab-separated; Init Duration on a cold start only). */
export function reportLine(f: ReportFigures): string {
  const parts = [
    `REPORT RequestId: ${f.requestId}`,
    `Duration: ${f.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.max(1, Math.ceil(f.durationMs))} ms`,
    `Memory Size: ${f.memorySizeMb} MB`,
    `Max Memory Used: ${f.maxMemoryUsedMb ?? 0} MB`,
    ...(f.initDurationMs !== undefined ? [`Init Duration: ${f.initDurationMs.toFixed(2)} ms`] : []),
  ];
  return `${parts.join('\t')}\t`;
}

/** The line Lambda writes when an invocation outlives its timeout, and the errorMessage of the payload. */
export function timeoutMessage(requestId: string, timeoutSeconds: number, at: Date): string {
  return `${at.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/** The base64 of the last 4 KB of an invocation's log, as Invoke's LogResult (LogType Tail). */
export function logTail(lines: readonly string[]): string {
  const text = Buffer.from(`${lines.join('\n')}\n`);
  return text.subarray(Math.max(0, text.length - 4096)).toString('base64');
}

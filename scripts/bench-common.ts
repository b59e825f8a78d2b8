/** Helpers every benchmark script shares: progress lines on stderr and the median of its rounds. */

/** Prints a progress line on stderr with the time of day, so stdout holds the report alone. */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** The median of some measurements (the upper one of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

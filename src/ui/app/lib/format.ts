/** Formatting of times, durations and ids as the console shows them. */

/** A duration in words: `850 ms`, `12 sec`, `3 min 4 sec`, `1 hr 2 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} sec`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} sec` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} hr ${m % 60} min` : `${h} hr`;
}

/** How long ago a moment was, in words: `just now`, `5 minutes ago`, `2 days ago`. */
export function timeAgo(epochSeconds: number | undefined, nowMs = Date.now()): string {
  if (epochSeconds === undefined) return '';
  const s = Math.max(0, Math.round((nowMs - epochSeconds * 1000) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return `${s} seconds ago`;
  const units: [number, string][] = [
    [60 * 60 * 24 * 365, 'year'],
    [60 * 60 * 24 * 30, 'month'],
    [60 * 60 * 24, 'day'],
    [60 * 60, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    const n = Math.floor(s / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

// One formatter for the page: building an Intl.DateTimeFormat costs about a millisecond, formatting with one microseconds.
let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** A moment as a local date and time, for tooltips and tables. */
export function formatTime(epochSeconds: number | undefined): string {
  if (epochSeconds === undefined) return '';
  dateTimeFormat ??= new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  return dateTimeFormat.format(new Date(epochSeconds * 1000));
}

/** The first 8 characters of an id (execution ids, commit ids), as the AWS console abbreviates them. */
export function shortId(id: string | undefined): string {
  return id ? id.slice(0, 8) : '';
}

/** The spaced-out form of a status as the SDKs spell it (`InProgress` or `IN_PROGRESS` -> `In progress`). */
export function statusLabel(status: string | undefined): string {
  if (!status) return 'Didn’t run';
  const words = status.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

import { formatDuration, formatTime, timeAgo } from '../lib/format.js';

/** A moment shown as `5 minutes ago`, with the exact time on hover. */
export function TimeAgo({ at, now }: { at?: number; now?: number }) {
  if (at === undefined) return null;
  return (
    <time dateTime={new Date(at * 1000).toISOString()} title={formatTime(at)}>
      {timeAgo(at, now)}
    </time>
  );
}

/** The time between two moments in epoch seconds (to now while still running). */
export function Duration({ from, to, now }: { from?: number; to?: number; now?: number }) {
  if (from === undefined) return null;
  const end = to ?? (now ?? Date.now()) / 1000;
  return <span class="duration">{formatDuration((end - from) * 1000)}</span>;
}

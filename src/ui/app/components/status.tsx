import { statusLabel } from '../lib/format.js';
import { toneOf } from '../lib/status.js';

const ICONS = { progress: '◔', success: '✓', failure: '✕', stopped: '■', idle: '○' } as const;

/** A status in words with its colour and icon (blue in progress, green succeeded, red failed, grey not run). */
export function StatusBadge({ status, label }: { status?: string; label?: string }) {
  const tone = toneOf(status);
  return (
    <span class={`status status-${tone}`} data-status={status ?? 'None'}>
      <span class={`status-icon${tone === 'progress' ? ' spin' : ''}`} aria-hidden="true">
        {ICONS[tone]}
      </span>
      {label ?? statusLabel(status)}
    </span>
  );
}

import { describe, expect, it } from 'vitest';
import { formatDuration, shortId, statusLabel, timeAgo } from '../../../src/ui/app/lib/format.js';

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_400, '12 sec'],
    [184_000, '3 min 4 sec'],
    [120_000, '2 min'],
    [3_720_000, '1 hr 2 min'],
  ])('shows %i ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('timeAgo', () => {
  const now = 1_800_000_000_000;
  it.each([
    [now - 3_000, 'just now'],
    [now - 42_000, '42 seconds ago'],
    [now - 60_000, '1 minute ago'],
    [now - 5 * 3_600_000, '5 hours ago'],
    [now - 2 * 86_400_000, '2 days ago'],
  ])('shows a moment %i as %s', (ms, text) => expect(timeAgo(ms / 1000, now)).toBe(text));
});

describe('statusLabel', () => {
  it('spells CodePipeline and CodeBuild statuses in words', () => {
    expect(statusLabel('InProgress')).toBe('In progress');
    expect(statusLabel('IN_PROGRESS')).toBe('In progress');
    expect(statusLabel('Succeeded')).toBe('Succeeded');
    expect(statusLabel(undefined)).toBe('Didn’t run');
  });

  it('abbreviates ids to 8 characters', () => {
    expect(shortId('0123456789abcdef')).toBe('01234567');
  });
});

import type { ReactionValueFormats } from '@aws-sdk/client-codecommit';
import type { HandlerOutput } from '../protocol/index.js';

// The emoji reactions CodeCommit takes on comments. AWS's user guide keeps the table; the API examples show
// thumbsup (U+1F44D), thumbsdown (U+1F44E), confused (U+1F615) and smile, which this list extends with the usual
// code-review reactions. A reaction may be given as its emoji, its short code (with or without colons) or its
// code point (`U+1F44D`); counts are keyed by the short code in capitals (`THUMBSUP`), as the API examples show.

/** One reaction CodeCommit takes, in its three forms. */
export interface Reaction {
  emoji: string;
  shortCode: string;
  unicode: string;
}

const REACTIONS: Reaction[] = [
  ['thumbsup', 0x1f44d],
  ['thumbsdown', 0x1f44e],
  ['smile', 0x1f604],
  ['laughing', 0x1f606],
  ['confused', 0x1f615],
  ['heart', 0x2764],
  ['tada', 0x1f389],
  ['rocket', 0x1f680],
  ['eyes', 0x1f440],
].map(([shortCode, point]) => ({ shortCode: shortCode as string, emoji: String.fromCodePoint(point as number), unicode: `U+${(point as number).toString(16).toUpperCase()}` }));

/** The values that take a reaction away instead of giving one. */
export function isNoReaction(value: string): boolean {
  return value.trim() === '' || value.trim().toLowerCase() === 'none' || value.trim().toLowerCase() === 'null';
}

/** The reaction a value names in any of its forms, or undefined when CodeCommit does not take it. */
export function findReaction(value: string): Reaction | undefined {
  const text = value.trim().replace(/\uFE0F/g, '');
  const code = /^:?([a-z_]+):?$/i.exec(text)?.[1]?.toLowerCase();
  return REACTIONS.find((r) => r.emoji === text || r.shortCode === code || r.unicode === text.toUpperCase());
}

/** The key a reaction is counted under in a comment's reactionCounts and callerReactions. */
export function reactionKey(shortCode: string): string {
  return shortCode.toUpperCase();
}

/** A reaction in the three forms GetCommentReactions answers with. */
export function reactionFormats(shortCode: string): HandlerOutput<ReactionValueFormats> {
  const { emoji, unicode } = REACTIONS.find((r) => r.shortCode === shortCode) ?? { emoji: '', unicode: '' };
  return { emoji, shortCode, unicode };
}

/** A comment's reaction counts (users per reaction) and the caller's own reactions, from the users' reactions. */
export function reactionSummary(reactions: Record<string, string> | undefined, caller: string): { callerReactions: string[]; reactionCounts: Record<string, number> } {
  const reactionCounts: Record<string, number> = {};
  for (const shortCode of Object.values(reactions ?? {})) reactionCounts[reactionKey(shortCode)] = (reactionCounts[reactionKey(shortCode)] ?? 0) + 1;
  const mine = reactions?.[caller];
  return { callerReactions: mine ? [reactionKey(mine)] : [], reactionCounts };
}

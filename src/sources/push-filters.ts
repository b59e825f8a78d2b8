import { matchesCriteria } from '../model/index.js';
import type { PushFilter } from './watched-sources.js';

/** A branch or tag that now points somewhere new (created or moved; deletions start nothing). */
export interface PushEvent {
  /** Full ref name: `refs/heads/<branch>` or `refs/tags/<tag>`. */
  ref: string;
  before?: string;
  after: string;
}

const HEADS = 'refs/heads/';
const TAGS = 'refs/tags/';

function filterMatches(filter: PushFilter, event: PushEvent, paths: () => Promise<string[]>): Promise<boolean> | boolean {
  if (filter.tags) return event.ref.startsWith(TAGS) && matchesCriteria(filter.tags, event.ref.slice(TAGS.length));
  if (!event.ref.startsWith(HEADS)) return false;
  if (filter.branches && !matchesCriteria(filter.branches, event.ref.slice(HEADS.length))) return false;
  const filePaths = filter.filePaths;
  if (!filePaths) return true;
  return paths().then((changed) => changed.some((path) => matchesCriteria(filePaths, path)));
}

/**
 * Tells whether a push passes a V2 trigger's push filters: the filters are ORed, the criteria inside one filter
 * ANDed; within a criterion excludes win over includes. A file-path criterion passes when any changed file passes
 * it. `paths` lists the changed files and is only called when a filter needs them.
 */
export async function matchesPushFilters(filters: readonly PushFilter[], event: PushEvent, paths: () => Promise<string[]>): Promise<boolean> {
  let changed: Promise<string[]> | undefined;
  const once = () => (changed ??= paths());
  for (const filter of filters) {
    if (await filterMatches(filter, event, once)) return true;
  }
  return false;
}

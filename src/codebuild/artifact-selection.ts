import { picomatch } from './glob.js';
import type { ArtifactDefinition } from './buildspec.js';

/** A path of the build's source tree, relative to CODEBUILD_SRC_DIR. */
export interface TreeEntry {
  path: string;
  type: 'file' | 'symlink' | 'directory';
}

/** A file chosen for an artifact: where it is in the tree and what it is called in the zip. */
export interface SelectedFile {
  path: string;
  zipName: string;
  type: 'file' | 'symlink';
}

// `*` matches a leading dot, as in Go's filepath.Match which CodeBuild's agent follows.
const GLOB_OPTIONS = { dot: true } as const;

/**
 * Chooses the files of one artifact definition as CodeBuild does, one tree entry at a time so a tree can be
 * streamed once for all artifacts: `base-directory` (a folder or a glob of folders whose contents, not
 * themselves, are packaged), `files` globs relative to it (`**` crosses folders; a plain folder name takes its
 * whole content), `exclude-paths`, and `discard-paths` (the file name alone in the zip).
 */
export class ArtifactSelector {
  private readonly def: ArtifactDefinition;
  private readonly base: string;
  private readonly baseMatch: ((path: string) => boolean) | undefined;
  private readonly patterns: { pattern: string; match: (path: string) => boolean; hits: number }[];
  private readonly excluded: (path: string) => boolean;
  private readonly roots = new Set<string>();
  private readonly byName = new Map<string, SelectedFile>();

  constructor(def: ArtifactDefinition) {
    this.def = def;
    this.base = normalize(def.baseDirectory ?? '.');
    this.baseMatch = picomatch().scan(this.base).isGlob ? picomatch()(this.base, GLOB_OPTIONS) : undefined;
    this.patterns = def.files.map((pattern) => ({ pattern, match: matcher([pattern]), hits: 0 }));
    this.excluded = matcher(def.excludePaths);
  }

  /** The longest folder, relative to CODEBUILD_SRC_DIR, that holds every file this definition can select. */
  get literalBase(): string {
    return this.baseMatch === undefined ? this.base : literalPrefix(this.base);
  }

  /** Considers one entry of the tree; returns whether it was selected. */
  offer(entry: TreeEntry): boolean {
    if (entry.type === 'directory') return false;
    const root = this.rootOf(entry.path);
    if (root === undefined) return false;
    const rel = root === '' ? entry.path : entry.path.slice(root.length + 1);
    if (this.excluded(rel)) return false;
    const hit = this.patterns.filter((p) => p.match(rel));
    if (hit.length === 0) return false;
    for (const p of hit) p.hits++;
    this.roots.add(root);
    const zipName = this.def.discardPaths ? rel.slice(rel.lastIndexOf('/') + 1) : rel;
    // With discard-paths two files can share a name; the later one wins, as extracting such a zip would.
    this.byName.delete(zipName);
    this.byName.set(zipName, { path: entry.path, zipName, type: entry.type });
    return true;
  }

  /** The selected files, in tree order. */
  files(): SelectedFile[] {
    return [...this.byName.values()];
  }

  /** The `[Container]` lines CodeBuild prints while it assembles this artifact's files. */
  logLines(): string[] {
    const lines = [`Expanding base directory path: ${this.def.baseDirectory ?? '.'}`, 'Assembling file list'];
    const roots = this.baseMatch === undefined ? [this.base] : [...this.roots].sort();
    for (const root of roots) {
      const shown = root === '' ? '.' : root;
      lines.push(`Expanding ${shown}`, `Expanding file paths for base directory ${shown}`, 'Assembling file list');
      for (const p of this.patterns) {
        lines.push(`Expanding ${p.pattern}`);
        if (p.hits === 0 && !picomatch().scan(p.pattern).isGlob) lines.push(`Skipping invalid file path ${p.pattern}`);
      }
    }
    if (this.byName.size > 0) lines.push(`Found ${this.byName.size} file(s)`);
    return lines;
  }

  // The base folder an entry lies under, or undefined when it lies under none.
  private rootOf(path: string): string | undefined {
    if (this.base === '') return '';
    if (this.baseMatch === undefined) return path.startsWith(`${this.base}/`) ? this.base : undefined;
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const candidate = segments.slice(0, i).join('/');
      if (this.baseMatch(candidate)) return candidate;
    }
    return undefined;
  }
}

// A plain (glob-free) pattern also stands for everything under it, so `dist` takes the folder's content.
function matcher(patterns: readonly string[]): (path: string) => boolean {
  const expanded = patterns.flatMap((raw) => {
    const pattern = normalize(raw);
    if (pattern === '') return ['**'];
    return picomatch().scan(pattern).isGlob ? [pattern] : [pattern, `${pattern}/**`];
  });
  if (expanded.length === 0) return () => false;
  return picomatch()(expanded, GLOB_OPTIONS);
}

function literalPrefix(glob: string): string {
  const segments = glob.split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (picomatch().scan(segment).isGlob) break;
    literal.push(segment);
  }
  return literal.join('/');
}

/** Strips `./` prefixes and trailing slashes; `.` becomes the empty path (the root itself). */
export function normalize(path: string): string {
  let out = path.trim().replace(/\/+$/, '');
  while (out.startsWith('./')) out = out.slice(2);
  return out === '.' ? '' : out;
}

import { describe, expect, it } from 'vitest';
import { ArtifactSelector, type TreeEntry } from '../../src/codebuild/artifact-selection.js';
import type { ArtifactDefinition } from '../../src/codebuild/buildspec.js';

// The tree of CodeBuild's worked examples in the buildspec reference, plus a few files around it.
const TREE: TreeEntry[] = [
  { path: 'my-build-1', type: 'directory' },
  { path: 'my-build-1/my-file-1.txt', type: 'file' },
  { path: 'my-build-2', type: 'directory' },
  { path: 'my-build-2/my-file-2.txt', type: 'file' },
  { path: 'my-build-2/my-subdirectory', type: 'directory' },
  { path: 'my-build-2/my-subdirectory/my-file-3.txt', type: 'file' },
  { path: 'other/.hidden', type: 'file' },
  { path: 'other/app.js', type: 'file' },
  { path: 'other/app.js.map', type: 'file' },
];

function select(def: Partial<ArtifactDefinition>): { names: string[]; logs: string[] } {
  const selector = new ArtifactSelector({ files: [], discardPaths: false, excludePaths: [], enableSymlinks: false, ...def });
  for (const entry of TREE) selector.offer(entry);
  return { names: selector.files().map((f) => f.zipName), logs: selector.logLines() };
}

describe('ArtifactSelector', () => {
  describe("when given the buildspec reference's worked examples", () => {
    it('takes files relative to a base directory', () => {
      expect(select({ files: ['*/my-file-3.txt'], baseDirectory: 'my-build-2' }).names).toEqual(['my-subdirectory/my-file-3.txt']);
    });

    it('merges the folders a base-directory glob matches, flattened by discard-paths', () => {
      expect(select({ files: ['**/*'], baseDirectory: 'my-build*', discardPaths: true }).names).toEqual([
        'my-file-1.txt',
        'my-file-2.txt',
        'my-file-3.txt',
      ]);
    });
  });

  describe('when matching files', () => {
    it('lets **/* match everything, dotfiles included', () => {
      expect(select({ files: ['**/*'] }).names).toHaveLength(6);
      expect(select({ files: ['other/*'] }).names).toEqual(['other/.hidden', 'other/app.js', 'other/app.js.map']);
    });

    it('takes the whole content of a plain folder name', () => {
      expect(select({ files: ['my-build-2'] }).names).toEqual(['my-build-2/my-file-2.txt', 'my-build-2/my-subdirectory/my-file-3.txt']);
    });

    it('drops exclude-paths, relative to the base directory', () => {
      expect(select({ files: ['**/*'], baseDirectory: 'other', excludePaths: ['**/*.map', '.hidden'] }).names).toEqual(['app.js']);
    });

    it('logs a literal path that matches nothing as CodeBuild does', () => {
      const { names, logs } = select({ files: ['missing.txt', 'other/app.js'] });
      expect(names).toEqual(['other/app.js']);
      expect(logs).toEqual([
        'Expanding base directory path: .',
        'Assembling file list',
        'Expanding .',
        'Expanding file paths for base directory .',
        'Assembling file list',
        'Expanding missing.txt',
        'Skipping invalid file path missing.txt',
        'Expanding other/app.js',
        'Found 1 file(s)',
      ]);
    });

    it('selects nothing under a base directory that does not exist', () => {
      expect(select({ files: ['**/*'], baseDirectory: 'dist' }).names).toEqual([]);
    });
  });
});

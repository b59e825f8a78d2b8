import { describe, expect, it } from 'vitest';
import { compileGlob, GlobSyntaxError, globToRegexSource, matchesCriteria } from '../../src/model/glob.js';

const table: [pattern: string, text: string, matches: boolean][] = [
  ['main', 'main', true],
  ['main', 'mainline', false],
  ['release/*', 'release/1.0', true],
  ['release/*', 'release/1.0/hotfix', false],
  ['release/**', 'release/1.0/hotfix', true],
  ['release/**', 'release/', true],
  ['**', 'a/b/c', true],
  ['*.md', 'README.md', true],
  ['*.md', 'docs/README.md', false],
  ['**/*.md', 'docs/README.md', true],
  ['**/*.md', 'README.md', false],
  ['src/**', 'src/app/main.ts', true],
  ['v?', 'v1', true],
  ['v?', 'v10', false],
  ['a?b', 'a/b', false],
  ['v[0-9]*', 'v3.1', true],
  ['v[0-9]*', 'vx', false],
  ['v[!0-9]*', 'vx', true],
  ['v[!0-9]*', 'v1', false],
  ['[abc]', 'b', true],
  ['[-a]', '-', true],
  ['[^a]', '^', true],
  ['{feature,bugfix}/**', 'bugfix/x/y', true],
  ['{feature,bugfix}/**', 'chore/x', false],
  ['*.{ts,js}', 'index.js', true],
  ['\\*', '*', true],
  ['\\*', 'x', false],
  ['a.b', 'axb', false],
  ['(x)+', '(x)+', true],
  ['a,b', 'a,b', true],
  ['a}', 'a}', true],
];

describe('compileGlob', () => {
  describe('when a pattern uses Java NIO glob syntax', () => {
    it.each(table)('matches %s against %s as %s', (pattern, text, matches) => {
      expect(compileGlob(pattern)(text)).toBe(matches);
    });
  });

  describe('when a pattern is one Java refuses', () => {
    it.each([
      ['{a,{b}}', 'Cannot nest groups'],
      ['{a,b', "Missing '}"],
      ['[ab', "Missing ']"],
      ['[a/b]', "Explicit 'name separator' in class"],
      ['[z-a]', 'Invalid range'],
      ['abc\\', 'No character to escape'],
    ])('refuses %s with "%s"', (pattern, reason) => {
      expect(() => globToRegexSource(pattern)).toThrow(GlobSyntaxError);
      expect(() => globToRegexSource(pattern)).toThrow(reason);
    });
  });
});

describe('matchesCriteria', () => {
  it('includes everything when no includes are given', () => {
    expect(matchesCriteria({ excludes: ['wip/*'] }, 'main')).toBe(true);
  });

  it('lets excludes win over includes', () => {
    expect(matchesCriteria({ includes: ['release/**'], excludes: ['release/old'] }, 'release/old')).toBe(false);
    expect(matchesCriteria({ includes: ['release/**'], excludes: ['release/old'] }, 'release/new')).toBe(true);
  });

  it('refuses a value no include matches', () => {
    expect(matchesCriteria({ includes: ['main'] }, 'dev')).toBe(false);
  });
});

import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandName } from '../../src/commands/command-name.js';
import type { DemoNames } from '../../src/commands/demo-resources.js';
import { renderSummary } from '../../src/commands/demo-summary.js';
import { readConfig } from '../../src/config.js';
import { freshDataDir } from '../helpers/emulator.js';
import { ROOT } from '../helpers/fresh-build.js';

const BIN = join(ROOT, 'bin/codepipeline-local.js');

/** A folder holding `codepipeline-local` as a symlink to `target`, as `npm link` or `npm install -g` make it. */
function binDir(parent: string, name: string, target: string): string {
  const dir = join(parent, name);
  mkdirSync(dir, { recursive: true });
  symlinkSync(target, join(dir, 'codepipeline-local'));
  return dir;
}

describe('commandName', () => {
  const scratch = freshDataDir();

  describe('when codepipeline-local on the PATH runs this package', () => {
    it('prints the bare name', () => {
      const path = [join(scratch, 'empty'), binDir(scratch, 'global-bin', BIN)].join(delimiter);
      expect(commandName(path)).toBe('codepipeline-local');
    });
  });

  describe('when the name is not on the PATH', () => {
    it('prints the npx form, which works from the checkout', () => {
      expect(commandName(['/usr/bin', '/bin'].join(delimiter))).toBe('npx codepipeline-local');
    });
  });

  describe('when only npm’s node_modules/.bin (of `npm run` or `npx`) holds it', () => {
    it('prints the npx form: the user’s own shell has no such folder on its PATH', () => {
      expect(commandName(binDir(scratch, 'node_modules/.bin', BIN))).toBe('npx codepipeline-local');
    });
  });

  describe('when another program holds the name', () => {
    it('prints the npx form', () => {
      const other = join(scratch, 'other.js');
      writeFileSync(other, '');
      expect(commandName(binDir(scratch, 'other-bin', other))).toBe('npx codepipeline-local');
    });
  });
});

describe('renderSummary', () => {
  describe('when codepipeline-local is not on the PATH (after npm ci in a checkout)', () => {
    it('tells the user to run instances and stop through npx', () => {
      const previous = process.env.PATH;
      process.env.PATH = ['/usr/bin', '/bin'].join(delimiter);
      try {
        const config = readConfig({ port: '4700', dataDir: '/tmp/cpl-demo-summary' }, {}, false);
        const names: DemoNames = { pipeline: 'p', repository: 'r', branch: 'main', project: 'b', application: 'a', deploymentGroup: 'g', instance: 'i', instanceTag: { Key: 'k', Value: 'v' } };
        const text = renderSummary(config, { names, pageUrl: 'http://127.0.0.1:1/', workingCopy: '/tmp/w', containerFilter: 'label=x' });
        expect(text).toContain('  the instances   npx codepipeline-local instances --port 4700\n');
        expect(text).toContain('\n  npx codepipeline-local stop --data-dir /tmp/cpl-demo-summary\n');
        expect(text).not.toMatch(/(?<!npx )codepipeline-local (stop|instances)/);
      } finally {
        process.env.PATH = previous;
      }
    });
  });
});

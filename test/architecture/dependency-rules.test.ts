import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDataDir } from '../helpers/fresh-data-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

/** Runs dependency-cruiser over `src` of `cwd` with the project's rules; its `err` output names each broken rule and import. */
function cruise(cwd: string): { status: number | null; output: string } {
  const result = spawnSync(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Writes files (path -> text) under a fresh folder and returns it. */
function tree(files: Record<string, string>): string {
  const dir = freshDataDir();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f)).map((f) => join(dir, f));
}

// swc reads .tsx as plain TypeScript, so dependency-cruiser skips the console's views; their relative imports are read here.
const IMPORT_FROM = /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

interface Rule {
  name: string;
  to: { pathNot?: string[] };
}

/** What the console may import, as the config's ui-app-talks-http-only rule says: src/ui/app, src/ui/shared and a few pure files. */
const CONSOLE_MAY_IMPORT = (createRequire(import.meta.url)(CONFIG) as { forbidden: Rule[] }).forbidden
  .find((rule) => rule.name === 'ui-app-talks-http-only')!
  .to.pathNot!.map((pattern) => new RegExp(pattern));

/** The relative imports of `src/ui/app` files (root-relative `from -> to`) that the console may not make. */
function consoleImportsPastHttp(root: string): string[] {
  return filesUnder(join(root, 'src/ui/app')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(IMPORT_FROM)]
      .map((m) => relative(root, resolve(dirname(file), m[1] ?? m[2]!)).replace(/\.js$/, '.ts'))
      .filter((target) => !CONSOLE_MAY_IMPORT.some((allowed) => allowed.test(target)))
      .map((target) => `${relative(root, file)} -> ${target}`),
  );
}

describe('the dependency rules (docs: ../shared/reference/architecture.md)', () => {
  it('hold for src/ (npm run check:deps)', () => {
    const { status, output } = cruise(ROOT);
    expect(status, output).toBe(0);
  });

  it('hold for the console: src/ui/app imports only src/ui/app, src/ui/shared and the pure files it shares', () => {
    expect(consoleImportsPastHttp(ROOT)).toEqual([]);
  });

  describe('when an import breaks them', () => {
    it('names the rule, the importer and the imported file', () => {
      const dir = tree({
        'src/store/builds.ts': "import type { BuildRecord } from '../codebuild/index.js';\nexport type Row = BuildRecord;\n",
        'src/codebuild/index.ts': "export { runGit } from '../git/git.js';\nexport interface BuildRecord { id: string }\n",
        'src/git/git.ts': 'export function runGit(): void {}\n',
      });
      const { status, output } = cruise(dir);
      expect(status).not.toBe(0);
      expect(output).toContain('store-imports-only-model: src/store/builds.ts → src/codebuild/index.ts');
      expect(output).toContain('folders-through-their-index: src/codebuild/index.ts → src/git/git.ts');
    });

    it('finds a cycle, even of type-only imports', () => {
      const dir = tree({
        'src/model/a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
        'src/model/b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
      });
      const { output } = cruise(dir);
      expect(output).toContain('no-cycles: src/model/a.ts');
    });

    it('finds a console view that imports server code', () => {
      const dir = tree({
        'src/ui/app/views/page.tsx': "import { ARTIFACTS_PATH } from '../../shared/console-event.js';\nimport { Engine } from '../../../engine/index.js';\nexport const Page = () => <p>{ARTIFACTS_PATH}{String(Engine)}</p>;\n",
      });
      expect(consoleImportsPastHttp(dir)).toEqual(['src/ui/app/views/page.tsx -> src/engine/index.ts']);
    });

    it('lets the console share a pure file, and finds one that imports anything', () => {
      const dir = tree({
        'src/ui/app/lib/status.ts': "export { isFinalStatus } from '../../../model/execution-status.js';\n",
        'src/ui/app/lib/clock.ts': "export { systemClock } from '../../../shared/clock.js';\n",
        'src/model/execution-status.ts': "import type { A } from './a.js';\nexport function isFinalStatus(s: A): boolean { return s === 'Succeeded'; }\n",
        'src/model/a.ts': "export type A = string;\n",
        'src/shared/clock.ts': "export const systemClock = { now: () => 0 };\n",
      });
      const { output } = cruise(dir);
      expect(output).toContain('console-shared-files-import-nothing: src/model/execution-status.ts → src/model/a.ts');
      expect(output).toContain('ui-app-talks-http-only: src/ui/app/lib/clock.ts → src/shared/clock.ts');
      expect(output).not.toContain('src/ui/app/lib/status.ts →');
      expect(consoleImportsPastHttp(dir)).toEqual(['src/ui/app/lib/clock.ts -> src/shared/clock.ts']);
    });
  });
});

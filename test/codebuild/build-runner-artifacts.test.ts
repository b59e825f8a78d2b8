import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BuildHarness, phaseSummary, plainLines, readZip } from './build-harness.js';

const harness = new BuildHarness();

beforeAll(() => harness.setUp());
beforeEach(() => harness.assertReady());
afterAll(() => harness.tearDown());

// Builds a small tree inside the container, so packaging reads what the build made, not what was copied in.
const MAKE_DIST = `      - mkdir -p dist/js dist/css
      - echo app > dist/js/app.js && echo map > dist/js/app.js.map && echo style > dist/css/site.css
      - printf '#!/bin/sh\\necho run\\n' > dist/run.sh && chmod 755 dist/run.sh
      - echo hidden > dist/.env
      - ln -s js/app.js dist/latest.js`;

async function primaryBuild(artifacts: string, extra: { buildFails?: boolean; withoutTar?: boolean } = {}) {
  const request = await harness.request(`version: 0.2
phases:
  build:
    commands:
${MAKE_DIST}${extra.withoutTar ? '\n      - rm "$(command -v tar)"' : ''}${extra.buildFails ? '\n      - exit 1' : ''}
artifacts:
${artifacts}`);
  request.artifacts = { primary: 'BuildOutput', secondary: [], outDir: request.artifacts.outDir };
  const run = await harness.run(request);
  const zip = join(request.artifacts.outDir, 'BuildOutput.zip');
  return { ...run, zip };
}

describe('createBuildRunner artifacts', () => {
  describe('when files are taken from a base directory', () => {
    it('zips its content relative to it, minus exclude-paths, keeping modes', async () => {
      const { outcome, zip, lines } = await primaryBuild(`  base-directory: dist
  files:
    - '**/*'
  exclude-paths:
    - '**/*.map'
`);
      expect(outcome.status).toBe('SUCCEEDED');
      expect(outcome.artifacts).toEqual({ BuildOutput: zip });
      const entries = await readZip(zip);
      expect(entries.map((e) => e.name).sort()).toEqual(['.env', 'css/site.css', 'js/app.js', 'latest.js', 'run.sh']);
      expect(entries.find((e) => e.name === 'run.sh')).toMatchObject({ mode: 0o100755, content: '#!/bin/sh\necho run\n' });
      expect(entries.find((e) => e.name === 'css/site.css')).toMatchObject({ mode: 0o100644, content: 'style\n' });
      const plain = plainLines(lines);
      expect(plain).toContain('Expanding base directory path: dist');
      expect(plain).toContain('Found 5 file(s)');
    });
  });

  describe('when the image has no tar', () => {
    it("packs the same zip through Docker's archive", async () => {
      const { outcome, zip } = await primaryBuild(`  base-directory: dist\n  files:\n    - '**/*'\n`, { withoutTar: true });
      expect(outcome.status).toBe('SUCCEEDED');
      const entries = await readZip(zip);
      expect(entries.map((e) => e.name).sort()).toEqual(['.env', 'css/site.css', 'js/app.js', 'js/app.js.map', 'latest.js', 'run.sh']);
      expect(entries.find((e) => e.name === 'run.sh')).toMatchObject({ mode: 0o100755, content: '#!/bin/sh\necho run\n' });
    });
  });

  describe('when discard-paths is yes', () => {
    it('stores every file under its name alone', async () => {
      const { zip } = await primaryBuild(`  files:
    - dist/js/*
    - dist/css/site.css
  discard-paths: yes
`);
      expect((await readZip(zip)).map((e) => e.name).sort()).toEqual(['app.js', 'app.js.map', 'site.css']);
    });
  });

  describe('when the artifact holds a symlink', () => {
    it('stores it as a link with enable-symlinks: yes', async () => {
      const { zip } = await primaryBuild(`  files: [dist/latest.js]
  enable-symlinks: yes
`);
      expect(await readZip(zip)).toEqual([{ name: 'dist/latest.js', mode: 0o120777, content: 'js/app.js' }]);
    });

    it('stores the file it points to without it', async () => {
      const { zip } = await primaryBuild('  files: [dist/latest.js]\n');
      expect(await readZip(zip)).toEqual([{ name: 'dist/latest.js', mode: 0o100644, content: 'app\n' }]);
    });
  });

  describe('when the buildspec names the artifact', () => {
    it('returns the name as the shell evaluates it at the end of the build', async () => {
      const { outcome } = await primaryBuild("  files: ['dist/**/*']\n  name: web-$CODEBUILD_BUILD_NUMBER-$(echo evaluated)\n");
      expect(outcome.artifactNames).toEqual({ BuildOutput: 'web-1-evaluated' });
    });
  });

  describe('when no file matches', () => {
    it('fails UPLOAD_ARTIFACTS with CodeBuild error', async () => {
      const { outcome, zip } = await primaryBuild("  files: ['nothing/**/*']\n");
      expect(outcome.status).toBe('FAILED');
      expect(phaseSummary(outcome).slice(-3)).toEqual(['UPLOAD_ARTIFACTS:FAILED', 'FINALIZING:SUCCEEDED', 'COMPLETED']);
      expect(outcome.phases.find((p) => p.phaseType === 'UPLOAD_ARTIFACTS')?.contexts).toEqual([
        { statusCode: 'CLIENT_ERROR', message: 'no matching artifact paths found' },
      ]);
      expect(outcome.artifacts).toEqual({});
      await expect(readZip(zip)).rejects.toThrow();
    });
  });

  describe('when the build phase failed', () => {
    it('still uploads the artifacts', async () => {
      const { outcome, zip } = await primaryBuild("  files: ['dist/js/app.js']\n", { buildFails: true });
      expect(outcome.status).toBe('FAILED');
      expect(outcome.failure?.phase).toBe('BUILD');
      expect((await readZip(zip)).map((e) => e.name)).toEqual(['dist/js/app.js']);
    });
  });

  describe('when the build has secondary sources and secondary artifacts', () => {
    it('copies each source to its folder and writes one zip per output', async () => {
      const primary = await harness.source({ 'main.txt': 'main\n', 'bin/tool': { content: '#!/bin/sh\n', mode: 0o755 } });
      const second = await harness.source({ 'lib/extra.txt': 'extra\n' });
      const request = await harness.request(
        `version: 0.2
phases:
  build:
    commands:
      - echo "primary at $CODEBUILD_SRC_DIR"
      - echo "second at $CODEBUILD_SRC_DIR_Second"
      - cat main.txt "$CODEBUILD_SRC_DIR_Second/lib/extra.txt" > combined.txt
      - stat -c '%U %a' bin/tool
artifacts:
  files: [combined.txt]
  secondary-artifacts:
    Docs:
      base-directory: docs
      files: [main.txt]
    Tools:
      files: ['bin/*']
`,
        { sources: [{ dir: primary }, { identifier: 'Second', dir: second }] },
      );
      request.artifacts = { primary: 'Combined', secondary: ['Tools'], outDir: request.artifacts.outDir };
      const { outcome, lines } = await harness.run(request);
      expect(outcome.status).toBe('SUCCEEDED');
      const plain = plainLines(lines);
      const srcDir = plain.find((l) => l.startsWith('primary at '))?.slice('primary at '.length);
      expect(srcDir).toMatch(/^\/codebuild\/output\/src\d+\/src\/s3\/00$/);
      expect(plain).toContain(`second at ${srcDir?.replace(/00$/, '01')}`);
      expect(plain).toContain('root 755');
      expect(Object.keys(outcome.artifacts).sort()).toEqual(['Combined', 'Tools']);
      expect(await readZip(outcome.artifacts.Combined)).toMatchObject([{ name: 'combined.txt', content: 'main\nextra\n' }]);
      expect(await readZip(outcome.artifacts.Tools)).toMatchObject([{ name: 'bin/tool', mode: 0o100755 }]);
    });

    it('fails the upload when a requested secondary artifact has no definition', async () => {
      const request = await harness.request('version: 0.2\nphases: {}\nartifacts:\n  files: [README.md]\n');
      request.artifacts = { primary: 'Out', secondary: ['Missing'], outDir: request.artifacts.outDir };
      const { outcome } = await harness.run(request);
      expect(outcome.failure).toMatchObject({ phase: 'UPLOAD_ARTIFACTS', statusCode: 'CLIENT_ERROR' });
      expect(outcome.failure?.message).toMatch(/Missing/);
    });
  });

  describe('when the buildspec caches paths', () => {
    it('gives a second build of the project what the first one left', async () => {
      const cacheVolume = harness.cacheVolume();
      const buildspec = `version: 0.2
phases:
  build:
    commands:
      - ls deps/ 2>/dev/null || echo "no cached deps"
      - test -f /root/.tool-cache/seen && echo "tool cache hit" || echo "tool cache miss"
      - mkdir -p deps /root/.tool-cache && echo "$CODEBUILD_BUILD_NUMBER" > "deps/from-build-$CODEBUILD_BUILD_NUMBER" && touch /root/.tool-cache/seen
cache:
  paths:
    - 'deps/**/*'
    - '/root/.tool-cache/**/*'
`;
      const first = plainLines((await harness.build(buildspec, { cacheVolume, buildNumber: 1 })).lines);
      expect(first).toContain('no cached deps');
      expect(first).toContain('tool cache miss');
      const second = plainLines((await harness.build(buildspec, { cacheVolume, buildNumber: 2 })).lines);
      expect(second).toContain('from-build-1');
      expect(second).toContain('tool cache hit');
    });
  });
});

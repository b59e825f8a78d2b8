import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_TMP_ENTRY, ShellSession } from '../../src/codebuild/shell-session.js';
import { BUILD_OWNER_LABEL } from '../../src/codebuild/warm-containers.js';
import { packEntries, readArchive, startStreamingContainer, type StreamingContainer } from '../../src/runner/index.js';
import { BuildHarness, IMAGE } from './build-harness.js';

const harness = new BuildHarness();
let container: StreamingContainer;
let session: ShellSession;

beforeAll(async () => {
  await harness.setUp();
  harness.assertReady();
  container = await startStreamingContainer(harness.docker, { image: IMAGE, name: `codepipeline-local-build-${randomUUID()}`, labels: { [BUILD_OWNER_LABEL]: harness.project } });
  session = new ShellSession({ container, env: { GREETING: 'hello' }, version: '0.2', shell: '/bin/sh', srcDir: '/src' });
});
afterAll(async () => {
  session?.close();
  await container?.remove();
  await harness.tearDown();
});

/** The names of the entries of a tar the session streams for a path. */
async function archived(path: string): Promise<{ done: boolean; names: string[] }> {
  const names: string[] = [];
  const done = await session.archive(path, (tar) => readArchive(tar, (header) => void names.push(header.name)));
  return { done, names };
}

describe('ShellSession', () => {
  describe('when the image has tar', () => {
    it('extracts archives into the container and streams paths out of it as tar', async () => {
      const archive = packEntries([AGENT_TMP_ENTRY, { name: 'src/dist', type: 'directory', mode: 0o755 }, { name: 'src/dist/app.js', type: 'file', mode: 0o644, content: 'app' }]);
      const chunks: Buffer[] = [];
      for await (const chunk of archive) chunks.push(chunk as Buffer);
      expect(await session.extract(Buffer.concat(chunks), '/')).toBe(true);
      let out = '';
      const status = await session.run('echo "$GREETING $(cat dist/app.js)"', { state: { succeeding: true, lastExit: 0 }, onStdout: (c) => (out += c.toString()), onStderr: () => undefined });
      expect({ status, out }).toEqual({ status: 0, out: 'hello app\n' });
      expect(await archived('/src/dist')).toEqual({ done: true, names: ['dist', 'dist/app.js'] });
      expect(await archived('/src/missing')).toEqual({ done: true, names: [] });
    });
  });

  describe('when the image has no tar', () => {
    it('says so, so that Docker copies instead', async () => {
      expect(await session.runScript('rm "$(command -v tar)"', { onStdout: () => undefined, onStderr: () => undefined })).toBe(0);
      expect(await archived('/src/dist')).toEqual({ done: false, names: [] });
      expect(await session.extract(Buffer.alloc(1024), '/')).toBe(false);
      // The agent is still in step: the next command runs.
      expect(await session.runScript('test -f /src/dist/app.js', { onStdout: () => undefined, onStderr: () => undefined })).toBe(0);
    });
  });
});

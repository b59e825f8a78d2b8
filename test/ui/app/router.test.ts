import { describe, expect, it } from 'vitest';
import { parseRoute, paths } from '../../../src/ui/app/lib/router.js';

describe('parseRoute', () => {
  it('reads every page back from the URL it makes', () => {
    const cases = [
      [paths.pipelines(), { view: 'pipelines' }],
      [paths.pipeline('web.app@1'), { view: 'pipeline', name: 'web.app@1' }],
      [paths.history('web'), { view: 'history', name: 'web' }],
      [paths.execution('web', 'e-1'), { view: 'execution', name: 'web', executionId: 'e-1' }],
      [paths.action('web', 'e-1', 'a-1'), { view: 'action', name: 'web', executionId: 'e-1', actionExecutionId: 'a-1' }],
      [paths.edit('web'), { view: 'edit', name: 'web' }],
      [paths.create(), { view: 'create' }],
      [paths.createJson(), { view: 'create-json' }],
      [paths.repositories(), { view: 'repositories' }],
      [paths.repository('my.repo'), { view: 'code', name: 'my.repo', kind: 'folder', path: '' }],
      [paths.folder('web', 'feature/login', 'src/a b'), { view: 'code', name: 'web', kind: 'folder', ref: 'feature/login', path: 'src/a b' }],
      [paths.file('web', 'main', 'src/100%/index.html'), { view: 'code', name: 'web', kind: 'file', ref: 'main', path: 'src/100%/index.html' }],
      [paths.commits('web'), { view: 'commits', name: 'web', ref: undefined }],
      [paths.commits('web', 'release/1.2'), { view: 'commits', name: 'web', ref: 'release/1.2' }],
      [paths.commit('web', 'abc123'), { view: 'commit', name: 'web', commitId: 'abc123' }],
      [paths.pullRequests('web'), { view: 'pull-requests', name: 'web' }],
      [paths.pullRequest('web', '7'), { view: 'pull-request', name: 'web', pullRequestId: '7' }],
    ] as const;
    for (const [url, route] of cases) expect(parseRoute(url)).toEqual(route);
  });

  it('names a page it does not know', () => {
    expect(parseRoute('/console/pipelines/web/nothing')).toEqual({ view: 'not-found', path: '/console/pipelines/web/nothing' });
    expect(parseRoute('/console/repositories/web/commit/abc/more')).toEqual({ view: 'not-found', path: '/console/repositories/web/commit/abc/more' });
  });
});

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
    ] as const;
    for (const [url, route] of cases) expect(parseRoute(url)).toEqual(route);
  });

  it('names a page it does not know', () => {
    expect(parseRoute('/console/pipelines/web/nothing')).toEqual({ view: 'not-found', path: '/console/pipelines/web/nothing' });
  });
});

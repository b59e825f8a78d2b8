import { afterEach, describe, expect, it, vi } from 'vitest';
import { AwsError, callAws } from '../../../src/ui/app/api/aws.js';

/** A fetch that fails (as Chromium's does on net::ERR_NETWORK_CHANGED) the first `failures` times, then answers `{"ok":true}`. */
function flakyFetch(failures: number) {
  let calls = 0;
  const fetch = vi.fn(async () => {
    calls++;
    if (calls <= failures) throw new TypeError('Failed to fetch');
    return new Response('{"ok":true}', { status: 200 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the console calling the API when the network drops a request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('tries a read again, and answers what the second attempt got', async () => {
    const fetch = flakyFetch(1);
    await expect(callAws('codepipeline', 'GetPipelineState', { name: 'p' })).resolves.toEqual({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('gives up on a read after three attempts, saying the emulator could not be reached', async () => {
    const fetch = flakyFetch(5);
    const error = await callAws('codepipeline', 'ListPipelines').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).type).toBe('NetworkError');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('never sends a write twice: it may have reached the emulator', async () => {
    const fetch = flakyFetch(1);
    const error = await callAws('codepipeline', 'StartPipelineExecution', { name: 'p' }).catch((e: unknown) => e);
    expect((error as AwsError).type).toBe('NetworkError');
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

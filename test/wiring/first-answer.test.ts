import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { firstAnswer } from '../../src/wiring/first-answer.js';

/** A server with the watch in place and one route, as the emulator's server has it. */
async function watchedServer(waitMs?: number) {
  const answered = firstAnswer(waitMs);
  const app = Fastify();
  answered.watch(app);
  app.get('/', async () => ({ ok: true }));
  await app.ready();
  return { answered, app };
}

describe('firstAnswer', () => {
  it('is served once the server has sent its first answer', async () => {
    const { answered, app } = await watchedServer(60_000);
    answered.listening();
    let settled: boolean | undefined;
    void answered.served.then((v) => (settled = v));
    await Promise.resolve();
    expect(settled).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(200);
    expect(await answered.served).toBe(true);
    await app.close();
  });

  it('is served after a while without a request, so background work still starts', async () => {
    const { answered, app } = await watchedServer(1);
    answered.listening();
    expect(await answered.served).toBe(true);
    await app.close();
  });

  it('is not served when the server closes first, and a later answer does not change that', async () => {
    const { answered, app } = await watchedServer(60_000);
    answered.listening();
    answered.closing();
    expect(await answered.served).toBe(false);
    await app.inject({ method: 'GET', url: '/' });
    expect(await answered.served).toBe(false);
    await app.close();
  });
});

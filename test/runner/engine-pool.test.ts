import { describe, expect, it } from 'vitest';
import { EnginePool, isEngineUnreachable } from '../../src/runner/index.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', syscall: 'connect' });

describe('EnginePool: where the docker-host executor places builds', () => {
  it('places each build on the engine running the fewest, the first on a tie, and counts a release once', () => {
    const pool = new EnginePool([{ host: 'tcp://a:2375', value: 'a' }, { host: 'tcp://b:2375', value: 'b' }]);
    const first = pool.place();
    const second = pool.place();
    const third = pool.place();
    expect([first.value, second.value, third.value]).toEqual(['a', 'b', 'a']);
    second.release();
    second.release();
    expect(pool.running()).toEqual({ 'tcp://a:2375': 2, 'tcp://b:2375': 0 });
    expect(pool.place().value).toBe('b');
  });

  it('places builds elsewhere once an engine was found unreachable, and on it again once it answered', () => {
    const pool = new EnginePool([{ host: 'tcp://a:2375', value: 'a' }, { host: 'tcp://b:2375', value: 'b' }]);
    const lease = pool.place();
    expect(lease.failed(new Error('no such image'))).toBeUndefined();
    expect(lease.failed(refused)).toBe('connect ECONNREFUSED 127.0.0.1:1');
    lease.release();
    expect([pool.place().value, pool.place().value]).toEqual(['b', 'b']);
    // Every engine failing: the one that failed longest ago is tried first.
    pool.place().failed(refused);
    expect(pool.place().value).toBe('a');
    const back = pool.place();
    back.reached();
    expect(pool.place().value).toBe('a');
  });

  it('tells an unreachable engine from an engine that refused a request', () => {
    expect(isEngineUnreachable(refused)).toBe(true);
    expect(isEngineUnreachable(new Error('wrapped', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isEngineUnreachable(Object.assign(new Error('connect ENOENT /var/run/other.sock'), { code: 'ENOENT', syscall: 'connect' }))).toBe(true);
    expect(isEngineUnreachable(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isEngineUnreachable(Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 }))).toBe(false);
  });

  it('refuses an executor without engines', () => {
    expect(() => new EnginePool([])).toThrow('an executor needs at least one Docker engine');
  });
});

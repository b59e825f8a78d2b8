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

  it('takes an engine whose TLS does not get through as unreachable, and names the TLS problem', () => {
    const lease = new EnginePool([{ host: 'tcp://a:2376', value: 'a' }]).place();
    // The errors Node gives for a certificate signed by another CA, a self-signed one, an expired one, and a name not in it.
    for (const code of ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']) {
      expect(isEngineUnreachable(Object.assign(new Error('certificate trouble'), { code }))).toBe(true);
    }
    expect(lease.failed(Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' })))
      .toBe('TLS: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE)');
    // The engine refused our client certificate: OpenSSL's reason rather than its long message.
    const alert = Object.assign(new Error('80:error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:rec_layer_s3.c:1601:SSL alert number 42\n'), {
      code: 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', reason: 'sslv3 alert bad certificate', library: 'SSL routines',
    });
    expect(lease.failed(alert)).toBe('TLS: sslv3 alert bad certificate (ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE)');
    // A TLS engine asked in plain HTTP answers 400: reached, but unusable without --docker-tls-verify.
    expect(lease.failed(Object.assign(new Error('(HTTP code 400) unexpected - Client sent an HTTP request to an HTTPS server.'), { statusCode: 400 })))
      .toBe('the engine speaks TLS only, and the emulator was not told to use it (--docker-tls-verify)');
  });

  it('refuses an executor without engines', () => {
    expect(() => new EnginePool([])).toThrow('an executor needs at least one Docker engine');
  });
});

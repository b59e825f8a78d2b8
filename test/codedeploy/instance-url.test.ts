import { describe, expect, it } from 'vitest';
import { instanceUrl } from '../../src/codedeploy/index.js';

describe('instanceUrl', () => {
  it('names 127.0.0.1 for an engine on this machine', () => {
    expect(instanceUrl(32768)).toBe('http://127.0.0.1:32768/');
  });

  it('names the host of a tcp:// engine, in brackets for an IPv6 address', () => {
    expect(instanceUrl(32768, 'build-2.lan')).toBe('http://build-2.lan:32768/');
    expect(instanceUrl(32768, '10.0.0.6')).toBe('http://10.0.0.6:32768/');
    expect(instanceUrl(32768, 'fd00::6')).toBe('http://[fd00::6]:32768/');
  });
});

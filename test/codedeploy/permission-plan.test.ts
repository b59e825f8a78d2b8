import { describe, expect, it } from 'vitest';
import { parsePermission } from '../../src/codedeploy/appspec-permissions.js';
import { planPermissions } from '../../src/codedeploy/permission-plan.js';

const copied = ['/srv/app/index.html', '/srv/app/notes.txt', '/srv/app/css/main.css', '/etc/app.conf'];
const created = ['/srv/app', '/srv/app/css'];
const isDirectory = (path: string) => path === '/etc' || path === '/srv';

function files(permission: Record<string, unknown>) {
  return planPermissions([parsePermission(permission)], copied, created, isDirectory).map((i) => `${i.type} ${i.file}`);
}

describe('planPermissions', () => {
  describe('when the object is a folder', () => {
    it('applies to every installed file and created folder below it with pattern **', () => {
      expect(files({ object: '/srv/app', mode: '644' })).toEqual(['chmod /srv/app/index.html', 'chmod /srv/app/notes.txt', 'chmod /srv/app/css/main.css', 'chmod /srv/app/css']);
    });

    it('matches a glob against immediate children only, and leaves out except', () => {
      expect(files({ object: '/srv/app', pattern: '*.*', except: ['notes.*'], mode: '600', type: ['file'] })).toEqual(['chmod /srv/app/index.html']);
    });

    it('reaches an existing folder only through what this install put in it', () => {
      expect(files({ object: '/etc', owner: 'root', group: 'www-data', type: ['file'] })).toEqual(['chown /etc/app.conf']);
    });
  });

  describe('when the object is an installed file', () => {
    it('applies chmod, setfacl and chown to it in the agent order', () => {
      expect(files({ object: '/etc/app.conf', mode: '640', acls: ['u:www-data:r'], owner: 'www-data' })).toEqual(['chmod /etc/app.conf', 'setfacl /etc/app.conf', 'chown /etc/app.conf']);
    });

    it('refuses a pattern other than ** for it', () => {
      expect(() => files({ object: '/etc/app.conf', pattern: '*.conf', mode: '640' })).toThrow(/includes an object \(\/etc\/app\.conf\) with an invalid pattern \(\*\.conf\)/);
    });
  });

  it('refuses the same object set twice', () => {
    const twice = [parsePermission({ object: '/srv/app', mode: '644', type: ['file'] }), parsePermission({ object: '/srv/app/index.html', mode: '600' })];
    expect(() => planPermissions(twice, copied, created, isDirectory)).toThrow('The deployment failed because the permissions setting for (/srv/app/index.html) is specified more than once in the application specification file.');
  });

  it('leaves alone objects this install did not touch', () => {
    expect(files({ object: '/var/log', mode: '700' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAppSpec } from '../../src/codedeploy/appspec.js';
import { RevisionBundle } from '../../src/codedeploy/bundle.js';
import { encodePlan, planInstall } from '../../src/codedeploy/file-installer.js';
import { zipBytes } from './bundles.js';

const ARCHIVE = '/root/dg/d-1/deployment-archive';

async function plan(files: string, entries: Record<string, string>) {
  const bundle = await RevisionBundle.read(zipBytes({ 'appspec.yml': 'x', ...entries }));
  return planInstall(parseAppSpec(`version: 0.0\nos: linux\nfiles:\n${files}`), bundle, ARCHIVE);
}

async function refusal(files: string, entries: Record<string, string>): Promise<string> {
  return plan(files, entries).then(
    () => 'accepted',
    (error: Error) => error.message,
  );
}

describe('planInstall', () => {
  describe('when a source is a folder', () => {
    it('copies its contents into the destination, making the destination and its missing ancestors', async () => {
      expect(await plan('  - source: site\n    destination: /srv/app/html\n', { 'site/index.html': 'a', 'site/css/main.css': 'b' })).toEqual([
        { kind: 'D', path: '/srv' },
        { kind: 'D', path: '/srv/app' },
        { kind: 'D', path: '/srv/app/html' },
        { kind: 'D', path: '/srv/app/html/css' },
        { kind: 'F', source: `${ARCHIVE}/site/css/main.css`, destination: '/srv/app/html/css/main.css' },
        { kind: 'F', source: `${ARCHIVE}/site/index.html`, destination: '/srv/app/html/index.html' },
      ]);
    });

    it('copies the whole revision, appspec included, for source /', async () => {
      const steps = await plan('  - source: /\n    destination: /opt/app\n', { 'run.sh': 'a' });
      expect(steps.filter((s) => s.kind === 'F').map((s) => s.kind === 'F' && s.destination)).toEqual(['/opt/app/appspec.yml', '/opt/app/run.sh']);
    });
  });

  describe('when a source is a file (or missing)', () => {
    it('puts it into the destination as a folder', async () => {
      expect(await plan('  - source: conf/app.conf\n    destination: /etc/nginx/conf.d/\n', { 'conf/app.conf': 'a' })).toEqual([
        { kind: 'D', path: '/etc' },
        { kind: 'D', path: '/etc/nginx' },
        { kind: 'D', path: '/etc/nginx/conf.d' },
        { kind: 'F', source: `${ARCHIVE}/conf/app.conf`, destination: '/etc/nginx/conf.d/app.conf' },
      ]);
      // A missing source is planned the same way and fails when it is copied, as in the agent.
      expect((await plan('  - source: nothing.txt\n    destination: /srv\n', {})).at(-1)).toEqual({ kind: 'F', source: `${ARCHIVE}/nothing.txt`, destination: '/srv/nothing.txt' });
    });
  });

  describe('when the files section conflicts or escapes', () => {
    it('refuses two sources for one destination with the agent message', async () => {
      expect(await refusal('  - source: a/x.txt\n    destination: /srv\n  - source: b/x.txt\n    destination: /srv\n', { 'a/x.txt': '1', 'b/x.txt': '2' })).toBe(
        `The deployment failed because the application specification file specifies two source files named ${ARCHIVE}/b/x.txt and ${ARCHIVE}/a/x.txt for the same destination (/srv/x.txt). Remove one of the source file paths from the AppSpec file, and then try again.`,
      );
    });

    it('refuses a file copied where a folder is made', async () => {
      expect(await refusal('  - source: x\n    destination: /srv\n  - source: d\n    destination: /srv/x\n', { x: '1', 'd/y': '2' })).toMatch(/^The deployment failed because the application specification file includes an mkdir command more than once for the same destination path \(\/srv\/x\)/);
    });

    it.each([
      ['a source climbing out of the revision', '  - source: ../../../etc\n    destination: /srv\n', 'names a source (../../../etc) that leaves the revision'],
      ['a relative destination', '  - source: site\n    destination: srv/html\n', 'names a destination (srv/html) that is not an absolute path'],
    ])('refuses %s', async (_, files, why) => {
      expect(await refusal(files, { 'site/a': 'a' })).toContain(why);
    });
  });

  it('encodes the plan as NUL-terminated records for install.sh', () => {
    expect(encodePlan([{ kind: 'D', path: '/srv' }, { kind: 'F', source: '/a b', destination: '/srv/a b' }])).toBe('D\0/srv\0F\0/a b\0/srv/a b\0');
  });
});

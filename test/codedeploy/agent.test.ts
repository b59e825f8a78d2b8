import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createAgent } from '../../src/codedeploy/agent.js';
import { DEPLOYMENT_ROOT } from '../../src/codedeploy/agent-layout.js';
import { instanceUrl } from '../../src/codedeploy/instance-containers.js';
import type { InstanceDeploymentOutcome, InstanceDeploymentRequest, LifecycleEvent } from '../../src/codedeploy/instance-deployment.js';
import { silentLogger } from '../../src/shared/index.js';
import type { InstanceContainerRef } from '../../src/store/index.js';
import { BundleDir, script, type BundleFile } from './bundles.js';
import { useInstances } from './instance-fixture.js';
import { waitFor } from '../helpers/wait.js';

const SITE_APPSPEC = `version: 0.0
os: linux
files:
  - source: site
    destination: /var/www/html
hooks:
  ApplicationStop:
    - location: scripts/stop.sh
  BeforeInstall:
    - location: scripts/before.sh
  ValidateService:
    - location: scripts/check.sh
      timeout: 30
`;

function site(version: string, extra: Record<string, BundleFile> = {}): Record<string, BundleFile> {
  return {
    'appspec.yml': SITE_APPSPEC,
    'site/index.html': `<h1>${version}</h1>\n`,
    [`site/${version}.txt`]: version,
    'scripts/stop.sh': script(`#!/bin/bash\necho "${version} stopped by $DEPLOYMENT_ID" >> /tmp/stop-marker\n`),
    'scripts/before.sh': script('#!/bin/bash\nenv | grep -E "^(LIFECYCLE_EVENT|DEPLOYMENT_ID|APPLICATION_NAME|DEPLOYMENT_GROUP_NAME|DEPLOYMENT_GROUP_ID|CPL_)" | sort > /tmp/hook-env\necho preparing\necho careful >&2\n'),
    'scripts/check.sh': script('#!/bin/bash\ncurl -fsS http://localhost/\n'),
    ...extra,
  };
}

/** An appspec with one hook running one script, and the files section of the site. */
function withHook(event: string, lines: string): string {
  return `version: 0.0\nos: linux\nfiles:\n  - source: site\n    destination: /var/www/html\nhooks:\n  ${event}:\n${lines}`;
}

describe.concurrent('createAgent', () => {
  const fixture = useInstances();
  const bundles = new BundleDir();
  const agent = createAgent({ docker: fixture.docker, log: silentLogger() });
  afterAll(() => bundles.remove());

  async function deploy(instance: InstanceContainerRef, files: Record<string, BundleFile>, overrides: Partial<InstanceDeploymentRequest> = {}) {
    const seen: LifecycleEvent[] = [];
    const outcome = await agent({
      deploymentId: `d-${randomUUID().slice(0, 9).toUpperCase().replace(/-/g, 'X')}`,
      applicationName: 'WebApp',
      deploymentGroupName: 'WebFleet',
      deploymentGroupId: 'a1b2c3d4-0000-4000-8000-000000000001',
      target: { instanceName: 'web-1', container: instance.id },
      bundleZip: bundles.zip(files),
      fileExistsBehavior: 'DISALLOW',
      ignoreApplicationStopFailures: false,
      signal: new AbortController().signal,
      onEvent: (event) => seen.push(event),
      ...overrides,
    });
    return { outcome, seen };
  }

  const statuses = (outcome: InstanceDeploymentOutcome) => outcome.events.map((e) => `${e.lifecycleEventName}:${e.status}`);
  const event = (outcome: InstanceDeploymentOutcome, name: string) => outcome.events.find((e) => e.lifecycleEventName === name)!;
  const fetchText = async (instance: InstanceContainerRef, path = '') => (await fetch(`${instanceUrl(instance.hostPort)}${path}`)).text();

  describe('when a revision is deployed to a fresh instance', () => {
    it('serves the site from the instance port after running the seven events in order', async () => {
      const instance = await fixture.instance();
      const { outcome, seen } = await deploy(instance, site('v1'));
      expect(outcome.status).toBe('Succeeded');
      expect(statuses(outcome)).toEqual(['ApplicationStop', 'DownloadBundle', 'BeforeInstall', 'Install', 'AfterInstall', 'ApplicationStart', 'ValidateService'].map((n) => `${n}:Succeeded`));
      expect(await fetchText(instance)).toBe('<h1>v1</h1>\n');
      // Each event is reported when it starts and when it ends, with its times.
      expect(seen.filter((e) => e.lifecycleEventName === 'Install').map((e) => e.status)).toEqual(['InProgress', 'Succeeded']);
      expect(outcome.events.every((e) => e.startMs! <= e.endMs!)).toBe(true);
      // The first deployment of the group has no previous revision: ApplicationStop runs nothing.
      expect(event(outcome, 'ApplicationStop').diagnostics).toEqual({ errorCode: 'Success', scriptName: '', message: 'Succeeded', logTail: '' });
      expect(await fixture.sh(instance.id, 'cat /tmp/stop-marker 2>&1')).toContain('No such file');
      expect(event(outcome, 'ValidateService').diagnostics?.logTail).toBe('LifecycleEvent - ValidateService\nScript - scripts/check.sh\n[stdout]<h1>v1</h1>\n');
    });

    it('gives hook scripts the environment variables the agent sets, and none of its own', async () => {
      const instance = await fixture.instance();
      const { outcome } = await deploy(instance, site('v1'), { deploymentId: 'd-ENVTEST01' });
      expect(outcome.status).toBe('Succeeded');
      expect((await fixture.sh(instance.id, 'cat /tmp/hook-env')).trim().split('\n')).toEqual([
        'APPLICATION_NAME=WebApp',
        'DEPLOYMENT_GROUP_ID=a1b2c3d4-0000-4000-8000-000000000001',
        'DEPLOYMENT_GROUP_NAME=WebFleet',
        'DEPLOYMENT_ID=d-ENVTEST01',
        'LIFECYCLE_EVENT=BeforeInstall',
      ]);
    });

    it('keeps the agent layout on the instance: archive, scripts.log, cleanup file and last successful install', async () => {
      const instance = await fixture.instance();
      await deploy(instance, site('v1'), { deploymentId: 'd-LAYOUT001' });
      const group = 'a1b2c3d4-0000-4000-8000-000000000001';
      const dir = `${DEPLOYMENT_ROOT}/${group}/d-LAYOUT001`;
      expect(await fixture.sh(instance.id, `ls ${dir} ${dir}/deployment-archive`)).toMatch(/bundle\.tar[\s\S]*deployment-archive[\s\S]*logs[\s\S]*appspec\.yml[\s\S]*scripts[\s\S]*site/);
      const log = await fixture.sh(instance.id, `cat ${dir}/logs/scripts.log`);
      expect(log).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d LifecycleEvent - BeforeInstall\n\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Script - scripts\/before\.sh\n/);
      expect(log).toMatch(/ \[stdout\]preparing\n/);
      expect(log).toMatch(/ \[stderr\]careful\n/);
      const instructions = `${DEPLOYMENT_ROOT}/deployment-instructions`;
      expect(await fixture.sh(instance.id, `cat ${instructions}/${group}-cleanup`)).toBe('/var/www/html/index.html\n/var/www/html/v1.txt\n');
      expect(await fixture.sh(instance.id, `cat ${instructions}/${group}_last_successful_install`)).toBe(dir);
      expect(JSON.parse(await fixture.sh(instance.id, `cat ${instructions}/${group}-install.json`)).instructions[0]).toEqual({
        type: 'copy',
        source: `${dir}/deployment-archive/site/index.html`,
        destination: '/var/www/html/index.html',
      });
      expect(await fixture.sh(instance.id, `cat ${DEPLOYMENT_ROOT}/deployment-logs/codedeploy-agent-deployments.log`)).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[d-LAYOUT001\]LifecycleEvent - BeforeInstall\n/);
    });
  });

  describe('when a second revision is deployed', () => {
    it('replaces the site, removes the first revision files and runs the first revision ApplicationStop script', async () => {
      const instance = await fixture.instance();
      expect((await deploy(instance, site('v1'))).outcome.status).toBe('Succeeded');
      const { outcome } = await deploy(instance, site('v2'), { deploymentId: 'd-SECOND001' });
      expect(outcome.status).toBe('Succeeded');
      expect(await fetchText(instance)).toBe('<h1>v2</h1>\n');
      expect(await fixture.sh(instance.id, 'cat /tmp/stop-marker')).toBe('v1 stopped by d-SECOND001\n');
      expect(event(outcome, 'ApplicationStop').diagnostics?.logTail).toBe('LifecycleEvent - ApplicationStop\nScript - scripts/stop.sh\n');
      // Files the group's last Install put there are removed before the new ones are copied.
      expect(await fixture.sh(instance.id, 'ls /var/www/html')).toBe('index.html\nindex.nginx-debian.html\nv2.txt\n');
    });

    it('reads the last successful install from the instance when the agent is new (an emulator restart)', async () => {
      const instance = await fixture.instance();
      expect((await deploy(instance, site('v1'))).outcome.status).toBe('Succeeded');
      const restarted = createAgent({ docker: fixture.docker, log: silentLogger() });
      const outcome = await restarted({
        deploymentId: 'd-RESTART01',
        applicationName: 'WebApp',
        deploymentGroupName: 'WebFleet',
        deploymentGroupId: 'a1b2c3d4-0000-4000-8000-000000000001',
        target: { instanceName: 'web-1', container: instance.id },
        bundleZip: bundles.zip(site('v2')),
        fileExistsBehavior: 'DISALLOW',
        ignoreApplicationStopFailures: false,
        signal: new AbortController().signal,
        onEvent: () => undefined,
      });
      expect(outcome.status).toBe('Succeeded');
      expect(await fixture.sh(instance.id, 'cat /tmp/stop-marker')).toBe('v1 stopped by d-RESTART01\n');
    });

    it('keeps the five newest archives of the group, and the last successful one', async () => {
      const instance = await fixture.instance();
      await deploy(instance, site('v1'), { deploymentId: 'd-KEEP00001' });
      const failing = ['d-KEEP00002', 'd-KEEP00003', 'd-KEEP00004', 'd-KEEP00005', 'd-KEEP00006', 'd-KEEP00007', 'd-KEEP00008'];
      for (const id of failing) expect((await deploy(instance, { 'appspec.yml': 'version: 1.0' }, { deploymentId: id })).outcome.status).toBe('Failed');
      // The retention runs with a deployment's last writes, just after it ends: five folders stay, the last
      // deployment's, the last successful one and the three newest others.
      const left = () => fixture.sh(instance.id, `ls -1 ${DEPLOYMENT_ROOT}/a1b2c3d4-0000-4000-8000-000000000001`);
      const expected = 'd-KEEP00001\nd-KEEP00005\nd-KEEP00006\nd-KEEP00007\nd-KEEP00008\n';
      expect(await waitFor(left, { description: 'the retention of old archives' }, (text) => text === expected)).toBe(expected);
    });
  });

  describe('when a hook fails', () => {
    it('fails ValidateService with ScriptFailed, the agent message and the log tail', async () => {
      const instance = await fixture.instance();
      const files = site('v1', { 'scripts/check.sh': script('#!/bin/bash\necho "checking http://localhost/"\necho "curl: (7) Failed to connect" >&2\nexit 7\n') });
      const { outcome } = await deploy(instance, files);
      expect(outcome.status).toBe('Failed');
      expect(event(outcome, 'ValidateService')).toMatchObject({
        status: 'Failed',
        diagnostics: {
          errorCode: 'ScriptFailed',
          scriptName: 'scripts/check.sh',
          message: 'Script at specified location: scripts/check.sh failed with exit code 7',
        },
      });
      const tail = event(outcome, 'ValidateService').diagnostics!.logTail!;
      expect(tail).toMatch(/^LifecycleEvent - ValidateService\nScript - scripts\/check\.sh\n/);
      expect(tail).toContain('[stdout]checking http://localhost/\n');
      expect(tail).toContain('[stderr]curl: (7) Failed to connect\n');
    });

    it('skips the events after a failed one, with only an end time', async () => {
      const instance = await fixture.instance();
      const files = { ...site('v1'), 'appspec.yml': withHook('AfterInstall', '    - location: scripts/after.sh\n      runas: www-data\n'), 'scripts/after.sh': script('#!/bin/sh\nexit 3\n') };
      const { outcome, seen } = await deploy(instance, files);
      expect(statuses(outcome).slice(3)).toEqual(['Install:Succeeded', 'AfterInstall:Failed', 'ApplicationStart:Skipped', 'ValidateService:Skipped']);
      // www-data's shell is nologin, so `su www-data -c` fails as on a real instance.
      expect(event(outcome, 'AfterInstall').diagnostics?.message).toMatch(/^Script at specified location: scripts\/after\.sh run as user www-data failed with exit code \d+$/);
      const skipped = event(outcome, 'ApplicationStart');
      expect(skipped.startMs).toBeUndefined();
      expect(skipped.endMs).toBeGreaterThan(0);
      expect(seen.filter((e) => e.status === 'Skipped').map((e) => e.lifecycleEventName)).toEqual(['ApplicationStart', 'ValidateService']);
    });

    it('fails with ScriptTimedOut when a script runs past its timeout, and stops its process group', async () => {
      const instance = await fixture.instance();
      const files = { ...site('v1'), 'appspec.yml': withHook('ApplicationStart', '    - location: scripts/slow.sh\n      timeout: 1\n'), 'scripts/slow.sh': script('#!/bin/bash\necho starting\nsleep 300 &\nsleep 301\n') };
      // The script would run for 5 minutes: the deployment ends within the test only because the timeout cut it short.
      const { outcome } = await deploy(instance, files);
      expect(event(outcome, 'ApplicationStart').diagnostics).toMatchObject({
        errorCode: 'ScriptTimedOut',
        scriptName: 'scripts/slow.sh',
        message: 'Script at specified location: scripts/slow.sh failed to complete in 1 seconds',
      });
      expect(event(outcome, 'ApplicationStart').diagnostics?.logTail).toContain('[stdout]starting\n');
      expect(await fixture.sh(instance.id, 'ps -eo args | grep -c "^sleep 30[01]" || true')).toBe('0\n');
    });

    it('fails with ScriptMissing naming the absolute path when a script is not in the revision', async () => {
      const instance = await fixture.instance();
      const files = { ...site('v1'), 'appspec.yml': withHook('BeforeInstall', '    - location: scripts/nowhere.sh\n') };
      const { outcome } = await deploy(instance, files, { deploymentId: 'd-MISSING01' });
      expect(event(outcome, 'BeforeInstall').diagnostics).toMatchObject({
        errorCode: 'ScriptMissing',
        scriptName: 'scripts/nowhere.sh',
        message: `Script does not exist at specified location: ${DEPLOYMENT_ROOT}/a1b2c3d4-0000-4000-8000-000000000001/d-MISSING01/deployment-archive/scripts/nowhere.sh`,
      });
      expect(statuses(outcome).slice(3)).toEqual(['Install:Skipped', 'AfterInstall:Skipped', 'ApplicationStart:Skipped', 'ValidateService:Skipped']);
    });

    it('makes a script executable, and fails one without a shebang as the agent exec does', async () => {
      const instance = await fixture.instance();
      const files = {
        ...site('v1'),
        'appspec.yml': withHook('AfterInstall', '    - location: scripts/plain.sh\n    - location: scripts/noshebang.sh\n'),
        'scripts/plain.sh': '#!/bin/sh\necho ran without the x bit\n',
        'scripts/noshebang.sh': script('echo hello\n'),
      };
      const { outcome } = await deploy(instance, files);
      const diagnostics = event(outcome, 'AfterInstall').diagnostics!;
      expect(diagnostics.errorCode).toBe('ScriptFailed');
      expect(diagnostics.message).toMatch(/^Script at specified location: scripts\/noshebang\.sh failed with error Errno::ENOEXEC with message Exec format error - \/.*\/scripts\/noshebang\.sh$/);
      expect(diagnostics.logTail).toContain('[stdout]ran without the x bit\n');
    });

    it('fails a script whose background child keeps its output open, once the timeout passes', async () => {
      const instance = await fixture.instance();
      const files = { ...site('v1'), 'appspec.yml': withHook('ApplicationStart', '    - location: scripts/daemon.sh\n      timeout: 2\n'), 'scripts/daemon.sh': script('#!/bin/bash\nsleep 60 &\necho started\n') };
      const { outcome } = await deploy(instance, files);
      expect(event(outcome, 'ApplicationStart').diagnostics).toMatchObject({ errorCode: 'UnknownError', message: 'Script at specified location: scripts/daemon.sh failed to close STDOUT' });
    });
  });

  describe('when ApplicationStop of the last successful revision fails', () => {
    const brokenStop = () => ({ ...site('v1'), 'scripts/stop.sh': script('#!/bin/bash\nexit 1\n') });

    it('fails the instance unless ignoreApplicationStopFailures is set', async () => {
      const instance = await fixture.instance();
      await deploy(instance, brokenStop());
      const stopped = await deploy(instance, site('v2'));
      expect(statuses(stopped.outcome).slice(0, 2)).toEqual(['ApplicationStop:Failed', 'DownloadBundle:Skipped']);
      const ignored = await deploy(instance, site('v2'), { ignoreApplicationStopFailures: true });
      expect(ignored.outcome.status).toBe('Succeeded');
      expect(event(ignored.outcome, 'ApplicationStop').status).toBe('Failed');
      expect(await fetchText(instance)).toBe('<h1>v2</h1>\n');
    });
  });

  describe('when a file to install already exists', () => {
    const overDebianPage = (appspecBehavior?: string) => ({
      'appspec.yml': `version: 0.0\nos: linux\nfiles:\n  - source: index.nginx-debian.html\n    destination: /var/www/html\n${appspecBehavior ? `file_exists_behavior: ${appspecBehavior}\n` : ''}`,
      'index.nginx-debian.html': 'replaced\n',
    });

    it('fails Install with UnknownError under DISALLOW', async () => {
      const instance = await fixture.instance();
      const { outcome } = await deploy(instance, overDebianPage());
      expect(event(outcome, 'Install')).toMatchObject({
        status: 'Failed',
        diagnostics: { errorCode: 'UnknownError', message: 'The deployment failed because a specified file already exists at this location: /var/www/html/index.nginx-debian.html' },
      });
      expect(await fetchText(instance, 'index.nginx-debian.html')).toContain('Welcome to nginx');
    });

    it('replaces it under OVERWRITE and keeps it under RETAIN, the appspec value winning over the deployment one', async () => {
      const overwrite = await fixture.instance();
      expect((await deploy(overwrite, overDebianPage(), { fileExistsBehavior: 'OVERWRITE' })).outcome.status).toBe('Succeeded');
      expect(await fetchText(overwrite, 'index.nginx-debian.html')).toBe('replaced\n');
      const retain = await fixture.instance();
      expect((await deploy(retain, overDebianPage('RETAIN'), { fileExistsBehavior: 'OVERWRITE' })).outcome.status).toBe('Succeeded');
      expect(await fetchText(retain, 'index.nginx-debian.html')).toContain('Welcome to nginx');
    });
  });

  describe('when the revision is not acceptable', () => {
    it('fails BeforeInstall with the agent message for an invalid appspec', async () => {
      const instance = await fixture.instance();
      const { outcome } = await deploy(instance, { ...site('v1'), 'appspec.yml': 'version: 1.0\nos: linux\n' });
      expect(event(outcome, 'DownloadBundle').status).toBe('Succeeded');
      expect(event(outcome, 'BeforeInstall').diagnostics).toEqual({
        errorCode: 'UnknownError',
        scriptName: '',
        message: 'The deployment failed because an invalid version value (1) was entered in the application specification file. Make sure your AppSpec file specifies "0.0" as the version, and then try again.',
        logTail: '',
      });
    });

    it('fails BeforeInstall when the revision has no appspec', async () => {
      const instance = await fixture.instance();
      const { outcome } = await deploy(instance, { 'site/index.html': 'x' });
      expect(event(outcome, 'BeforeInstall').diagnostics?.message).toMatch(/^The CodeDeploy agent did not find an AppSpec file within the unpacked revision directory at revision-relative path "appspec.yml"\./);
    });

    it('refuses zip entries that would leave their folder, writing nothing', async () => {
      const instance = await fixture.instance();
      const { outcome } = await deploy(instance, { ...site('v1'), '../../../../../../tmp/escaped.txt': 'pwned' });
      expect(event(outcome, 'DownloadBundle').diagnostics).toMatchObject({ errorCode: 'UnknownError', message: expect.stringContaining('would be written outside its folder') });
      expect(await fixture.sh(instance.id, 'ls /tmp/escaped.txt 2>&1; ls /opt/codedeploy-agent/deployment-root')).not.toMatch(/^\/tmp\/escaped\.txt$/m);
    });

    it('refuses symlinks pointing out of the revision', async () => {
      const instance = await fixture.instance();
      const { outcome } = await deploy(instance, { ...site('v1'), 'site/passwd': { symlink: '/etc/passwd' } });
      expect(event(outcome, 'DownloadBundle').diagnostics?.message).toContain('is a symlink to an absolute path (/etc/passwd)');
    });

    it('refuses appspec sources and hook locations that leave the revision', async () => {
      const instance = await fixture.instance();
      const source = await deploy(instance, { ...site('v1'), 'appspec.yml': 'version: 0.0\nos: linux\nfiles:\n  - source: ../../../../etc\n    destination: /tmp/etc\n' });
      expect(event(source.outcome, 'Install').diagnostics?.message).toContain('names a source (../../../../etc) that leaves the revision');
      const hook = await deploy(instance, { ...site('v1'), 'appspec.yml': withHook('BeforeInstall', '    - location: ../../../../../bin/true\n') });
      expect(event(hook.outcome, 'BeforeInstall').diagnostics).toMatchObject({ errorCode: 'UnknownError', message: expect.stringContaining('names a script outside the revision') });
    });
  });

  describe('when the appspec has permissions and a lone top folder', () => {
    it('strips the folder and applies mode and owner to the installed files only', async () => {
      const instance = await fixture.instance();
      const appspec = `version: 0.0
os: linux
files:
  - source: conf/app.conf
    destination: /etc/myapp
  - source: site
    destination: /var/www/html
permissions:
  - object: /var/www/html
    pattern: "*.txt"
    owner: www-data
    mode: 640
    acls: ["u:nginx:r"]
    type: [file]
`;
      const files = { 'myapp/appspec.yml': appspec, 'myapp/conf/app.conf': 'listen 80;\n', 'myapp/site/index.html': 'hi', 'myapp/site/notes.txt': 'n' };
      const { outcome } = await deploy(instance, files);
      expect(outcome.status).toBe('Succeeded');
      expect(await fixture.sh(instance.id, 'stat -c "%n %a %U" /var/www/html/notes.txt /var/www/html/index.html /etc/myapp/app.conf')).toBe(
        '/var/www/html/notes.txt 640 www-data\n/var/www/html/index.html 644 root\n/etc/myapp/app.conf 644 root\n',
      );
      expect(await fixture.sh(instance.id, 'getfacl -cp /var/www/html/notes.txt')).toContain('user:nginx:r--');
    });
  });

  describe('when the instance restarts while a hook runs', () => {
    it('fails the event under way with the agent restart message, and the next deployment gets a new agent', async () => {
      const instance = await fixture.instance();
      const files = { ...site('v1'), 'appspec.yml': withHook('ApplicationStart', '    - location: scripts/long.sh\n      timeout: 600\n'), 'scripts/long.sh': script('#!/bin/bash\necho working\ntouch /tmp/long-started\nsleep 600\n') };
      let restarted: Promise<unknown> = Promise.resolve();
      const { outcome } = await deploy(instance, files, {
        onEvent: (e) => {
          if (e.lifecycleEventName !== 'ApplicationStart' || e.status !== 'InProgress') return;
          restarted = waitFor(() => fixture.sh(instance.id, 'ls /tmp/long-started 2>&1'), { description: 'the hook to start' }, (text) => text === '/tmp/long-started\n').then(() =>
            fixture.docker.getContainer(instance.id).restart({ t: 0 }),
          );
        },
      });
      await restarted;
      expect(event(outcome, 'ApplicationStart')).toMatchObject({ status: 'Failed', diagnostics: { errorCode: 'UnknownError', scriptName: 'scripts/long.sh' } });
      expect(event(outcome, 'ApplicationStart').diagnostics?.message).toMatch(/^Failed: Failing in-progress lifecycle event after an agent restart\. \(codepipeline-local: the CodeDeploy agent stopped because the instance's container .* (restarted|stopped)/);
      expect(event(outcome, 'ApplicationStart').diagnostics?.logTail).toContain('[stdout]working\n');
      expect(event(outcome, 'ValidateService').status).toBe('Skipped');
      const again = await deploy(instance, site('v2'));
      expect(again.outcome.status).toBe('Succeeded');
    });
  });

  describe('when the deployment is stopped', () => {
    it('skips every event when stopped before it starts', async () => {
      const instance = await fixture.instance();
      const stop = new AbortController();
      stop.abort();
      const { outcome } = await deploy(instance, site('v1'), { signal: stop.signal });
      expect(outcome.status).toBe('Skipped');
      expect(outcome.events.every((e) => e.status === 'Skipped')).toBe(true);
    });

    it('lets the running event finish and skips the rest', async () => {
      const instance = await fixture.instance();
      const stop = new AbortController();
      const { outcome } = await deploy(instance, site('v1'), {
        signal: stop.signal,
        onEvent: (e) => e.lifecycleEventName === 'BeforeInstall' && e.status === 'InProgress' && stop.abort(),
      });
      expect(statuses(outcome)).toEqual(['ApplicationStop:Succeeded', 'DownloadBundle:Succeeded', 'BeforeInstall:Succeeded', 'Install:Skipped', 'AfterInstall:Skipped', 'ApplicationStart:Skipped', 'ValidateService:Skipped']);
      expect(outcome.status).toBe('Failed');
      expect(await fixture.sh(instance.id, 'cat /tmp/hook-env')).toContain('LIFECYCLE_EVENT=BeforeInstall');
    });
  });
});

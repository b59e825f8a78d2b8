import { describe, expect, it } from 'vitest';
import { AgentError } from '../../src/codedeploy/agent-error.js';
import { parseAppSpec } from '../../src/codedeploy/appspec.js';

const head = 'version: 0.0\nos: linux\n';

function failure(text: string): string {
  try {
    parseAppSpec(text);
  } catch (error) {
    expect(error).toBeInstanceOf(AgentError);
    return (error as Error).message;
  }
  throw new Error('expected the appspec to be refused');
}

describe('parseAppSpec', () => {
  describe('when the appspec is valid', () => {
    it('reads files, file_exists_behavior, hooks with the 3600 s default timeout and runas, and permissions', () => {
      const spec = parseAppSpec(`${head}files:
  - source: site/
    destination: /var/www/html
file_exists_behavior: OVERWRITE
hooks:
  BeforeInstall:
    - location: scripts/a.sh
    - location: " scripts/b.sh "
      timeout: "30"
      runas: www-data
  AfterInstall:
  ApplicationStart: []
permissions:
  - object: /var/www/html
    mode: 0644
`);
      expect(spec.files).toEqual([{ source: 'site/', destination: '/var/www/html' }]);
      expect(spec.fileExistsBehavior).toBe('OVERWRITE');
      expect(spec.hooks).toEqual({ BeforeInstall: [{ location: 'scripts/a.sh', timeout: 3600 }, { location: 'scripts/b.sh', timeout: 30, runas: 'www-data' }] });
      // YAML 1.2 reads an unquoted 0644 as 644, which is what the author meant.
      expect(spec.permissions).toEqual([{ object: '/var/www/html', pattern: '**', except: [], type: ['file', 'directory'], mode: '644' }]);
      expect(spec.warnings).toEqual([]);
    });

    it('accepts a quoted version with a warning, as AWS documentation shows it quoted', () => {
      expect(parseAppSpec('version: "0.0"\nos: linux\n').warnings).toEqual([expect.stringContaining('version is the string "0.0"')]);
    });
  });

  describe('when the appspec is invalid', () => {
    it.each([
      ['empty', '', "The deployment failed because the application specification file was empty. Make sure your AppSpec file defines at minimum the 'version' and 'os' properties."],
      ['of another version', 'version: 1.0\nos: linux\n', 'The deployment failed because an invalid version value (1) was entered in the application specification file. Make sure your AppSpec file specifies "0.0" as the version, and then try again.'],
      ['for windows', 'version: 0.0\nos: windows\n', 'The deployment failed because the application specification file specifies an unsupported operating system (windows). Specify either "linux" or "windows" in the os section of the AppSpec file, and then try again.'],
      [
        'of an unknown file_exists_behavior',
        `${head}file_exists_behavior: REPLACE\n`,
        'The deployment failed because an invalid file_exists_behavior value (REPLACE) was entered in the application specification file. Make sure your AppSpec file specifies one of DISALLOW,OVERWRITE,RETAIN as the file_exists_behavior, and then try again.',
      ],
      [
        'with a script without location',
        `${head}hooks:\n  BeforeInstall:\n    - timeout: 10\n`,
        'The deployment failed because the application specification file specifies a script with no location value. Specify the location in the hooks section of the AppSpec file, and then try again.',
      ],
      [
        'with a zero timeout',
        `${head}hooks:\n  BeforeInstall:\n    - location: a.sh\n      timeout: 0\n`,
        'The deployment failed because an invalid timeout value was provided for a script in the application specification file. Make corrections in the hooks section of the AppSpec file, and then try again.',
      ],
      [
        'with a destination and no source',
        `${head}files:\n  - destination: /srv\n`,
        'The deployment failed because the application specification file specifies a destination file, but no source file. Update the files section of the AppSpec file, and then try again.',
      ],
      [
        'with a source and no destination',
        `${head}files:\n  - source: app\n`,
        'The deployment failed because the application specification file specifies only a source file (app). Add the name of the destination file to the files section of the AppSpec file, and then try again.',
      ],
      [
        'with a permission without object',
        `${head}permissions:\n  - mode: 644\n`,
        'The deployment failed because a permission listed in the application specification file has no object value. Update the permissions section of the AppSpec file, and then try again.',
      ],
      [
        'with a mode of five digits',
        `${head}permissions:\n  - object: /srv\n    mode: "06444"\n`,
        'The deployment failed because the length of a permissions mode (06444) in the application specification file is invalid. Permissions modes must be between one and four characters long. Update the permissions section of the AppSpec file, and then try again.',
      ],
      [
        'with a mode holding an 8',
        `${head}permissions:\n  - object: /srv\n    mode: 678\n`,
        'The deployment failed because the permissions mode (678) in the application specification file contains an invalid character (8). Update the permissions section of the AppSpec file, and then try again.',
      ],
      [
        'with a permission type that is neither file nor directory',
        `${head}permissions:\n  - object: /srv\n    type: [socket]\n`,
        'The deployment failed because the application specification filespecifies a permission for an object type not supported for permissions (socket). Update the permissions section of the AppSpec file, and then try again.',
      ],
      [
        'with a base ACL entry',
        `${head}permissions:\n  - object: /srv\n    acls: ["u::rw"]\n`,
        'The deployment failed because of a problem with the acls permission settings in the application specification file. Use mode to set the base acl entry (u::rw). Update the permissions section of the AppSpec file, and then try again.',
      ],
      ['with a malformed ACL entry', `${head}permissions:\n  - object: /srv\n    acls: ["x:bob:rw"]\n`, 'The deployment failed because of a problem with the acls permission settings in the application specification file. Invalid acl entry (x:bob:rw).'],
    ])('refuses one %s with the agent message', (_, text, message) => {
      expect(failure(text)).toBe(message);
    });

    it('refuses text that is not YAML', () => {
      expect(failure('version: [0.0\n')).toMatch(/^The deployment failed because the application specification file is not valid YAML: /);
    });
  });
});

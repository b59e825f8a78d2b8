import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';

/** How a test site revision behaves. */
export interface SiteOptions {
  /** The text of index.html, which ValidateService checks the site serves. */
  text: string;
  /** Makes ValidateService print to stderr and exit 1. */
  failValidate?: boolean;
  /** Seconds each ValidateService run sleeps first (to make timing visible). */
  validateSleep?: number;
}

/** The files of a revision: index.html into Nginx's root, a stop script that records the revision, a checking ValidateService. */
export function siteFiles(options: SiteOptions): Record<string, string> {
  const hooks = [
    'hooks:',
    '  ApplicationStop:',
    '    - location: scripts/stop.sh',
    '      timeout: 30',
    '  ValidateService:',
    '    - location: scripts/validate.sh',
    '      timeout: 30',
  ];
  const validate = options.failValidate
    ? `#!/bin/bash\necho "checking ${options.text}"\necho "the site is broken on purpose" >&2\nexit 1\n`
    : `#!/bin/bash\nset -e\nsleep ${options.validateSleep ?? 0}\ncurl -fsS http://127.0.0.1/index.html | grep -q "${options.text}"\necho "serving ${options.text}"\n`;
  return {
    'appspec.yml': ['version: 0.0', 'os: linux', 'files:', '  - source: site', '    destination: /var/www/html', 'file_exists_behavior: OVERWRITE', ...hooks, ''].join('\n'),
    'site/index.html': `<h1>${options.text}</h1>\n`,
    'scripts/stop.sh': `#!/bin/bash\necho "stopping ${options.text} for \${DEPLOYMENT_ID}"\n`,
    'scripts/validate.sh': validate,
  };
}

/** Writes a zip of files to `<s3Dir>/<bucket>/<key>` and returns CreateDeployment's S3 revision for it. */
export function putRevision(s3Dir: string, bucket: string, key: string, files: Record<string, string>) {
  const path = join(s3Dir, bucket, key);
  mkdirSync(dirname(path), { recursive: true });
  // No modes: the agent makes hook scripts executable itself, as the real one does.
  writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]))));
  return { revisionType: 'S3' as const, s3Location: { bucket, key, bundleType: 'zip' as const } };
}

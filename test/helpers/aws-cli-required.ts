import { spawnSync } from 'node:child_process';

/** What `aws --version` printed; throws (a test fails, never skips) when the AWS CLI is missing or does not run. */
export function requireAwsCli(): string {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'The AWS CLI (`aws`) is not on PATH or does not run, and this test needs it: install AWS CLI v2 ' +
        '(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html) and run the tests again. ' +
        `(${probe.error?.message ?? probe.stderr})`,
    );
  }
  return `${probe.stdout} ${probe.stderr}`;
}

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('the test environment', () => {
  describe('when an AWS SDK client is made on Node 20', () => {
    it('prints no NodeVersionSupportWarning, in this process or in the processes tests start', async () => {
      // A fresh process: in this one the SDK may already have warned (or not) for an earlier test file.
      const script = "const { CodePipelineClient } = require('@aws-sdk/client-codepipeline'); new CodePipelineClient({ region: 'us-east-1' }); setImmediate(() => console.log('made'));";
      const { stdout, stderr } = await run(process.execPath, ['-e', script], { env: process.env });
      expect(stdout.trim()).toBe('made');
      expect(stderr).not.toContain('NodeVersionSupportWarning');
    });
  });
});

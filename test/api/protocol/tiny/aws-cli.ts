import { parsedJson, runAwsCli } from '../../../helpers/aws-cli-process.js';

/** What one `aws` run printed and how it ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json?: any;
}

/** Runs the real AWS CLI against a local endpoint with test/test credentials; `env` may point AWS_DATA_PATH at other models. */
export function aws(endpoint: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const fullEnv = {
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    ...env,
  };
  return runAwsCli(['--endpoint-url', endpoint, '--output', 'json', ...args], fullEnv).then((run) => ({ ...run, json: parsedJson(run.stdout) }));
}

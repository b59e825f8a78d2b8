import { CodeDeployClient } from '@aws-sdk/client-codedeploy';
import type { TestEmulator } from '../../helpers/emulator.js';

/** A CodeDeploy SDK client pointed at a test emulator (the caller destroys it). */
export function codeDeployClient(env: TestEmulator, region = 'us-east-1', accessKeyId = 'AKIDEXAMPLE'): CodeDeployClient {
  return new CodeDeployClient({ endpoint: env.url, region, credentials: { accessKeyId, secretAccessKey: 'secret' }, maxAttempts: 1 });
}

/** The service role every test deployment group names (never checked by the emulator). */
export const SERVICE_ROLE = 'arn:aws:iam::000000000000:role/CodeDeployServiceRole';

import { findRuntime, SUPPORTED_RUNTIMES } from './runtimes.js';
import { LambdaRefusal } from './lambda-refusal.js';

/** Lambda's defaults: 3 seconds, 128 MB. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** Lambda's default memory, in MB. */
export const DEFAULT_MEMORY_MB = 128;
// Lambda's quotas: 900 seconds (15 minutes), 10240 MB, 4 KB of environment variables.
const MAX_TIMEOUT_SECONDS = 900;
const MAX_MEMORY_MB = 10_240;
const ENVIRONMENT_MAX_BYTES = 4096;

// The variables Lambda sets itself (configuration-envvars); a function may not set them.
const RESERVED_KEYS = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
];

/** The settings CreateFunction and UpdateFunctionConfiguration share; absent members are left as they are. */
export interface FunctionSettings {
  runtime?: string;
  handler?: string;
  role?: string;
  description?: string;
  timeout?: number;
  memorySize?: number;
  environment?: Record<string, string>;
}

/** Checks settings as Lambda does; throws the refusal of the first problem. */
export function checkSettings(settings: FunctionSettings): void {
  if (settings.runtime !== undefined && !findRuntime(settings.runtime)) {
    const names = SUPPORTED_RUNTIMES.map((r) => r.name).join(', ');
    throw new LambdaRefusal('InvalidParameterValueException', `The runtime parameter of ${settings.runtime} is not supported by codepipeline-local. Use one of: ${names}.`); // wording inferred from AWS's deprecated-runtime message
  }
  if (settings.timeout !== undefined && settings.timeout > MAX_TIMEOUT_SECONDS) {
    throw new LambdaRefusal('InvalidParameterValueException', `1 validation error detected: Value '${settings.timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to ${MAX_TIMEOUT_SECONDS}`); // wording inferred
  }
  if (settings.memorySize !== undefined && settings.memorySize > MAX_MEMORY_MB) {
    throw new LambdaRefusal('InvalidParameterValueException', `'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to ${MAX_MEMORY_MB}`);
  }
  const environment = settings.environment ?? {};
  const reserved = Object.keys(environment).filter((k) => RESERVED_KEYS.includes(k));
  if (reserved.length) {
    throw new LambdaRefusal(
      'InvalidParameterValueException',
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const size = Buffer.byteLength(Object.entries(environment).map(([k, v]) => k + v).join(''));
  if (size > ENVIRONMENT_MAX_BYTES) {
    throw new LambdaRefusal('InvalidParameterValueException', `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(environment).slice(0, 100)}...`); // wording inferred after the first sentence
  }
}

/** The function name a FunctionName parameter names (a name, a partial ARN or an ARN), and its qualifier. */
export function parseFunctionName(value: string): { name: string; qualifier?: string } {
  const match = /^(?:arn:[^:]+:lambda:)?(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d:)?(?:\d{12}:)?(?:function:)?([a-zA-Z0-9_.-]+)(?::([$\w.-]+))?$/.exec(value);
  if (!match) return { name: value };
  return { name: match[1], ...(match[2] !== undefined ? { qualifier: match[2] } : {}) };
}

import { resolveInputArtifacts, succeededActions } from '../action-inputs.js';
import { ruleError, type RuleEvaluator } from './rule-run.js';

/** The error message a failed function's payload carries (`{"errorMessage": ...}` from AWS's runtimes), or its text. */
function errorMessageOf(payload: Buffer): string {
  const text = payload.toString('utf8');
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown; errorType?: unknown };
    if (typeof parsed?.errorMessage === 'string') return typeof parsed.errorType === 'string' ? `${parsed.errorType}: ${parsed.errorMessage}` : parsed.errorMessage;
  } catch {
    // not JSON: the text itself says what went wrong
  }
  return text.slice(0, 500);
}

/**
 * The LambdaInvoke rule: invokes the function synchronously with a `CodePipeline.job`-shaped event (as the Invoke
 * action's, inferred: AWS documents only that a function error fails the rule) and passes unless the function fails.
 */
export const lambdaInvokeRule: RuleEvaluator = async ({ core, live, rule, configuration, record, signal, progress }) => {
  const functions = core.functions;
  if (!functions) return ruleError('The LambdaInvoke rule needs Lambda functions, which this codepipeline-local does not serve', 'JobFailed'); // wording inferred
  const functionName = configuration.FunctionName ?? '';
  const inputs = resolveInputArtifacts(core, rule, succeededActions(core, live.record));
  if (inputs.missing.length) return ruleError(`Input artifact ${inputs.missing.join(', ')} of rule ${rule.name} was not produced by an earlier action of this execution`); // wording inferred
  const scope = { account: record.account, region: record.input.region };
  const logUrl = functions.logUrl?.(scope, functionName);
  if (logUrl) progress({ externalExecutionUrl: logUrl });
  const event = {
    'CodePipeline.job': {
      id: record.id,
      accountId: record.account,
      data: {
        actionConfiguration: { configuration: { FunctionName: functionName, ...(configuration.UserParameters !== undefined ? { UserParameters: configuration.UserParameters } : {}) } },
        inputArtifacts: inputs.details.map((a) => ({ name: a.name, location: { type: 'S3', s3Location: { bucketName: a.s3location!.bucket, objectKey: a.s3location!.key } } })),
        outputArtifacts: [],
      },
    },
  };
  let result;
  try {
    result = await functions.invoke(scope, functionName, Buffer.from(JSON.stringify(event)));
  } catch (error) {
    if (signal.aborted) throw error;
    return { ...ruleError(`The Lambda function ${functionName} could not be invoked: ${(error as Error).message}`, 'JobFailed'), ...(logUrl ? { externalExecutionUrl: logUrl } : {}) }; // wording inferred
  }
  const link = logUrl ? { externalExecutionUrl: logUrl } : {};
  if (result.functionError) {
    const message = `The Lambda function ${functionName} failed: ${errorMessageOf(result.payload)}`; // wording inferred
    return { passed: false, summary: message, errorDetails: { code: 'JobFailed', message }, ...link };
  }
  return { passed: true, summary: `The Lambda function ${functionName} succeeded`, ...link }; // wording inferred
};

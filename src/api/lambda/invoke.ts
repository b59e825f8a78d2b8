import type { InvocationResponse, InvokeCommandInput } from '@aws-sdk/client-lambda';
import { logTail } from '../../lambda/index.js';
import type { Logger } from '../../shared/index.js';
import type { HandlerInput, HandlerOutput, RequestContext } from '../protocol/index.js';
import type { LambdaDeps } from './deps.js';
import { callLambda } from './functions.js';
import { InvalidRequestContentException, RequestTooLargeException, ServiceException } from './errors.js';

// Lambda's payload quotas: 6 MB for a synchronous invocation, 1 MB for an asynchronous one.
const SYNC_MAX_BYTES = 6 * 1024 * 1024;
const ASYNC_MAX_BYTES = 1024 * 1024;

// The SDK types Payload widely (streams too); the rest-json layer hands the raw body over as bytes.
function eventOf(payload: unknown, type: string): Buffer {
  const event = typeof payload === 'string' || payload instanceof Uint8Array ? Buffer.from(payload) : Buffer.alloc(0);
  const max = type === 'Event' ? ASYNC_MAX_BYTES : SYNC_MAX_BYTES;
  if (event.length > max) throw new RequestTooLargeException(`Request must be smaller than ${max} bytes for the ${type === 'Event' ? 'InvokeAsync' : 'InvokeFunction'} operation`);
  if (event.length === 0) return Buffer.from('{}');
  try {
    JSON.parse(event.toString('utf8'));
  } catch (error) {
    throw new InvalidRequestContentException(`Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`, { cause: error }); // wording inferred after the first colon
  }
  return event;
}

// Lambda's limit on the client context: 3583 bytes of base64 (the header's).
const CLIENT_CONTEXT_MAX = 3583;

/** The JSON text a base64 ClientContext carries; refused as Lambda refuses one that is too long or not JSON. */
function clientContextOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length > CLIENT_CONTEXT_MAX) throw new InvalidRequestContentException(`Client context must be smaller than ${CLIENT_CONTEXT_MAX} bytes when base64-encoded`); // wording inferred
  const text = Buffer.from(value, 'base64').toString('utf8');
  try {
    JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestContentException('Client context must be a valid Base64-encoded JSON object.', { cause: error }); // wording inferred
  }
  return text;
}

/** Invoke: RequestResponse runs the function and answers its result; Event queues it (202); DryRun only checks (204). */
export async function invoke(deps: LambdaDeps & { log: Logger }, input: HandlerInput<InvokeCommandInput>, ctx: RequestContext): Promise<HandlerOutput<InvocationResponse>> {
  const fn = callLambda(() => deps.functions.pick({ account: ctx.account, region: ctx.region }, input.FunctionName, input.Qualifier));
  const type = input.InvocationType ?? 'RequestResponse';
  const event = eventOf(input.Payload, type);
  if (type === 'DryRun') return { StatusCode: 204 };
  if (type === 'Event') {
    deps.asyncInvocations.queue(fn, event);
    return { StatusCode: 202 };
  }
  const clientContext = clientContextOf(input.ClientContext);
  const result = await deps.invoker.invoke(fn, event, clientContext !== undefined ? { clientContext } : {}).catch((error: unknown) => {
    // Docker unreachable, the image not buildable: Lambda's own fault, said with the reason (wording inferred).
    deps.log.error({ err: error, function: fn.arn }, 'the function could not be run');
    throw new ServiceException(`codepipeline-local could not run the function: ${(error as Error).message}`, { cause: error });
  });
  return {
    StatusCode: 200,
    Payload: result.payload,
    ExecutedVersion: fn.version ?? '$LATEST',
    ...(result.functionError ? { FunctionError: result.functionError } : {}),
    ...(input.LogType === 'Tail' ? { LogResult: logTail(result.log) } : {}),
  };
}

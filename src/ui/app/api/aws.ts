import { signedJsonHeaders, type ConsoleCredentials } from './sigv4.js';

/** The services the console calls, by the signing name that goes in the credential scope. */
export type ServiceName = 'codepipeline' | 'codebuild' | 'codedeploy' | 'codecommit';

const TARGET_PREFIX: Record<ServiceName, string> = {
  codepipeline: 'CodePipeline_20150709',
  codebuild: 'CodeBuild_20161006',
  codedeploy: 'CodeDeploy_20141006',
  codecommit: 'CodeCommit_20150413',
};

/** An error the API answered with (`__type` and message), or a failure to reach it. */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = type;
  }

  /** True when the emulator does not offer the operation (yet): the console then hides what needs it. */
  get notImplemented(): boolean {
    return this.type === 'NotImplementedException' || this.type === 'UnknownOperationException';
  }
}

/** Who the console calls as: the account and region that go in the SigV4 credential scope, and with `serve --iam` the key it signs with. */
export interface Caller {
  account: string;
  region: string;
  credentials?: ConsoleCredentials;
}

/** The errors of a call the emulator refused to authenticate (`serve --iam` without a valid key). */
const SIGN_IN_ERRORS = new Set(['MissingAuthenticationTokenException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException', 'IncompleteSignatureException']);

let caller: Caller = { account: '000000000000', region: 'us-east-1' };

/** Sets the account and region every later call is made in. */
export function setCaller(next: Caller): void {
  caller = next;
}

/** The account and region calls are made in. */
export function currentCaller(): Caller {
  return caller;
}

function errorFrom(status: number, text: string): AwsError {
  try {
    const body = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
    // AWS may prefix the type with a namespace (`com.amazonaws...#Name`).
    const type = String(body.__type ?? 'UnknownError').split('#').pop()!;
    return new AwsError(type, String(body.message ?? body.Message ?? ''), status);
  } catch {
    return new AwsError('UnexpectedResponse', `The server answered HTTP ${status} without an AWS error body`, status);
  }
}

// Reads are tried again after a network failure: Chromium drops the requests in flight whenever the machine's network
// interfaces change (net::ERR_NETWORK_CHANGED), which Docker does each time it starts or removes a container. A write is
// not: it may have reached the emulator.
const READ_OPERATION = /^(Get|List|BatchGet|Describe)/;
const READ_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 250;

async function fetchTrying(attempts: number, send: () => Promise<Response>, signal?: AbortSignal): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if ((error as Error).name === 'AbortError' || signal?.aborted || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
    }
  }
}

/**
 * Calls one operation of the emulator's public AWS JSON 1.1 API, as an SDK would: POST / with X-Amz-Target and
 * a credential scope naming the account (a 12-digit access key id) and region. Signatures are not checked.
 */
export async function callAws<T>(service: ServiceName, operation: string, input: object = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  const target = `${TARGET_PREFIX[service]}.${operation}`;
  const body = JSON.stringify(input);
  try {
    // With an access key (serve --iam) the call is signed for real; otherwise the scope alone names account and region.
    const headers = caller.credentials
      ? await signedJsonHeaders({ service, region: caller.region, host: location.host, target, body, credentials: caller.credentials, now: new Date() })
      : {
          'X-Amz-Target': target,
          'Content-Type': 'application/x-amz-json-1.1',
          Authorization: `AWS4-HMAC-SHA256 Credential=${caller.account}/20260101/${caller.region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
        };
    response = await fetchTrying(READ_OPERATION.test(operation) ? READ_ATTEMPTS : 1, () => fetch('/', { method: 'POST', headers, body, signal }), signal);
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new AwsError('NetworkError', `The emulator could not be reached (${(error as Error).message}). Is codepipeline-local still running?`, 0);
  }
  const text = await response.text();
  if (!response.ok) throw errorFrom(response.status, text);
  return (text ? JSON.parse(text) : {}) as T;
}

/**
 * Calls a paginated List operation page after page and returns the items of every page under `itemsKey`,
 * stopping early once `limit` items are in.
 */
export async function allPages<T>(service: ServiceName, operation: string, input: object, itemsKey: string, options: { limit?: number; signal?: AbortSignal } = {}): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAws<{ nextToken?: string; [items: string]: unknown }>(service, operation, { ...input, ...(nextToken ? { nextToken } : {}) }, options.signal);
    all.push(...((page[itemsKey] as T[] | undefined) ?? []));
    nextToken = page.nextToken;
  } while (nextToken && all.length < (options.limit ?? Infinity));
  return all;
}

/** Formats any error the way the console shows it: `Type: message` for AWS errors. */
export function describeError(error: unknown): string {
  if (error instanceof AwsError && SIGN_IN_ERRORS.has(error.type)) {
    return `${error.type}: ${error.message} (the emulator checks signatures, serve --iam: enter an access key under the account and region at the top)`;
  }
  if (error instanceof AwsError) return error.message ? `${error.type}: ${error.message}` : error.type;
  if (error instanceof Error) return error.message;
  return String(error);
}

/*
 * How a service's handlers are typed (issue 13: types from the SDK, not `any`).
 *
 * 1. The operations of a service come from its SDK client, by type-only import (the SDK is a devDependency; type
 *    imports vanish at build, so nothing of it reaches the bundle):
 *      import type { CodeDeploy, CodeDeployClient } from '@aws-sdk/client-codedeploy';
 *      export type CodeDeployOperations = SdkOperations<CodeDeploy, CodeDeployClient>;   // api/<service>/operations.ts
 * 2. A handler takes `HandlerInput<XInput>` and returns `HandlerOutput<XOutput>` (or a promise of it), with the
 *    SDK's own input and output types; `NoOutput` for an operation without an output shape:
 *      export function getApplication(deps: CodeDeployDeps, input: HandlerInput<GetApplicationInput>, ctx: RequestContext): HandlerOutput<GetApplicationOutput>
 *    These are the SDK types in the forms the protocol layer hands over: timestamps as epoch seconds, blobs as
 *    base64 text (JSON protocols) or bytes, required members present; outputs may give timestamps as Dates or
 *    epoch seconds, and enum members as any text. Views (DeploymentInfo, Build, ...) return HandlerOutput<Shape>.
 *    CodeCommit's model is relaxed before parsing (no `required`), so its handlers take `CodeCommitInput<XInput>`
 *    (every member optional, see api/codecommit/operations.ts).
 * 3. The service's table is `defineService<CodeDeployOperations>(model, { GetApplication: (input, ctx) => ... })`:
 *    a name that is not an SDK operation, or a handler whose input or output does not fit the SDK's types, fails
 *    to compile. test/api/protocol/handler-types.test.ts pins this down.
 * Handlers never cast their input: the dispatcher hands over input parsed against the operation's model shape.
 */
import type { Readable } from 'node:stream';
import type { RequestContext } from './request-context.js';
import type { ServiceModel } from './service-model.js';

// Values kept whole rather than mapped member by member: a streaming payload (S3's PutObject Body arrives unread)
// and functions, whose call signatures a mapped type would lose.
type Opaque = Readable | ((...args: never[]) => unknown);

/**
 * The parsed form of an SDK input type: timestamps as epoch seconds, blobs as base64 text (JSON protocols) or bytes.
 * The SDK types a required member `T | undefined`; parsing has checked it is there, so here it is `T`.
 */
export type HandlerInput<T> = T extends Opaque
  ? T
  : T extends Date
    ? number
    : T extends Uint8Array
      ? string | Uint8Array
      : T extends readonly (infer E)[]
        ? HandlerInput<E>[]
        : T extends object
          ? { [K in keyof T]: object extends Pick<T, K> ? HandlerInput<T[K]> : HandlerInput<Exclude<T[K], undefined>> }
          : T;

/**
 * What a handler may return for an SDK output type: timestamps as Dates or epoch seconds, blobs as bytes or base64
 * text, and enum members as any text, because the records behind the views keep AWS's enum values as strings (a
 * number where the SDK has text, or a member the SDK does not have in a returned literal, still fails to compile).
 */
export type HandlerOutput<T> = T extends Opaque
  ? T
  : T extends Date
    ? Date | number
    : T extends Uint8Array
      ? Uint8Array | string
      : T extends string
        ? string
        : T extends readonly (infer E)[]
          ? readonly HandlerOutput<E>[]
          : T extends object
            ? { [K in keyof T]: HandlerOutput<T[K]> }
            : T;

/** The output of an operation whose model has no output shape: an empty structure. */
export type NoOutput = Record<string, never>;

/** One operation's input and output types, as the SDK declares them. */
export interface OperationTypes {
  input: object;
  output: object;
}

// The last overload of an SDK client method is `(args, options, cb: (err, data?) => void)`; paginators and
// waiters also match that shape loosely, so they are left out by name, and the base client's members by key.
type OperationOf<Method> = Method extends (args: infer I, options: never, cb: (err: never, data?: infer O) => void) => void
  ? O extends { $metadata: unknown }
    ? I extends object
      ? { input: I; output: Omit<O, '$metadata'> }
      : never
    : never
  : never;

/**
 * The operations of an SDK client by operation name (`GetPipeline`), each with its SDK input and output:
 * `SdkOperations<CodePipeline, CodePipelineClient>` (the aggregated client and its bare client).
 */
export type SdkOperations<Aggregated, Client> = {
  [K in Exclude<keyof Aggregated, keyof Client | `paginate${string}` | `waitUntil${string}`> as K extends string ? Capitalize<K> : never]: OperationOf<
    Aggregated[K]
  >;
};

/** Handles one operation: receives the parsed input, returns the output members (or a promise of them). */
export type OperationHandler<Op extends OperationTypes> = (
  input: HandlerInput<Op['input']>,
  ctx: RequestContext,
) => HandlerOutput<Op['output']> | Promise<HandlerOutput<Op['output']>>;

/** A service's table of handlers: any of its SDK operations, each typed by the SDK. */
export type ServiceHandlers<Ops extends Record<keyof Ops, OperationTypes>> = { [K in keyof Ops]?: OperationHandler<Ops[K]> };

/**
 * A handler with its operation's type erased, as the dispatcher holds it. Its input is `never` so that any typed
 * handler fits; only the dispatcher calls it, with input parsed against the operation's input shape.
 */
export type ErasedHandler = (input: never, ctx: RequestContext) => unknown;

/**
 * One hosted service: its botocore model and the handlers of the operations implemented so far. `metadata`, when
 * given, is the model's metadata known without the model, so that routing does not load (parse) every model.
 */
export interface ServiceDefinition {
  readonly model: ServiceModel;
  readonly metadata?: ServiceModel['metadata'];
  handlers: { readonly [operation: string]: ErasedHandler | undefined };
}

/** A model read on first use: its metadata now, the whole model (hundreds of KB of JSON) when a request needs it. */
export interface LazyModel {
  metadata: ServiceModel['metadata'];
  load: () => ServiceModel;
}

/** A service definition whose model is loaded at the first read of `model`, once. */
export function lazyServiceDefinition(source: LazyModel, handlers: ServiceDefinition['handlers']): ServiceDefinition {
  let model: ServiceModel | undefined;
  return {
    metadata: source.metadata,
    get model() {
      return (model ??= source.load());
    },
    handlers,
  };
}

/** Builds a service whose handler table is checked against its SDK operations (see the note at the top of this file). */
export function defineService<Ops extends Record<keyof Ops, OperationTypes>>(model: ServiceModel | LazyModel, handlers: ServiceHandlers<Ops>): ServiceDefinition {
  return 'load' in model ? lazyServiceDefinition(model, handlers) : { model, handlers };
}

/** A service's metadata, read from its model only when the definition does not carry it. */
export function serviceMetadata(definition: ServiceDefinition): ServiceModel['metadata'] {
  return definition.metadata ?? definition.model.metadata;
}

/** A complete table of the operations `names`, each typed by the SDK. */
export type HandlerTable<Ops extends Record<keyof Ops, OperationTypes>, Name extends keyof Ops> = { [K in Name]: OperationHandler<Ops[K]> };

/**
 * A handler table loaded on the first call of any of its operations: `names` are the operations it implements, and
 * `load` imports the module that makes the table (a chunk of its own in the build). A service's handlers then cost
 * a start nothing, only the first request to that service.
 */
export function lazyHandlers<Ops extends Record<keyof Ops, OperationTypes>, Name extends keyof Ops & string>(
  names: readonly Name[],
  load: () => Promise<HandlerTable<Ops, Name>>,
): ServiceDefinition['handlers'] {
  let table: Promise<HandlerTable<Ops, Name>> | undefined;
  const call = async (name: Name, input: never, ctx: RequestContext) => {
    const handlers = await (table ??= load());
    return (handlers[name] as ErasedHandler)(input, ctx);
  };
  return Object.fromEntries(names.map((name) => [name, ((input: never, ctx: RequestContext) => call(name, input, ctx)) satisfies ErasedHandler]));
}

import type { CodeCommit, CodeCommitClient } from '@aws-sdk/client-codecommit';
import type { HandlerInput, OperationTypes, SdkOperations } from '../protocol/index.js';

type Sdk = SdkOperations<CodeCommit, CodeCommitClient>;

/**
 * CodeCommit's operations with the SDK's input and output types, which the handler table is checked against. Every
 * input member is optional: the model the dispatcher parses with has no `required` (model.ts), because CodeCommit
 * names a missing member with its own exception (RepositoryNameRequiredException, ...), which the handlers raise.
 */
export type CodeCommitOperations = { [K in keyof Sdk]: Sdk[K] extends OperationTypes ? { input: Partial<Sdk[K]['input']>; output: Sdk[K]['output'] } : never };

/** A CodeCommit handler's input: the SDK input type as parsed, every member optional (see CodeCommitOperations). */
export type CodeCommitInput<T> = HandlerInput<Partial<T>>;

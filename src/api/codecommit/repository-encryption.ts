import type { UpdateRepositoryEncryptionKeyInput, UpdateRepositoryEncryptionKeyOutput } from '@aws-sdk/client-codecommit';
import type { HandlerOutput, RequestContext } from '../protocol/index.js';
import type { CodeCommitDeps } from './deps.js';
import { EncryptionKeyInvalidIdException, EncryptionKeyRequiredException } from './file-errors.js';
import type { CodeCommitInput } from './operations.js';
import { findRepository, requireRepositoryName, scopeOf } from './validate.js';

/** The key AWS encrypts a repository with until another is set: CodeCommit's AWS managed key. */
export const DEFAULT_KMS_KEY_ID = 'alias/aws/codecommit';
const KMS_KEY_ID = /^[a-zA-Z0-9:/_-]{1,2048}$/;

/** Checks a KMS key id, alias or ARN is well formed (no KMS runs locally, so any well-formed one is taken). */
export function checkKmsKeyId(kmsKeyId: string): string {
  if (!KMS_KEY_ID.test(kmsKeyId)) throw new EncryptionKeyInvalidIdException();
  return kmsKeyId;
}

/**
 * UpdateRepositoryEncryptionKey: records the KMS key a repository is said to be encrypted with (a key id, alias or
 * ARN; no KMS runs locally, so any well-formed one is taken) and answers with the key it replaces.
 */
export function updateRepositoryEncryptionKey(
  deps: CodeCommitDeps,
  input: CodeCommitInput<UpdateRepositoryEncryptionKeyInput>,
  ctx: RequestContext,
): HandlerOutput<UpdateRepositoryEncryptionKeyOutput> {
  const record = findRepository(deps, ctx, requireRepositoryName(input.repositoryName));
  if (input.kmsKeyId === undefined || input.kmsKeyId === '') throw new EncryptionKeyRequiredException();
  checkKmsKeyId(input.kmsKeyId);
  deps.repositories.setKmsKeyId(scopeOf(ctx), record.name, input.kmsKeyId, deps.clock.now());
  return { repositoryId: record.repositoryId, kmsKeyId: input.kmsKeyId, originalKmsKeyId: record.kmsKeyId ?? DEFAULT_KMS_KEY_ID };
}

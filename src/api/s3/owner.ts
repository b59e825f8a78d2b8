import { createHash } from 'node:crypto';
import type { RequestContext } from '../protocol/index.js';

/** The owner S3 names in listings: a canonical user id (64 hex digits) derived from the caller's account. */
export function ownerOf(ctx: RequestContext): { ID: string; DisplayName: string } {
  return { ID: createHash('sha256').update(ctx.account).digest('hex'), DisplayName: ctx.account };
}

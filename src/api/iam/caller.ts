import type { Principal } from '../../iam/index.js';
import type { RequestContext } from '../protocol/index.js';
import type { IamDeps } from './deps.js';

/** Who is calling: the verified identity with --iam, else the principal the access key names (the root for any other key). */
export function callerOf(deps: IamDeps, ctx: RequestContext): Principal {
  if (ctx.identity) return { ...ctx.identity, account: ctx.account, accessKeyId: ctx.accessKeyId };
  return deps.iam.authenticator.identify(ctx.accessKeyId, ctx.account);
}

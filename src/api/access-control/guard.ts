import { IamRefusal, type Iam, type Principal, type RecentDenials, type RoleRecord, type UserRecord } from '../../iam/index.js';
import type { Logger } from '../../shared/index.js';
import type { IamStore } from '../../store/index.js';
import { modelProtocols, signingName, type CallGuard, type RequestContext, type ServiceModel, type WireRequest } from '../protocol/index.js';
import type { CallInput, CallScope, NeededPermission } from './call-scope.js';
import { codeBuildResources, codeCommitResources, codeDeployResources, codePipelineResources } from './code-services.js';
import { cloudWatchResources, lambdaResources, notificationResources, snsResources } from './more-services.js';
import { conditionKeys } from './condition-keys.js';
import { iamResources } from './iam-permissions.js';
import { refusalError } from './refusals.js';
import { s3Permissions } from './s3-permissions.js';

type Resolver = (operation: string, input: CallInput, scope: CallScope) => string[];
const RESOURCES: Record<string, Resolver> = {
  codepipeline: codePipelineResources,
  codebuild: codeBuildResources,
  codedeploy: codeDeployResources,
  codecommit: codeCommitResources,
  lambda: lambdaResources,
  sns: snsResources,
  monitoring: cloudWatchResources,
  'codestar-notifications': notificationResources,
};

/** Calls every caller may make, whatever its policies say (as AWS has it); AssumeRole checks the role's trust itself. */
const UNGUARDED = new Set(['sts:GetCallerIdentity', 'sts:AssumeRole']);

// Services whose IAM action prefix is not their SigV4 signing name (the Service Authorization Reference).
const ACTION_PREFIX: Readonly<Record<string, string>> = { monitoring: 'cloudwatch' };

// Operations whose IAM action has another name (the Service Authorization Reference): Lambda's Invoke calls need
// lambda:InvokeFunction.
const ACTION_NAME: Readonly<Record<string, string>> = { 'lambda:Invoke': 'lambda:InvokeFunction', 'lambda:InvokeWithResponseStream': 'lambda:InvokeFunction' };

/** What the guard works with: the access-control domain, its store (for principals' tags) and the clock. */
export interface AccessGuardDeps {
  iam: Iam;
  store: IamStore;
  now: () => number;
  /** Where refusals are logged (who, what, on what), so a denied call can be understood from the server's log. */
  log?: Logger;
  /** Where refusals are kept for the console's view of recent denials. */
  denials?: RecentDenials;
  /** A resource's tags by ARN (CodePipeline, CodeDeploy and CodeCommit keep theirs by ARN), for aws:ResourceTag. */
  resourceTags?: (arn: string) => { key: string; value: string }[];
}

function protocolOf(service: ServiceModel['metadata']): 'json' | 'query' | 'rest-json' | 'rest-xml' {
  const p = modelProtocols({ metadata: service })[0];
  return p === 'query' || p === 'rest-json' || p === 'rest-xml' ? p : 'json';
}

function principalOf(ctx: RequestContext): Principal | undefined {
  return ctx.identity && { ...ctx.identity, account: ctx.account, accessKeyId: ctx.accessKeyId };
}

/**
 * The CallGuard of `--iam`: every request's SigV4 signature is verified against the keys IAM knows, and every call
 * is authorised with its caller's identity policies, for the IAM action and resource ARNs of its operation.
 */
export class AccessGuard implements CallGuard {
  constructor(private readonly deps: AccessGuardDeps) {}

  /** Verifies the signature; the context then names the verified caller. */
  async authenticate(req: WireRequest, service: ServiceModel['metadata'], ctx: RequestContext): Promise<RequestContext> {
    try {
      const principal = await this.deps.iam.authenticator.authenticate(req);
      return {
        ...ctx,
        account: principal.account,
        principalArn: principal.arn,
        identity: { kind: principal.kind, arn: principal.arn, userId: principal.userId, name: principal.name },
        ...(req.sourceIp ? { sourceIp: req.sourceIp } : {}),
      };
    } catch (error) {
      if (error instanceof IamRefusal) throw refusalError(error, protocolOf(service), signingName({ metadata: service }));
      throw error;
    }
  }

  /** Refuses the call unless the caller's policies allow each permission it needs. */
  authorize(ctx: RequestContext, service: ServiceModel['metadata'], operation: string, input: unknown): void {
    const principal = principalOf(ctx);
    if (!principal || principal.kind === 'root') return;
    const prefix = signingName({ metadata: service });
    const scope = { account: ctx.account, region: ctx.region };
    const callInput = (input ?? {}) as CallInput;
    const needed = this.permissions(prefix, operation, callInput, scope, principal).filter((p) => !UNGUARDED.has(p.action));
    if (needed.length === 0) return;
    const context = conditionKeys({ principal, entity: this.entityOf(principal), input: callInput, region: ctx.region, sourceIp: ctx.sourceIp, nowMs: this.deps.now() });
    let current = { action: '', resource: '' };
    try {
      for (const { action, resources } of needed) {
        for (const resource of resources) {
          current = { action, resource };
          this.deps.iam.authorizer.authorize(principal, { action, resources: [resource], context: this.withResourceTags(context, resource) }, prefix === 's3');
        }
      }
    } catch (error) {
      if (error instanceof IamRefusal) {
        this.deps.denials?.record({ atMs: this.deps.now(), principalArn: principal.arn, ...current, message: error.message, where: `request ${ctx.requestId}` });
        this.deps.log?.info({ principal: principal.arn, operation: `${prefix}:${operation}`, requestId: ctx.requestId, reason: error.message }, 'access denied');
        throw refusalError(error, protocolOf(service), prefix);
      }
      throw error;
    }
  }

  /** The permissions one call needs: `<prefix>:<Operation>` on its resources (S3 has its own action names). */
  permissions(prefix: string, operation: string, input: CallInput, scope: CallScope, caller: Principal): NeededPermission[] {
    if (prefix === 's3') return s3Permissions(operation, input);
    const named = `${Object.hasOwn(ACTION_PREFIX, prefix) ? ACTION_PREFIX[prefix] : prefix}:${operation}`;
    const action = Object.hasOwn(ACTION_NAME, named) ? ACTION_NAME[named] : named;
    if (prefix === 'iam') return [{ action, resources: iamResources(this.deps.iam, operation, input, scope, caller) }];
    const resolver = Object.hasOwn(RESOURCES, prefix) ? RESOURCES[prefix] : undefined;
    const needed = [{ action, resources: resolver ? resolver(operation, input, scope) : ['*'] }];
    // Handing a service role to CodePipeline needs iam:PassRole on it, as in AWS.
    const roleArn = prefix === 'codepipeline' && (operation === 'CreatePipeline' || operation === 'UpdatePipeline') ? (input.pipeline as CallInput | undefined)?.roleArn : undefined;
    if (typeof roleArn === 'string') needed.push({ action: 'iam:PassRole', resources: [roleArn] });
    return needed;
  }

  private withResourceTags(context: Record<string, string[]>, resource: string): Record<string, string[]> {
    const tags = resource === '*' || !this.deps.resourceTags ? [] : this.deps.resourceTags(resource);
    if (tags.length === 0) return context;
    const out = { ...context };
    for (const t of tags) out[`aws:resourcetag/${t.key.toLowerCase()}`] = [t.value];
    return out;
  }

  private entityOf(principal: Principal): UserRecord | RoleRecord | undefined {
    if (principal.kind === 'user') return this.deps.store.get<UserRecord>(principal.account, 'user', principal.name);
    if (principal.kind === 'assumed-role') return this.deps.store.get<RoleRecord>(principal.account, 'role', principal.name);
    return undefined;
  }
}

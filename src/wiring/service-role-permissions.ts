import { randomUUID } from 'node:crypto';
import type { Iam, Principal, RecentDenials, RoleRecord } from '../iam/index.js';
import { ActionFailure, type ActionJob, type ActionProvider, type ProviderLookup } from '../providers/index.js';
import { formatArn, type Clock } from '../shared/index.js';
import type { IamStore } from '../store/index.js';

/** One permission an action's role needs, and the words AWS's failure puts around a refusal of it. */
interface RoleNeed {
  action: string;
  resource: string;
  /** AWS's prefix and suffix around the refusal in the action's error message. */
  wrap: (message: string) => string;
}

const AWS_SDK_ERROR = (call: string, service: string) => (message: string) =>
  `Error calling ${call}: ${message} (Service: ${service}; Status Code: 400; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`;
const plain = (message: string) => message; // wording inferred

/** What each emulated AWS action type calls with the pipeline's role (the Service Authorization Reference's actions). */
function needsOf(job: ActionJob): RoleNeed[] {
  const { category, owner, provider } = job.actionTypeId;
  if (owner !== 'AWS') return [];
  const arn = (service: string, resource: string) => formatArn({ service, region: job.region, account: job.account, resource });
  const c = job.configuration;
  if (provider === 'CodeBuild') return [{ action: 'codebuild:StartBuild', resource: arn('codebuild', `project/${c.ProjectName}`), wrap: AWS_SDK_ERROR('startBuild', 'AWSCodeBuild') }];
  if (provider === 'CodeDeploy') return [{ action: 'codedeploy:CreateDeployment', resource: arn('codedeploy', `deploymentgroup:${c.ApplicationName}/${c.DeploymentGroupName}`), wrap: plain }];
  if (provider === 'CodeCommit' && category === 'Source') return [{ action: 'codecommit:GetBranch', resource: arn('codecommit', c.RepositoryName ?? '*'), wrap: plain }];
  if (provider === 'S3' && category === 'Source') return [{ action: 's3:GetObject', resource: `arn:aws:s3:::${c.S3Bucket}/${c.S3ObjectKey}`, wrap: plain }];
  if (provider === 'S3' && category === 'Deploy') return [{ action: 's3:PutObject', resource: `arn:aws:s3:::${c.BucketName}/${c.ObjectKey ?? '*'}`, wrap: plain }];
  if (provider === 'Lambda') return [{ action: 'lambda:InvokeFunction', resource: arn('lambda', `function:${c.FunctionName}`), wrap: plain }];
  return [];
}

/** The refusal of an action whose role may not do what it needs; undefined when it may. */
function refusal(iam: Iam, store: IamStore, job: ActionJob, clock: Clock, denials?: RecentDenials): ActionFailure | undefined {
  const needs = needsOf(job);
  if (needs.length === 0 || !job.roleArn) return undefined;
  const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(job.roleArn);
  const role = match ? store.get<RoleRecord>(match[1], 'role', match[2]) : undefined;
  if (!role || role.arn !== job.roleArn || !iam.sessions.trustsService(role, 'codepipeline.amazonaws.com')) {
    return new ActionFailure('PermissionError', `CodePipeline is not authorized to perform AssumeRole on role ${job.roleArn}`, false); // wording inferred
  }
  // CodePipeline's sessions are named by the time they start, as AWS's own role session names are.
  const sessionName = String(clock.now());
  const principal: Principal = { kind: 'assumed-role', account: match![1], arn: formatArn({ service: 'sts', account: match![1], resource: `assumed-role/${role.roleName}/${sessionName}` }), userId: `${role.roleId}:${sessionName}`, name: role.roleName, accessKeyId: '' };
  for (const need of needs) {
    const decision = iam.authorizer.decide(principal, { action: need.action, resource: need.resource, context: {} });
    if (decision !== 'Allow') {
      const why = decision === 'ExplicitDeny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${need.action} action`;
      const message = `User: ${principal.arn} is not authorized to perform: ${need.action} on resource: ${need.resource} ${why}`;
      denials?.record({ atMs: clock.now(), principalArn: principal.arn, action: need.action, resource: need.resource, message, where: `${job.pipelineName}/${job.stageName}/${job.actionName}` });
      return new ActionFailure('JobFailed', need.wrap(message), false);
    }
  }
  return undefined;
}

/**
 * With --iam, the providers as the engine finds them: each AWS action first checks that the pipeline's role allows
 * what the action calls (codebuild:StartBuild, codedeploy:CreateDeployment, s3:GetObject, ...), and fails with
 * AWS's message when it does not, as a real pipeline's action does.
 */
export function checkingServiceRoles(lookup: ProviderLookup, iam: Iam, store: IamStore, clock: Clock, denials?: RecentDenials): ProviderLookup {
  const wrapped = new WeakMap<ActionProvider, ActionProvider>();
  return {
    find(id) {
      const provider = lookup.find(id);
      if (!provider) return undefined;
      let checked = wrapped.get(provider);
      if (!checked) {
        checked = {
          type: provider.type,
          resumable: provider.resumable,
          async run(job, ctx) {
            const failure = refusal(iam, store, job, clock, denials);
            if (failure) throw failure;
            return provider.run(job, ctx);
          },
        };
        wrapped.set(provider, checked);
      }
      return checked;
    },
  };
}

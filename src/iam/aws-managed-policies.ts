import type { ManagedPolicyRecord } from './records.js';

const statement = (Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/**
 * The few AWS managed policies kept here (their documents as AWS publishes them, AWSCodePipeline_FullAccess cut to
 * the services emulated); attaching any other `arn:aws:iam::aws:policy/...` is refused as unknown.
 */
const DOCUMENTS: Record<string, string> = {
  AdministratorAccess: statement([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  PowerUserAccess: statement([
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'], Resource: '*' },
  ]),
  IAMFullAccess: statement([{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], Resource: '*' }]),
  AmazonS3FullAccess: statement([{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }]),
  AmazonS3ReadOnlyAccess: statement([{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }]),
  AWSCodePipeline_FullAccess: statement([{ Effect: 'Allow', Action: ['codepipeline:*', 'iam:ListRoles', 's3:ListAllMyBuckets', 'codecommit:ListBranches', 'codecommit:ListRepositories', 'codedeploy:GetApplication', 'codedeploy:BatchGetApplications', 'codedeploy:GetDeploymentGroup', 'codedeploy:BatchGetDeploymentGroups', 'codedeploy:ListApplications', 'codedeploy:ListDeploymentGroups'], Resource: '*' }]),
  AWSCodePipeline_ReadOnlyAccess: statement([{ Effect: 'Allow', Action: ['codepipeline:GetPipeline', 'codepipeline:GetPipelineExecution', 'codepipeline:GetPipelineState', 'codepipeline:ListActionExecutions', 'codepipeline:ListActionTypes', 'codepipeline:ListPipelineExecutions', 'codepipeline:ListPipelines', 'codepipeline:ListTagsForResource', 's3:ListAllMyBuckets'], Resource: '*' }]),
  AWSCodeBuildAdminAccess: statement([{ Effect: 'Allow', Action: ['codebuild:*', 'codecommit:GetBranch', 'codecommit:GetCommit', 'codecommit:GetRepository', 'codecommit:ListBranches', 'codecommit:ListRepositories'], Resource: '*' }]),
  AWSCodeDeployFullAccess: statement([{ Effect: 'Allow', Action: 'codedeploy:*', Resource: '*' }]),
};

/** An AWS managed policy by ARN (`arn:aws:iam::aws:policy/<name>`), or undefined for one not kept here. */
export function awsManagedPolicy(arn: string): ManagedPolicyRecord | undefined {
  const name = /^arn:aws:iam::aws:policy\/(?:service-role\/)?([\w+=,.@-]+)$/.exec(arn)?.[1];
  if (!name || !Object.hasOwn(DOCUMENTS, name)) return undefined;
  return { policyName: name, policyId: `ANPA${name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'A').slice(0, 17)}`, path: '/', arn, createdMs: 0, updatedMs: 0, defaultVersionId: 'v1', nextVersion: 2, versions: [{ versionId: 'v1', document: DOCUMENTS[name], createdMs: 0 }] };
}

/** Every AWS managed policy kept here, as ListPolicies with Scope All or AWS shows them. */
export function awsManagedPolicies(): ManagedPolicyRecord[] {
  return Object.keys(DOCUMENTS).map((name) => awsManagedPolicy(`arn:aws:iam::aws:policy/${name}`)!);
}

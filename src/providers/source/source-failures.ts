import { ActionFailure } from '../contract.js';

// The wording of these messages is inferred from CodeCommit's and S3's exception messages and CodePipeline's
// troubleshooting guide ("Could not access the CodeCommit repository ..."); AWS's exact texts are not documented.

/** The failures source actions report, with AWS-like messages. */
export const sourceFailures = {
  missingRepository: (name: string) =>
    new ActionFailure('ConfigurationError', `Could not access the CodeCommit repository ${name}. The repository ${name} does not exist.`, true),
  missingConnectionRepository: (fullRepositoryId: string, name: string) =>
    new ActionFailure(
      'ConfigurationError',
      `Could not access the repository ${fullRepositoryId}: codepipeline-local has no repository named ${name} (register a checkout with --repo ${name}=PATH or create it with CreateRepository).`,
      true,
    ),
  missingBranch: (repository: string, branch: string) =>
    new ActionFailure('ConfigurationError', `The branch ${branch} does not exist in the repository ${repository}.`, true),
  invalidBranch: (branch: string) => new ActionFailure('ConfigurationError', `The branch name ${JSON.stringify(branch)} is not a valid branch name.`, false),
  missingCommit: (repository: string, commitId: string) =>
    new ActionFailure('RevisionUnavailable', `The commit ${commitId} does not exist in the repository ${repository}.`, false),
  invalidCommitId: (value: string) => new ActionFailure('ConfigurationError', `The source revision ${JSON.stringify(value)} is not a commit ID.`, false),
  invalidFormat: (format: string) =>
    new ActionFailure('ConfigurationError', `OutputArtifactFormat must be CODE_ZIP or CODEBUILD_CLONE_REF, not ${JSON.stringify(format)}.`, false),
  invalidConnectionArn: (arn: string) =>
    new ActionFailure('ConfigurationError', `The connection ARN ${JSON.stringify(arn)} is not a valid CodeStar connection ARN.`, false),
  missingBucket: (bucket: string) => new ActionFailure('ConfigurationError', `Could not access the Amazon S3 bucket ${bucket}: The specified bucket does not exist.`, true),
  missingObject: (bucket: string, key: string) =>
    new ActionFailure('ConfigurationError', `Could not fetch the object ${key} from the Amazon S3 bucket ${bucket}: The specified key does not exist.`, true),
  invalidObjectName: (bucket: string, key: string) =>
    new ActionFailure('ConfigurationError', `The Amazon S3 location ${JSON.stringify(`${bucket}/${key}`)} is not a valid bucket name and object key.`, false),
  notAZip: (bucket: string, key: string) =>
    new ActionFailure('ConfigurationError', `The object ${key} in the Amazon S3 bucket ${bucket} is not a zip file. Source objects must be zip files.`, false),
  missingVersion: (bucket: string, key: string, versionId: string) =>
    new ActionFailure('RevisionUnavailable', `The version ${versionId} of the object ${key} in the Amazon S3 bucket ${bucket} is not available.`, false),
  keyOverrideNotAllowed: () =>
    new ActionFailure('ConfigurationError', 'The S3 object key cannot be overridden: set AllowOverrideForS3ObjectKey to true on the source action.', false),
  unsupportedOverride: (revisionType: string) =>
    new ActionFailure('ConfigurationError', `This source action does not accept a source revision of type ${revisionType}.`, false),
  aborted: () => new ActionFailure('JobFailed', 'The source action was stopped.', true),
} as const;

import { loadAwsModel } from '../../model/index.js';
import type { ServiceModel } from '../protocol/index.js';
import { FILE_AND_COMMIT_INPUTS } from './file-operations.js';

// CodeCommit checks its names itself and answers with its own exceptions (InvalidRepositoryNameException,
// RepositoryNameRequiredException, InvalidSortByException, ...) rather than a Coral ValidationException, so the
// dispatcher is given a copy of the model without the constraints those checks replace.
const UNCONSTRAINED_SHAPES = ['RepositoryName', 'BranchName', 'RepositoryDescription', 'SortByEnum', 'OrderEnum', 'FileContent', 'FileModeTypeEnum', 'KmsKeyId', 'MergeOptionTypeEnum', 'ConflictDetailLevelTypeEnum', 'ConflictResolutionStrategyTypeEnum', 'ReplacementTypeEnum', 'Title', 'Description', 'PullRequestStatusEnum', 'PullRequestEventType', 'RelativeFileVersionEnum', 'RepositoryTriggerEventEnum', 'ApprovalRuleTemplateName', 'ApprovalRuleTemplateContent', 'ApprovalRuleTemplateDescription', 'ApprovalRuleName', 'ApprovalRuleContent', 'ApprovalState', 'OverrideStatus'];
const OPTIONAL_MEMBERS_OF = [
  'CreateRepositoryInput',
  'GetRepositoryInput',
  'DeleteRepositoryInput',
  'UpdateRepositoryDescriptionInput',
  'GetBranchInput',
  'ListBranchesInput',
  'CreateBranchInput',
  'DeleteBranchInput',
  'GetCommitInput',
  'ListTagsForResourceInput',
  'TagResourceInput',
  'UntagResourceInput',
  ...FILE_AND_COMMIT_INPUTS,
];

/** The CodeCommit model as the dispatcher validates it: types only, where CodeCommit validates values itself. */
export function codeCommitModel(): ServiceModel {
  const model = structuredClone(loadAwsModel('codecommit')) as ServiceModel;
  for (const name of UNCONSTRAINED_SHAPES) {
    const { min: _min, max: _max, pattern: _pattern, enum: _enum, ...rest } = model.shapes[name];
    model.shapes[name] = rest;
  }
  for (const name of OPTIONAL_MEMBERS_OF) delete model.shapes[name].required;
  return model;
}

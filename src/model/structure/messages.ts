/**
 * The catalogue of structural problems: every exception name and message text lives here.
 * Each entry says where its wording comes from; "wording inferred" means no public source quotes
 * AWS's text, so it is written in AWS's style and names what is wrong and where.
 */
import type { ActionTypeId, RuleTypeId } from '../pipeline-declaration.js';
import type { StructureException, StructureProblem } from './problem.js';

const problem = (exception: StructureException, message: string): StructureProblem => ({ exception, message });
const structure = (message: string) => problem('InvalidStructureException', message);
const stage = (message: string) => problem('InvalidStageDeclarationException', message);
const action = (message: string) => problem('InvalidActionDeclarationException', message);

/** Problem builders, one per rule. */
export const problems = {
  // wording inferred
  artifactStoreChoice: () =>
    structure('Pipeline declaration must contain exactly one of artifactStore or artifactStores'),
  // wording inferred
  artifactStoresMissPipelineRegion: (region: string) =>
    structure(`artifactStores must contain an artifact store for the pipeline region '${region}'`),
  // wording inferred
  artifactStoreMissForAction: (actionName: string, region: string) =>
    structure(
      `No artifact store is declared for region '${region}', where action '${actionName}' runs. ` +
        'Cross-region actions need an artifactStores entry for their region',
    ),
  // verified: moto codepipeline/models.py (copied from AWS)
  tooFewStages: (count: number) =>
    structure(`Pipeline has only ${count} stage(s). There should be a minimum of 2 stages in a pipeline`),
  // wording inferred (modelled on the verified output-artifact message)
  duplicateStageName: (name: string) =>
    structure(`Stage name must be unique within the pipeline. ${name} has been used more than once.`),
  // wording inferred
  blockerNotSupported: (stageName: string, blockerName: string) =>
    problem(
      'InvalidBlockerDeclarationException',
      `Blocker ${blockerName} in stage ${stageName} is not valid. Blockers are reserved for future use.`,
    ),
  // wording inferred
  emptyStage: (stageName: string) => stage(`Stage ${stageName} must contain at least one action`),
  // wording inferred
  duplicateActionName: (stageName: string, actionName: string) =>
    stage(`Action name must be unique within stage ${stageName}. ${actionName} has been used more than once.`),
  // wording inferred
  nonSourceInFirstStage: (stageName: string, actionName: string) =>
    stage(
      `The first stage of a pipeline can contain only source actions. ` +
        `Stage ${stageName} contains action ${actionName}, which is not a source action.`,
    ),
  // wording inferred
  sourceOutsideFirstStage: (stageName: string, actionName: string) =>
    stage(
      `Only the first stage of a pipeline can contain source actions. ` +
        `Stage ${stageName} contains source action ${actionName}.`,
    ),
  // verified: aws-cdk#20987, hashicorp/terraform#29471, aws-samples/aws-codepipeline-third-party-git-repositories#3
  actionTypeNotAvailable: (id: ActionTypeId, actionName: string, regionCode: string) =>
    action(
      `ActionType (Category: '${id.category}', Provider: '${id.provider}', Owner: '${id.owner}', ` +
        `Version: '${id.version}') in action '${actionName}' is not available in region '${regionCode}'`,
    ),
  // wording inferred
  v2OnlyActionType: (actionName: string, provider: string) =>
    action(`Action ${actionName} uses the ${provider} action type, which can only be used with V2 pipelines`),
  // wording inferred
  crossRegionNotAllowed: (actionName: string, region: string, kind: string) =>
    action(
      `Action ${actionName} cannot run in region '${region}'. ` +
        `${kind} must run in the same region as the pipeline.`,
    ),
  // verified: awsdocs/aws-cloudformation-user-guide#941 (real AWS text)
  tooFewArtifacts: (actionName: string, direction: 'input' | 'output', count: number, min: number) =>
    action(`Action ${actionName} declares ${count} ${direction} artifacts which is less than the minimum count (${min})`),
  // wording inferred (mirror of the verified minimum-count message)
  tooManyArtifacts: (actionName: string, direction: 'input' | 'output', count: number, max: number) =>
    action(`Action ${actionName} declares ${count} ${direction} artifacts which is greater than the maximum count (${max})`),
  // wording inferred
  missingConfiguration: (actionName: string, key: string) =>
    action(`Action configuration for action '${actionName}' is missing required configuration '${key}'`),
  // wording inferred
  unknownConfiguration: (actionName: string, key: string) =>
    action(`Action configuration for action '${actionName}' contains unknown configuration '${key}'`),
  // wording inferred
  timeoutNotAllowed: (actionName: string) =>
    action(`Action ${actionName} cannot set timeoutInMinutes. Only manual approval actions support timeoutInMinutes.`),
  // verified: terraform-provider-aws#42997 (real AWS text)
  commandsMissing: (actionName: string) => action(`Action ${actionName} must have a non-empty commands field`),
  // wording inferred: AWS documents that multi-line commands are not supported, not the refusal's text
  multiLineCommand: (actionName: string, index: number) =>
    action(`Action ${actionName} has a multi-line command at position ${index}: each entry of commands must be a single line`),
  // partly verified: aws-cdk#38849 quotes the start and end; the action name in the middle is inferred
  commandsNotAllowed: (actionName: string) =>
    action(
      `The following action cannot contain a commands field: ${actionName}. ` +
        'To use the commands field, use a compute action.',
    ),
  // verified: cfn-lint#1688 (real AWS text; exception name inferred)
  outputArtifactNotUnique: (name: string) =>
    structure(`Output Artifact Bundle name must be unique within the pipeline. ${name} has been used more than once.`),
  // wording inferred
  duplicateInputArtifact: (actionName: string, name: string) =>
    action(`Action ${actionName} declares input artifact ${name} more than once`),
  // wording inferred
  inputArtifactNotProduced: (actionName: string, name: string) =>
    structure(`Input Artifact Bundle ${name} in action ${actionName} is not the output of any action in the pipeline.`),
  // wording inferred
  inputArtifactNotEarlier: (actionName: string, name: string, producer: string) =>
    structure(
      `Input Artifact Bundle ${name} in action ${actionName} is produced by action ${producer}, ` +
        `which does not run before action ${actionName}.`,
    ),
  // verified: aws-cdk#6111, aws-cdk#16142 (real AWS text)
  namespaceNotUnique: (stageName: string, actionName: string, namespace: string) =>
    action(
      'Namespaces must be unique across the pipeline definition. The following occur more than once in the pipeline. ' +
        `StageName=[${stageName}], ActionName=[${actionName}], Namespace=[${namespace}]`,
    ),
  // verified: cloudposse/terraform-aws-ecs-codepipeline#145 (real AWS text)
  tagTriggersNeedV2: () => structure('Triggers on tag can only be used with V2 pipelines'),
  // wording inferred (modelled on the verified tag-trigger message)
  needsV2: (feature: string) => structure(`${feature} can only be used with V2 pipelines`),
  // wording inferred
  parallelRollback: (stageName: string) =>
    structure(`Stage ${stageName} declares onFailure result ROLLBACK, which is not supported in PARALLEL execution mode`),
  // wording inferred
  triggerSourceAction: (name: string) =>
    structure(`The trigger source action '${name}' must be a CodeStarSourceConnection source action of the pipeline`),
  // wording inferred
  duplicateTrigger: (name: string) => structure(`Only one trigger can be declared for source action '${name}'`),
  // verified: terraform-provider-aws#43105 (real AWS text)
  triggerFilters: () =>
    structure('The trigger configuration for the source action is not valid. Make sure to choose valid filter combinations.'),
  // wording inferred (modelled on the verified output-artifact message)
  duplicateVariable: (name: string) =>
    structure(`Pipeline variable name must be unique within the pipeline. ${name} has been used more than once.`),
  // wording inferred (conditions: every message below)
  conditionResult: (stageName: string, kind: string, result: string, allowed: readonly string[]) =>
    structure(`Stage ${stageName} declares result ${result} for its ${kind} conditions, which is not supported. Supported results: ${allowed.join(', ')}`),
  conditionWithoutRules: (stageName: string, kind: string) => structure(`The ${kind} condition of stage ${stageName} must contain at least one rule`),
  duplicateRuleName: (stageName: string, ruleName: string) =>
    structure(`Rule name must be unique within a condition of stage ${stageName}. ${ruleName} has been used more than once.`),
  // modelled on the verified ActionType message
  ruleTypeNotAvailable: (stageName: string, ruleName: string, id: RuleTypeId) =>
    structure(
      `RuleType (Category: '${id.category}', Provider: '${id.provider}', Owner: '${id.owner ?? 'AWS'}', Version: '${id.version ?? '1'}') ` +
        `in rule '${ruleName}' of stage '${stageName}' is not available`,
    ),
  ruleMissingConfiguration: (ruleName: string, key: string) => structure(`Rule configuration for rule '${ruleName}' is missing required configuration '${key}'`),
  ruleUnknownConfiguration: (ruleName: string, key: string) => structure(`Rule configuration for rule '${ruleName}' contains unknown configuration '${key}'`),
  ruleTooManyInputs: (ruleName: string, count: number, max: number) =>
    structure(`Rule ${ruleName} declares ${count} input artifacts which is greater than the maximum count (${max})`),
  ruleCommandsMissing: (ruleName: string) => structure(`Rule ${ruleName} must have a non-empty commands field`),
  ruleCommandsNotAllowed: (ruleName: string) => structure(`The following rule cannot contain a commands field: ${ruleName}. To use the commands field, use a Commands rule.`),
};

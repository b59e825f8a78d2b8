import { autoRollbackProblem, lookupConfig, effectiveFilterType, type TagFilter } from '../../codedeploy/index.js';
import type { AutoRollbackConfiguration, Scope } from '../../store/index.js';
import type { CodeDeployDeps } from './deps.js';
import * as errors from './errors.js';

/** The members of CreateDeploymentGroup and UpdateDeploymentGroup that the checks look at. */
export interface GroupSettings {
  deploymentConfigName?: string;
  ec2TagFilters?: TagFilter[];
  onPremisesInstanceTagFilters?: TagFilter[];
  ec2TagSet?: { ec2TagSetList?: TagFilter[][] };
  onPremisesTagSet?: { onPremisesTagSetList?: TagFilter[][] };
  autoScalingGroups?: string[];
  autoRollbackConfiguration?: AutoRollbackConfiguration;
  deploymentStyle?: { deploymentType?: string; deploymentOption?: string };
}

// Most messages below are the exceptions' documented descriptions; AWS's exact texts are not published.

function checkFilters(filters: TagFilter[], onPremises: boolean): void {
  for (const filter of filters) {
    if (effectiveFilterType(filter) === undefined || (filter.Key === undefined && filter.Value === undefined)) {
      const Exception = onPremises ? errors.InvalidTagException : errors.InvalidEC2TagException;
      throw new Exception(`The tag filter ${JSON.stringify(filter)} was specified in an invalid format.`);
    }
  }
}

function checkTargeting(group: GroupSettings): void {
  if (group.ec2TagFilters?.length && group.ec2TagSet?.ec2TagSetList?.length) {
    throw new errors.InvalidEC2TagCombinationException(
      'A call was submitted that specified both Ec2TagFilters and Ec2TagSet, but only one of these data types can be used in a single call.',
    );
  }
  if (group.onPremisesInstanceTagFilters?.length && group.onPremisesTagSet?.onPremisesTagSetList?.length) {
    throw new errors.InvalidOnPremisesTagCombinationException(
      'A call was submitted that specified both OnPremisesTagFilters and OnPremisesTagSet, but only one of these data types can be used in a single call.',
    );
  }
  for (const set of [group.ec2TagSet?.ec2TagSetList, group.onPremisesTagSet?.onPremisesTagSetList]) {
    if ((set?.length ?? 0) > 3) throw new errors.TagSetListLimitExceededException('The number of tag groups included in the tag set list exceeded the maximum allowed limit of 3.');
  }
  checkFilters([...(group.ec2TagFilters ?? []), ...(group.ec2TagSet?.ec2TagSetList ?? []).flat()], false);
  checkFilters([...(group.onPremisesInstanceTagFilters ?? []), ...(group.onPremisesTagSet?.onPremisesTagSetList ?? []).flat()], true);
}

/** Checks the settings of a deployment group as AWS does, and refuses what the emulator cannot run with a clear message. */
export function checkGroupSettings(deps: CodeDeployDeps, scope: Scope, group: GroupSettings, computePlatform: 'Server' | 'Lambda' | 'ECS' = 'Server'): void {
  checkTargeting(group);
  const config = group.deploymentConfigName !== undefined ? lookupConfig(deps.store, scope, group.deploymentConfigName) : undefined;
  if (group.deploymentConfigName !== undefined && !config) {
    throw new errors.DeploymentConfigDoesNotExistException(`No deployment configuration found for name: ${group.deploymentConfigName}`);
  }
  if (config && config.computePlatform !== computePlatform) {
    throw new errors.InvalidDeploymentConfigNameException(`The deployment configuration ${config.deploymentConfigName} is for the ${config.computePlatform} compute platform, not ${computePlatform}.`); // wording inferred
  }
  if (computePlatform === 'Lambda') return checkLambdaGroup(group);
  const rollbackProblem = autoRollbackProblem(group.autoRollbackConfiguration);
  if (rollbackProblem) throw new errors.InvalidAutoRollbackConfigException(rollbackProblem);
  if (group.autoScalingGroups?.length) {
    throw new errors.InvalidAutoScalingGroupException('codepipeline-local has no Auto Scaling groups: select the local instances with ec2TagFilters, ec2TagSet or onPremisesInstanceTagFilters.');
  }
  if (group.deploymentStyle?.deploymentType === 'BLUE_GREEN') {
    throw new errors.InvalidDeploymentStyleException('codepipeline-local emulates in-place deployments only: use deploymentType IN_PLACE.');
  }
}

/** A Lambda group targets no instances; its style, when given, is the only one Lambda has: BLUE_GREEN with traffic control. */
function checkLambdaGroup(group: GroupSettings): void {
  const targeting = [group.ec2TagFilters, group.onPremisesInstanceTagFilters, group.ec2TagSet?.ec2TagSetList, group.onPremisesTagSet?.onPremisesTagSetList, group.autoScalingGroups];
  if (targeting.some((t) => t?.length)) {
    throw new errors.InvalidInputException('A deployment group for the Lambda compute platform does not target instances: remove the tag filters, tag sets and Auto Scaling groups.'); // wording inferred
  }
  const style = group.deploymentStyle;
  if (style && (style.deploymentType !== undefined && style.deploymentType !== 'BLUE_GREEN' || style.deploymentOption !== undefined && style.deploymentOption !== 'WITH_TRAFFIC_CONTROL')) {
    throw new errors.InvalidDeploymentStyleException('A Lambda deployment group has deploymentType BLUE_GREEN and deploymentOption WITH_TRAFFIC_CONTROL.'); // wording inferred
  }
  const rollbackProblem = autoRollbackProblem(group.autoRollbackConfiguration);
  if (rollbackProblem) throw new errors.InvalidAutoRollbackConfigException(rollbackProblem);
}

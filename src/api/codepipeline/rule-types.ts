import type { ListRuleTypesInput, ListRuleTypesOutput } from '@aws-sdk/client-codepipeline';
import { ruleTypes } from '../../model/index.js';
import type { HandlerInput, HandlerOutput } from '../protocol/index.js';

/** ListRuleTypes: every rule type (all owned by AWS), whatever the region filter; not paginated. */
export function listRuleTypes(input: HandlerInput<ListRuleTypesInput>): HandlerOutput<ListRuleTypesOutput> {
  return { ruleTypes: ruleTypes.filter((t) => !input.ruleOwnerFilter || t.id.owner === input.ruleOwnerFilter) };
}

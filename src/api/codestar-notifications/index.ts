import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import type { CodeStarNotificationsDeps } from './deps.js';
import type { CodeStarNotificationsOperations } from './operations.js';
import { createNotificationRule, deleteNotificationRule, describeNotificationRule, listNotificationRules, updateNotificationRule } from './rules.js';
import { deleteTarget, listEventTypes, listTagsForResource, listTargets, subscribe, tagResource, unsubscribe, untagResource } from './targets.js';

export type { CodeStarNotificationsDeps } from './deps.js';
export type { CodeStarNotificationsOperations } from './operations.js';

/** The CodeStar Notifications service (rest-json): notification rules, their targets, event types and tags. */
export function codeStarNotificationsService(deps: CodeStarNotificationsDeps): ServiceDefinition {
  return defineService<CodeStarNotificationsOperations>(lazyAwsModel('codestar-notifications') as LazyModel, {
    CreateNotificationRule: (input, ctx) => createNotificationRule(deps, input, ctx),
    DescribeNotificationRule: (input) => describeNotificationRule(deps, input),
    ListNotificationRules: (input, ctx) => listNotificationRules(deps, input, ctx),
    UpdateNotificationRule: (input) => updateNotificationRule(deps, input),
    DeleteNotificationRule: (input) => deleteNotificationRule(deps, input),
    Subscribe: (input) => subscribe(deps, input),
    Unsubscribe: (input) => unsubscribe(deps, input),
    ListTargets: (input, ctx) => listTargets(deps, input, ctx),
    DeleteTarget: (input, ctx) => deleteTarget(deps, input, ctx),
    ListEventTypes: (input) => listEventTypes(input),
    TagResource: (input) => tagResource(deps, input),
    UntagResource: (input) => untagResource(deps, input),
    ListTagsForResource: (input) => listTagsForResource(deps, input),
  });
}

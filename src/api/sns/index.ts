import { lazyAwsModel } from '../../model/index.js';
import { defineService, type LazyModel, type ServiceDefinition } from '../protocol/index.js';
import type { SnsDeps } from './deps.js';
import type { SnsOperations } from './operations.js';
import {
  confirmSubscription,
  getSubscriptionAttributes,
  listSubscriptions,
  listSubscriptionsByTopic,
  setSubscriptionAttributes,
  subscribe,
  unsubscribe,
} from './subscriptions.js';
import { createTopic, deleteTopic, getTopicAttributes, listTagsForResource, listTopics, publish, setTopicAttributes, tagResource, untagResource } from './topics.js';

export type { SnsDeps } from './deps.js';
export type { SnsOperations } from './operations.js';

/** The SNS service (query protocol): topics, subscriptions, Publish and tags; the rest answer NotImplementedException. */
export function snsService(deps: SnsDeps): ServiceDefinition {
  return defineService<SnsOperations>(lazyAwsModel('sns') as LazyModel, {
    CreateTopic: (input, ctx) => createTopic(deps, input, ctx),
    DeleteTopic: (input) => deleteTopic(deps, input),
    ListTopics: (input, ctx) => listTopics(deps, input, ctx),
    GetTopicAttributes: (input) => getTopicAttributes(deps, input),
    SetTopicAttributes: (input) => setTopicAttributes(deps, input),
    Subscribe: (input, ctx) => subscribe(deps, input, ctx),
    ConfirmSubscription: (input) => confirmSubscription(deps, input),
    Unsubscribe: (input) => unsubscribe(deps, input),
    ListSubscriptions: (input, ctx) => listSubscriptions(deps, input, ctx),
    ListSubscriptionsByTopic: (input, ctx) => listSubscriptionsByTopic(deps, input, ctx),
    GetSubscriptionAttributes: (input) => getSubscriptionAttributes(deps, input),
    SetSubscriptionAttributes: (input) => setSubscriptionAttributes(deps, input),
    Publish: (input) => publish(deps, input),
    TagResource: (input) => tagResource(deps, input),
    UntagResource: (input) => untagResource(deps, input),
    ListTagsForResource: (input) => listTagsForResource(deps, input),
  });
}

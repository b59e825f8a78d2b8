import type {
  ConfirmSubscriptionInput,
  ConfirmSubscriptionResponse,
  GetSubscriptionAttributesInput,
  GetSubscriptionAttributesResponse,
  ListSubscriptionsByTopicInput,
  ListSubscriptionsByTopicResponse,
  ListSubscriptionsInput,
  ListSubscriptionsResponse,
  SetSubscriptionAttributesInput,
  SubscribeInput,
  SubscribeResponse,
  UnsubscribeInput,
} from '@aws-sdk/client-sns';
import type { SnsSubscriptionRecord } from '../../store/index.js';
import { pageByOffset, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import type { SnsDeps } from './deps.js';
import { invalidNextToken, snsCall } from './refusals.js';
import { SNS_PAGE_SIZE } from './topics.js';

/** A subscription as the List operations show it: `PendingConfirmation` in place of the ARN until confirmed. */
function summary(sub: SnsSubscriptionRecord) {
  return { SubscriptionArn: sub.confirmed ? sub.arn : 'PendingConfirmation', Owner: sub.owner, Protocol: sub.protocol, Endpoint: sub.endpoint, TopicArn: sub.topicArn };
}

/** Subscribe. */
export function subscribe(deps: SnsDeps, input: HandlerInput<SubscribeInput>, ctx: RequestContext): HandlerOutput<SubscribeResponse> {
  const request = { topicArn: input.TopicArn, protocol: input.Protocol, endpoint: input.Endpoint, attributes: input.Attributes ?? {}, returnSubscriptionArn: input.ReturnSubscriptionArn ?? false };
  return { SubscriptionArn: snsCall(() => deps.sns.subscriptions.subscribe(ctx, request)) };
}

/** ConfirmSubscription (also reached by a GET of a SubscriptionConfirmation's SubscribeURL). */
export function confirmSubscription(deps: SnsDeps, input: HandlerInput<ConfirmSubscriptionInput>): HandlerOutput<ConfirmSubscriptionResponse> {
  return { SubscriptionArn: snsCall(() => deps.sns.subscriptions.confirm(input.TopicArn, input.Token)) };
}

/** Unsubscribe (also reached by a GET of a Notification's UnsubscribeURL). */
export function unsubscribe(deps: SnsDeps, input: HandlerInput<UnsubscribeInput>): NoOutput {
  snsCall(() => deps.sns.subscriptions.unsubscribe(input.SubscriptionArn));
  return {};
}

/** ListSubscriptions, 100 a page. */
export function listSubscriptions(deps: SnsDeps, input: HandlerInput<ListSubscriptionsInput>, ctx: RequestContext): HandlerOutput<ListSubscriptionsResponse> {
  const page = pageByOffset(deps.sns.subscriptions.list(ctx), input.NextToken, SNS_PAGE_SIZE, invalidNextToken);
  return { Subscriptions: page.items.map(summary), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** ListSubscriptionsByTopic, 100 a page. */
export function listSubscriptionsByTopic(deps: SnsDeps, input: HandlerInput<ListSubscriptionsByTopicInput>, ctx: RequestContext): HandlerOutput<ListSubscriptionsByTopicResponse> {
  const all = snsCall(() => deps.sns.subscriptions.list(ctx, input.TopicArn));
  const page = pageByOffset(all, input.NextToken, SNS_PAGE_SIZE, invalidNextToken);
  return { Subscriptions: page.items.map(summary), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** GetSubscriptionAttributes. */
export function getSubscriptionAttributes(deps: SnsDeps, input: HandlerInput<GetSubscriptionAttributesInput>): HandlerOutput<GetSubscriptionAttributesResponse> {
  return { Attributes: snsCall(() => deps.sns.subscriptions.attributes(input.SubscriptionArn)) };
}

/** SetSubscriptionAttributes. */
export function setSubscriptionAttributes(deps: SnsDeps, input: HandlerInput<SetSubscriptionAttributesInput>): NoOutput {
  snsCall(() => deps.sns.subscriptions.setAttribute(input.SubscriptionArn, input.AttributeName, input.AttributeValue));
  return {};
}

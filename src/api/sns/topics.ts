import type {
  CreateTopicInput,
  CreateTopicResponse,
  DeleteTopicInput,
  GetTopicAttributesInput,
  GetTopicAttributesResponse,
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  ListTopicsInput,
  ListTopicsResponse,
  PublishInput,
  PublishResponse,
  SetTopicAttributesInput,
  TagResourceRequest,
  UntagResourceRequest,
} from '@aws-sdk/client-sns';
import { pageByOffset, type HandlerInput, type HandlerOutput, type NoOutput, type RequestContext } from '../protocol/index.js';
import type { SnsDeps } from './deps.js';
import * as errors from './errors.js';
import { invalidNextToken, snsCall } from './refusals.js';

/** SNS pages its lists by 100. */
export const SNS_PAGE_SIZE = 100;

/** CreateTopic. */
export function createTopic(deps: SnsDeps, input: HandlerInput<CreateTopicInput>, ctx: RequestContext): HandlerOutput<CreateTopicResponse> {
  const tags = (input.Tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));
  return { TopicArn: snsCall(() => deps.sns.createTopic(ctx, input.Name, input.Attributes ?? {}, tags)).arn };
}

/** DeleteTopic. */
export function deleteTopic(deps: SnsDeps, input: HandlerInput<DeleteTopicInput>): NoOutput {
  snsCall(() => deps.sns.deleteTopic(input.TopicArn));
  return {};
}

/** ListTopics, 100 a page. */
export function listTopics(deps: SnsDeps, input: HandlerInput<ListTopicsInput>, ctx: RequestContext): HandlerOutput<ListTopicsResponse> {
  const page = pageByOffset(deps.sns.topics(ctx), input.NextToken, SNS_PAGE_SIZE, invalidNextToken);
  return { Topics: page.items.map((t) => ({ TopicArn: t.arn })), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
}

/** GetTopicAttributes. */
export function getTopicAttributes(deps: SnsDeps, input: HandlerInput<GetTopicAttributesInput>): HandlerOutput<GetTopicAttributesResponse> {
  return { Attributes: snsCall(() => deps.sns.topicAttributes(input.TopicArn)) };
}

/** SetTopicAttributes. */
export function setTopicAttributes(deps: SnsDeps, input: HandlerInput<SetTopicAttributesInput>): NoOutput {
  snsCall(() => deps.sns.setTopicAttribute(input.TopicArn, input.AttributeName, input.AttributeValue));
  return {};
}

/** Publish to a topic (TargetArn may name one too); phone numbers and platform endpoints are not emulated. */
export function publish(deps: SnsDeps, input: HandlerInput<PublishInput>): HandlerOutput<PublishResponse> {
  if (input.PhoneNumber !== undefined) throw new errors.InvalidParameterException('Invalid parameter: PhoneNumber Reason: SMS is not emulated by codepipeline-local');
  const topicArn = input.TopicArn ?? input.TargetArn;
  if (topicArn === undefined) throw new errors.InvalidParameterException('Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter');
  if (input.MessageGroupId !== undefined || input.MessageDeduplicationId !== undefined) {
    throw new errors.InvalidParameterException('Invalid parameter: The request includes MessageGroupId parameter that is not valid for this topic type');
  }
  const attributes = Object.fromEntries(
    Object.entries(input.MessageAttributes ?? {}).map(([name, a]) => [
      name,
      { DataType: a.DataType, ...(a.StringValue !== undefined ? { StringValue: a.StringValue } : {}), ...(a.BinaryValue !== undefined ? { BinaryValue: Buffer.from(a.BinaryValue).toString('base64') } : {}) },
    ]),
  );
  const messageId = snsCall(() => deps.sns.publish(topicArn, { Message: input.Message, Subject: input.Subject, MessageStructure: input.MessageStructure, MessageAttributes: attributes }));
  return { MessageId: messageId };
}

/** TagResource. */
export function tagResource(deps: SnsDeps, input: HandlerInput<TagResourceRequest>): NoOutput {
  snsCall(() => deps.sns.tag(input.ResourceArn, input.Tags.map((t) => ({ key: t.Key, value: t.Value }))));
  return {};
}

/** UntagResource. */
export function untagResource(deps: SnsDeps, input: HandlerInput<UntagResourceRequest>): NoOutput {
  snsCall(() => deps.sns.untag(input.ResourceArn, input.TagKeys));
  return {};
}

/** ListTagsForResource. */
export function listTagsForResource(deps: SnsDeps, input: HandlerInput<ListTagsForResourceRequest>): HandlerOutput<ListTagsForResourceResponse> {
  return { Tags: snsCall(() => deps.sns.tagsOf(input.ResourceArn)).map((t) => ({ Key: t.key, Value: t.value })) };
}

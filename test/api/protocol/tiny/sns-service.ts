import type { CreateTopicInput, GetTopicAttributesInput, ListTagsForResourceRequest, Tag } from '@aws-sdk/client-sns';
import { modelledError, type RequestContext, type ServiceDefinition } from '../../../../src/api/protocol/index.js';
import { botocoreModel } from './botocore-model.js';

/** A test-only SNS over the real botocore model (query protocol): topics with attributes and tags, nothing else. */
export function tinySns(): ServiceDefinition {
  const model = botocoreModel('sns');
  const NotFoundException = modelledError(model, 'NotFoundException');
  const topics = new Map<string, { attributes: Record<string, string>; tags: Tag[] }>();
  const find = (arn: string) => {
    const topic = topics.get(arn);
    if (!topic) throw new NotFoundException(`Topic does not exist: ${arn}`);
    return topic;
  };
  return {
    model,
    handlers: {
      CreateTopic(input: CreateTopicInput, ctx: RequestContext) {
        const arn = `arn:aws:sns:${ctx.region}:${ctx.account}:${input.Name}`;
        topics.set(arn, { attributes: { ...input.Attributes, TopicArn: arn }, tags: input.Tags ?? [] });
        return { TopicArn: arn };
      },
      ListTopics: () => ({ Topics: [...topics.keys()].map((TopicArn) => ({ TopicArn })) }),
      GetTopicAttributes: (input: GetTopicAttributesInput) => ({ Attributes: find(input.TopicArn!).attributes }),
      ListTagsForResource: (input: ListTagsForResourceRequest) => ({ Tags: find(input.ResourceArn!).tags }),
    },
  };
}

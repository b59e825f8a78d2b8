import type { Scope, Tag } from '../model/index.js';
import type { SnsStore, SnsSubscriptionRecord, SnsTopicRecord, TagStore } from '../store/index.js';
import { FanOut, type FanOutDeps } from './fan-out.js';
import type { DeliveryRecord } from './delivery-log.js';
import { checkPublish, messageFor, type PublishRequest } from './publish-input.js';
import { checkTopicArn, checkTopicName, topicArnOf } from './sns-arns.js';
import { invalidParameter, SnsRefusal } from './sns-refusal.js';
import { Subscriptions } from './subscriptions.js';
import { checkTopicAttribute, topicAttributes } from './topic-attributes.js';

/** What SNS needs: its store, the tag store, and what delivering needs; `autoConfirm` confirms new subscriptions at once. */
export interface SnsServiceDeps extends FanOutDeps {
  store: SnsStore;
  tags: TagStore;
  autoConfirm: boolean;
}

/** SNS's limit of tags on one resource. */
export const SNS_TAG_LIMIT = 50;

const sameTags = (a: Tag[], b: Tag[]) => JSON.stringify([...a].sort((x, y) => x.key.localeCompare(y.key))) === JSON.stringify([...b].sort((x, y) => x.key.localeCompare(y.key)));

/** SNS topics, subscriptions and publishing, over the store, with deliveries in the background. */
export class SnsService {
  readonly subscriptions: Subscriptions;
  private readonly fanOut: FanOut;

  constructor(private readonly deps: SnsServiceDeps) {
    this.fanOut = new FanOut(deps);
    this.subscriptions = new Subscriptions({ ...deps, fanOut: this.fanOut, topic: (arn) => this.topic(arn) });
  }

  /** CreateTopic: a new topic, or the existing one of that name when its attributes and tags are the same. */
  createTopic(scope: Scope, name: string, attributes: Record<string, string>, tags: Tag[]): SnsTopicRecord {
    checkTopicName(name);
    Object.entries(attributes).forEach(([k, v]) => checkTopicAttribute(k, v));
    const arn = topicArnOf(scope, name);
    const existing = this.deps.store.topic(arn);
    if (existing) {
      const differs = Object.entries(attributes).some(([k, v]) => (existing.attributes[k] ?? '') !== v);
      if (differs) throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      if (tags.length && !sameTags(tags, this.deps.tags.list(arn))) throw invalidParameter('Tags Reason: Topic already exists with different tags');
      return existing;
    }
    const topic = { ...scope, arn, name, attributes: { ...attributes }, createdMs: this.deps.clock.now() };
    this.deps.store.putTopic(topic);
    if (tags.length) this.tag(arn, tags);
    return topic;
  }

  /** DeleteTopic: removes the topic, its subscriptions and tags; deleting a topic that does not exist is no error. */
  deleteTopic(arn: string): void {
    checkTopicArn(arn);
    this.deps.store.deleteTopic(arn);
    this.deps.tags.removeAll(arn);
  }

  /** The scope's topics in the order created. */
  topics(scope: Scope): SnsTopicRecord[] {
    return this.deps.store.topics(scope);
  }

  /** The topic of an ARN, or NotFound. */
  topic(arn: string): SnsTopicRecord {
    checkTopicArn(arn);
    const topic = this.deps.store.topic(arn);
    if (!topic) throw new SnsRefusal('NotFound', 'Topic does not exist');
    return topic;
  }

  /** The topic of an ARN, or undefined (for publishers inside the emulator). */
  findTopic(arn: string): SnsTopicRecord | undefined {
    return this.deps.store.topic(arn);
  }

  /** GetTopicAttributes. */
  topicAttributes(arn: string): Record<string, string> {
    const topic = this.topic(arn);
    return topicAttributes(topic, this.deps.store.subscriptionsOf(arn));
  }

  /** SetTopicAttributes: one attribute; an empty value removes it. */
  setTopicAttribute(arn: string, name: string, value: string | undefined): void {
    const topic = this.topic(arn);
    if (name === 'FifoTopic') throw invalidParameter('AttributeName');
    checkTopicAttribute(name, value ?? '');
    const attributes = { ...topic.attributes };
    if (value === undefined || value === '') delete attributes[name];
    else attributes[name] = value;
    this.deps.store.putTopic({ ...topic, attributes });
  }

  /** Publish to a topic: one message id, sent to each confirmed subscription in the background. */
  publish(topicArn: string, input: Parameters<typeof checkPublish>[0]): string {
    const topic = this.topic(topicArn);
    return this.publishChecked(topic, checkPublish(input));
  }

  /** Publishes a message made inside the emulator (approval requests, notification rules) to a topic that exists. */
  publishInternal(topic: SnsTopicRecord, message: string, subject?: string): string {
    return this.publishChecked(topic, { message, subject, attributes: {} });
  }

  /** The recent deliveries, for the console and `/_aws/sns/deliveries`. */
  deliveries(filter: { topicArn?: string; failedOnly?: boolean } = {}): DeliveryRecord[] {
    return this.fanOut.log.list(filter);
  }

  /** TagResource on a topic. */
  tag(arn: string, tags: Tag[]): void {
    this.requireTaggable(arn);
    if (!this.deps.tags.put(arn, tags, SNS_TAG_LIMIT)) throw new SnsRefusal('TagLimitExceeded', 'Could not complete request: tag quota of per resource exceeded');
  }

  /** UntagResource on a topic. */
  untag(arn: string, keys: string[]): void {
    this.requireTaggable(arn);
    this.deps.tags.remove(arn, keys);
  }

  /** ListTagsForResource on a topic. */
  tagsOf(arn: string): Tag[] {
    this.requireTaggable(arn);
    return this.deps.tags.list(arn);
  }

  /** Stops retrying deliveries, for shutdown. */
  close(): void {
    this.fanOut.close();
  }

  private requireTaggable(arn: string): void {
    if (!this.deps.store.topic(arn)) throw new SnsRefusal('ResourceNotFound', 'Resource does not exist'); // wording inferred
  }

  private publishChecked(topic: SnsTopicRecord, request: PublishRequest): string {
    const messageId = this.deps.ids.uuid();
    const timestampMs = this.deps.clock.now();
    const subs: SnsSubscriptionRecord[] = this.deps.store.subscriptionsOf(topic.arn).filter((s) => s.confirmed);
    for (const sub of subs) {
      const msg = { messageId, topicArn: topic.arn, message: messageFor(request, sub.protocol), subject: request.subject, attributes: request.attributes, timestampMs };
      try {
        this.fanOut.notify(sub, topic, msg);
      } catch (err) {
        // One subscription's failure (its mailbox write) must not keep the message from the others.
        this.deps.log.warn({ err, subscriptionArn: sub.arn }, 'could not deliver an SNS message');
      }
    }
    return messageId;
  }
}

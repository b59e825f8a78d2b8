import type { SnsSubscriptionRecord, SnsTopicRecord } from '../store/index.js';
import { DEFAULT_RETRY_POLICY, retryPolicyOf } from './retry-policy.js';
import { invalidParameter } from './sns-refusal.js';

/** The topic attributes SetTopicAttributes and CreateTopic accept here (FIFO, KMS and feedback roles are not emulated). */
export const SETTABLE_TOPIC_ATTRIBUTES = ['DisplayName', 'Policy', 'DeliveryPolicy', 'TracingConfig', 'SignatureVersion'] as const;

/** The access policy SNS gives a new topic: the owner's account may do everything with it. */
function defaultPolicy(topic: SnsTopicRecord): string {
  const actions = ['GetTopicAttributes', 'SetTopicAttributes', 'AddPermission', 'RemovePermission', 'DeleteTopic', 'Subscribe', 'ListSubscriptionsByTopic', 'Publish'];
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: actions.map((a) => `SNS:${a}`),
        Resource: topic.arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': topic.account } },
      },
    ],
  });
}

/** The topic's effective HTTP delivery policy, as GetTopicAttributes shows it. */
function effectiveDeliveryPolicy(topic: SnsTopicRecord): string {
  const given = topic.attributes.DeliveryPolicy;
  const policy = given ? retryPolicyOf(undefined, given) : DEFAULT_RETRY_POLICY;
  return JSON.stringify({ http: { defaultHealthyRetryPolicy: { ...policy }, disableSubscriptionOverrides: false } });
}

/** GetTopicAttributes: what was set, plus what SNS derives (owner, policy, subscription counts). */
export function topicAttributes(topic: SnsTopicRecord, subscriptions: SnsSubscriptionRecord[]): Record<string, string> {
  const pending = subscriptions.filter((s) => !s.confirmed).length;
  return {
    Policy: defaultPolicy(topic),
    Owner: topic.account,
    SubscriptionsPending: String(pending),
    TopicArn: topic.arn,
    EffectiveDeliveryPolicy: effectiveDeliveryPolicy(topic),
    SubscriptionsConfirmed: String(subscriptions.length - pending),
    // wording inferred: a topic created without one shows an empty display name
    DisplayName: '',
    SubscriptionsDeleted: '0',
    ...topic.attributes,
  };
}

/** Checks one topic attribute a caller sets, refusing what SNS refuses and what is not emulated. */
export function checkTopicAttribute(name: string, value: string): void {
  if (name === 'FifoTopic') {
    if (value === 'true') throw invalidParameter('Attributes Reason: FIFO topics are not emulated by codepipeline-local (only SQS queues subscribe to them)');
    return;
  }
  if (!(SETTABLE_TOPIC_ATTRIBUTES as readonly string[]).includes(name)) throw invalidParameter(`AttributeName`);
  if (name === 'DisplayName' && value.length > 100) throw invalidParameter('DisplayName Reason: DisplayName must be at most 100 characters'); // wording inferred
  if (name === 'Policy' || name === 'DeliveryPolicy') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
    } catch {
      throw invalidParameter(`${name}: Invalid JSON`); // wording inferred
    }
  }
  if (name === 'SignatureVersion' && value !== '1' && value !== '2') throw invalidParameter('Attributes Reason: SignatureVersion must be 1 or 2'); // wording inferred
  if (name === 'TracingConfig' && value !== 'Active' && value !== 'PassThrough') throw invalidParameter('Attributes Reason: TracingConfig must be Active or PassThrough'); // wording inferred
}

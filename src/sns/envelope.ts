import type { SnsSubscriptionRecord } from '../store/index.js';

/** A message attribute as Publish received it. */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** One message on its way to one subscription. */
export interface SnsMessage {
  messageId: string;
  topicArn: string;
  message: string;
  subject?: string;
  attributes: Record<string, SnsMessageAttribute>;
  timestampMs: number;
}

// Deliveries are not signed: subscribers that verify signatures must be told to skip it locally (see LIMITATIONS).
const SIGNATURE = 'EXAMPLEcodepipelinelocalDoesNotSignMessages==';

/** SNS's base URL for links in messages: this server, which answers the query API on `/`. */
function links(baseUrl: string) {
  return {
    signingCertUrl: `${baseUrl}/_aws/sns/SimpleNotificationService-local.pem`,
    unsubscribeUrl: (subscriptionArn: string) => `${baseUrl}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
    subscribeUrl: (topicArn: string, token: string) => `${baseUrl}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`,
  };
}

/** The ISO time with milliseconds SNS stamps its documents with. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** Message attributes as deliveries carry them: `{Type, Value}`, binary values base64. */
export function deliveredAttributes(attributes: Record<string, SnsMessageAttribute>): Record<string, { Type: string; Value: string }> {
  const out: Record<string, { Type: string; Value: string }> = {};
  for (const [name, a] of Object.entries(attributes)) out[name] = { Type: a.DataType, Value: a.StringValue ?? a.BinaryValue ?? '' };
  return out;
}

/** The JSON document of a `Notification` as HTTP/S and email-json subscribers receive it. */
export function notificationDocument(msg: SnsMessage, subscriptionArn: string, baseUrl: string): Record<string, unknown> {
  const doc: Record<string, unknown> = { Type: 'Notification', MessageId: msg.messageId, TopicArn: msg.topicArn };
  if (msg.subject !== undefined) doc.Subject = msg.subject;
  Object.assign(doc, {
    Message: msg.message,
    Timestamp: timestamp(msg.timestampMs),
    SignatureVersion: '1',
    Signature: SIGNATURE,
    SigningCertURL: links(baseUrl).signingCertUrl,
    UnsubscribeURL: links(baseUrl).unsubscribeUrl(subscriptionArn),
  });
  if (Object.keys(msg.attributes).length) doc.MessageAttributes = deliveredAttributes(msg.attributes);
  return doc;
}

/** The `SubscriptionConfirmation` or `UnsubscribeConfirmation` document an endpoint receives. */
export function confirmationDocument(
  type: 'SubscriptionConfirmation' | 'UnsubscribeConfirmation',
  sub: SnsSubscriptionRecord,
  messageId: string,
  nowMs: number,
  baseUrl: string,
): Record<string, unknown> {
  const message =
    type === 'SubscriptionConfirmation'
      ? `You have chosen to subscribe to the topic ${sub.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
      : `You have chosen to deactivate subscription ${sub.arn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
  return {
    Type: type,
    MessageId: messageId,
    Token: sub.token,
    TopicArn: sub.topicArn,
    Message: message,
    SubscribeURL: links(baseUrl).subscribeUrl(sub.topicArn, sub.token),
    Timestamp: timestamp(nowMs),
    SignatureVersion: '1',
    Signature: SIGNATURE,
    SigningCertURL: links(baseUrl).signingCertUrl,
  };
}

/** The event a Lambda function subscribed to a topic is invoked with. */
export function lambdaEvent(msg: SnsMessage, subscriptionArn: string, baseUrl: string): Record<string, unknown> {
  const doc = notificationDocument(msg, subscriptionArn, baseUrl);
  const { SigningCertURL, UnsubscribeURL, ...rest } = doc;
  const sns = { ...rest, SigningCertUrl: SigningCertURL, UnsubscribeUrl: UnsubscribeURL, MessageAttributes: deliveredAttributes(msg.attributes) };
  return { Records: [{ EventSource: 'aws:sns', EventVersion: '1.0', EventSubscriptionArn: subscriptionArn, Sns: sns }] };
}

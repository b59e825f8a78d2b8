import type { SnsSubscriptionRecord, SnsTopicRecord } from '../store/index.js';
import { retryPolicyOf } from './retry-policy.js';
import { invalidParameter } from './sns-refusal.js';

/** The protocols this emulator delivers to. */
export const DELIVERED_PROTOCOLS = ['http', 'https', 'email', 'email-json', 'lambda'] as const;

/** Protocols SNS has that are not emulated yet, refused by Subscribe with a clear InvalidParameter. */
const NOT_EMULATED = ['sqs', 'sms', 'application', 'firehose'];

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/;

/** Whether a protocol's endpoint gets HTTP POSTs. */
export function isHttp(protocol: string): boolean {
  return protocol === 'http' || protocol === 'https';
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Checks a Subscribe call's protocol and endpoint as SNS does. */
export function checkEndpoint(protocol: string, endpoint: string | undefined): string {
  if (NOT_EMULATED.includes(protocol)) {
    throw invalidParameter(`Protocol Reason: ${protocol} subscriptions are not emulated yet by codepipeline-local (http, https, email, email-json and lambda are)`);
  }
  if (!(DELIVERED_PROTOCOLS as readonly string[]).includes(protocol)) throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol.slice(0, 64)}`); // wording inferred
  if (!endpoint) throw invalidParameter('Endpoint Reason: An endpoint must be specified'); // wording inferred
  if (isHttp(protocol)) {
    let url: URL | undefined;
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (!url || url.protocol !== `${protocol}:`) throw invalidParameter('Endpoint must match the specified protocol');
  } else if (protocol === 'lambda') {
    if (!LAMBDA_ARN.test(endpoint)) throw invalidParameter('Lambda endpoint ARN'); // wording inferred, in SNS's "Invalid parameter: <what>" form
  } else if (!EMAIL.test(endpoint)) {
    throw invalidParameter('Email address');
  }
  return endpoint;
}

/** The subscription attributes set here: SNS's others (FilterPolicy, RedrivePolicy, ...) are refused as not emulated. */
const SETTABLE = ['RawMessageDelivery', 'DeliveryPolicy'];

/** Checks one subscription attribute a caller sets for a subscription of `protocol`. */
export function checkSubscriptionAttribute(protocol: string, name: string, value: string): void {
  if (['FilterPolicy', 'FilterPolicyScope', 'RedrivePolicy', 'SubscriptionRoleArn', 'ReplayPolicy'].includes(name)) {
    throw invalidParameter(`Attributes Reason: ${name} is not emulated yet by codepipeline-local`);
  }
  if (!SETTABLE.includes(name)) throw invalidParameter('AttributeName');
  if (name === 'RawMessageDelivery') {
    if (value !== 'true' && value !== 'false') throw invalidParameter('Attributes Reason: RawMessageDelivery: Invalid value [' + value.slice(0, 32) + ']. Must be true or false.'); // wording inferred
    if (!isHttp(protocol) && value === 'true') throw invalidParameter(`Attributes Reason: Delivery protocol [${protocol}] does not support raw message delivery.`);
  }
  if (name === 'DeliveryPolicy') {
    if (!isHttp(protocol)) throw invalidParameter(`DeliveryPolicy: Delivery policy is only supported for HTTP/S subscriptions`); // wording inferred
    try {
      JSON.parse(value);
    } catch {
      throw invalidParameter('DeliveryPolicy: Invalid JSON'); // wording inferred
    }
  }
}

/** GetSubscriptionAttributes: what SNS shows of a subscription. */
export function subscriptionAttributes(sub: SnsSubscriptionRecord, topic: SnsTopicRecord | undefined): Record<string, string> {
  const out: Record<string, string> = {
    ConfirmationWasAuthenticated: String(sub.confirmed),
    Owner: sub.owner,
    RawMessageDelivery: 'false',
    TopicArn: sub.topicArn,
    Endpoint: sub.endpoint,
    Protocol: sub.protocol,
    PendingConfirmation: String(!sub.confirmed),
    SubscriptionArn: sub.arn,
    ...sub.attributes,
  };
  if (isHttp(sub.protocol)) out.EffectiveDeliveryPolicy = JSON.stringify({ healthyRetryPolicy: retryPolicyOf(sub.attributes.DeliveryPolicy, topic?.attributes.DeliveryPolicy) });
  return out;
}

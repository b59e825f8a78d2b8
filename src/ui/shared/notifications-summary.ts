/** The path of the notifications summary the console's Notifications page reads (`?account=&region=`). */
export const NOTIFICATIONS_SUMMARY_PATH = '/_aws/notifications';

/** The path of the EventBridge-shaped event stream (`?format=sse` for EventSource). */
export const AWS_EVENTS_PATH = '/_aws/events';

/** One SNS subscription as the Notifications page shows it. */
export interface SubscriptionView {
  arn: string;
  protocol: string;
  endpoint: string;
  confirmed: boolean;
}

/** One SNS topic with its subscriptions. */
export interface TopicView {
  arn: string;
  name: string;
  displayName?: string;
  subscriptions: SubscriptionView[];
}

/** One CodeStar Notifications rule. */
export interface RuleView {
  arn: string;
  name: string;
  resource: string;
  eventTypeIds: string[];
  detailType: string;
  status: string;
  targets: { address: string; type: string; status: string }[];
}

/** One delivery of an SNS document to an endpoint, and how its attempts went. */
export interface DeliveryView {
  messageId: string;
  type: string;
  topicArn: string;
  protocol: string;
  endpoint: string;
  status: string;
  attempts: number;
  lastStatusCode?: number;
  lastError?: string;
  firstAttemptMs: number;
}

/** One mail of the local mailbox (email and email-json subscriptions). */
export interface MailView {
  address: string;
  topicArn: string;
  type: string;
  subject?: string;
  body: string;
  receivedMs: number;
}

/** Everything the Notifications page shows of one account and region. */
export interface NotificationsSummary {
  topics: TopicView[];
  rules: RuleView[];
  /** The most recent deliveries, newest first. */
  deliveries: DeliveryView[];
  /** The most recent mails, newest first. */
  mailbox: MailView[];
}

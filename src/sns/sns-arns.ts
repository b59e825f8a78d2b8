import type { Scope } from '../model/index.js';
import { invalidParameter } from './sns-refusal.js';

/** Topic names: 1-256 letters, digits, hyphens and underscores (a FIFO topic's name ends in `.fifo`). */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** The ARN of a topic: `arn:aws:sns:<region>:<account>:<name>`. */
export function topicArnOf(scope: Scope, name: string): string {
  return `arn:aws:sns:${scope.region}:${scope.account}:${name}`;
}

/** Checks a topic name as CreateTopic does. */
export function checkTopicName(name: string): void {
  if (!TOPIC_NAME.test(name)) throw invalidParameter('Topic Name');
}

/** Reads a topic ARN a caller gave, refusing text that is no SNS ARN with SNS's wording (`... does not start with arn`). */
export function checkTopicArn(arn: string, member = 'TopicArn'): { region: string; account: string; name: string } {
  if (!arn.startsWith('arn')) throw invalidParameter(`${member} Reason: ${arn.slice(0, 256)} does not start with arn`);
  const match = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,256})$/.exec(arn);
  if (!match) throw invalidParameter(`${member} Reason: An ARN must have 6 elements`); // wording inferred
  return { region: match[1], account: match[2], name: match[3] };
}

/** Checks a subscription ARN: its topic's ARN, a colon and the subscription's id. */
export function checkSubscriptionArn(arn: string): void {
  if (!/^arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,256}:[0-9a-f-]{36}$/.test(arn)) throw invalidParameter('SubscriptionArn');
}

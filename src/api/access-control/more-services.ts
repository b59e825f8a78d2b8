import { parseFunctionName } from '../../lambda/index.js';
import { formatArn } from '../../shared/index.js';
import { str, strings, type CallInput, type CallScope } from './call-scope.js';

// The resource ARNs of Lambda, SNS, CloudWatch and CodeStar Notifications operations, as the Service Authorization
// Reference names their resource types (function, topic, alarm, notificationrule). An operation that names no
// resource (List*, CreateNotificationRule before its ARN exists) is authorised on `*`.

const arnOf = (service: string, scope: CallScope, resource: string) => formatArn({ service, region: scope.region, account: scope.account, resource });
const or = (list: string[]) => (list.length > 0 ? list : ['*']);

/** Lambda: the function, with the version or alias the call names (a policy on `function:NAME` covers only the unqualified function, as in AWS). */
export function lambdaResources(_operation: string, input: CallInput, scope: CallScope): string[] {
  const resource = str(input, 'Resource');
  if (resource) return [resource];
  const given = str(input, 'FunctionName');
  if (!given) return ['*'];
  const { name, qualifier } = parseFunctionName(given);
  const version = str(input, 'Qualifier') ?? qualifier;
  return [arnOf('lambda', scope, `function:${name}${version ? `:${version}` : ''}`)];
}

/** SNS: the topic, also for calls on one of its subscriptions (whose ARN is the topic's plus an id). */
export function snsResources(_operation: string, input: CallInput, scope: CallScope): string[] {
  const topic = str(input, 'TopicArn') ?? str(input, 'ResourceArn') ?? str(input, 'SubscriptionArn')?.replace(/:[^:]*$/, '');
  if (topic) return [topic];
  const name = str(input, 'Name');
  return [name ? arnOf('sns', scope, name) : '*'];
}

/** CloudWatch: the alarms named, by their ARNs. */
export function cloudWatchResources(_operation: string, input: CallInput, scope: CallScope): string[] {
  const resource = str(input, 'ResourceARN');
  if (resource) return [resource];
  const names = [...strings(input, 'AlarmNames'), ...[str(input, 'AlarmName')].flatMap((n) => n ?? [])];
  return or(names.map((n) => arnOf('cloudwatch', scope, `alarm:${n}`)));
}

/** CodeStar Notifications: the notification rule. */
export function notificationResources(_operation: string, input: CallInput): string[] {
  return [str(input, 'Arn') ?? str(input, 'ResourceArn') ?? '*'];
}

import { deliverRepositoryTriggers, type StoredTrigger, type TriggerDestinations } from '../notifications/index.js';
import type { RuleFunctions } from '../engine/index.js';
import type { EventLog } from '../events/index.js';
import { parseArn } from '../shared/index.js';
import type { SnsService } from '../sns/index.js';
import { RepositoryStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** What repository triggers deliver through: SNS, the Lambda functions, and the events of ref changes. */
export interface TriggerFeatures {
  events: EventLog;
  sns: SnsService;
  functions: RuleFunctions & { has(scope: { account: string; region: string }, functionName: string): boolean };
}

/** The SNS topics and Lambda functions of the emulator, as destinations of CodeCommit repository triggers. */
export function triggerDestinations(ctx: FeatureContext, features: TriggerFeatures): TriggerDestinations {
  const log = ctx.log.child({ feature: 'repository-triggers' });
  const functionOf = (destinationArn: string) => {
    const arn = parseArn(destinationArn, { service: 'lambda' });
    const name = arn?.resource.startsWith('function:') ? arn.resource.split(':')[1] : undefined;
    return arn && name ? { scope: { account: arn.account, region: arn.region }, name } : undefined;
  };
  return {
    problem(destinationArn) {
      if (destinationArn.startsWith('arn:aws:sns:')) return features.sns.findTopic(destinationArn) ? undefined : `The SNS topic ${destinationArn} does not exist`; // wording inferred
      const fn = functionOf(destinationArn);
      return fn && features.functions.has(fn.scope, fn.name) ? undefined : `The Lambda function ${destinationArn} does not exist`; // wording inferred
    },
    deliver(destinationArn, message) {
      const topic = features.sns.findTopic(destinationArn);
      if (topic) {
        features.sns.publishInternal(topic, message);
        return;
      }
      const fn = functionOf(destinationArn);
      // CodeCommit invokes a trigger's function asynchronously: nothing waits for it.
      if (fn) void features.functions.invoke(fn.scope, fn.name, Buffer.from(message)).catch((err: unknown) => log.warn({ err, destination: destinationArn }, 'a repository trigger could not invoke its function'));
    },
  };
}

/**
 * CodeCommit repository triggers: TestRepositoryTriggers sends to the destinations, and every ref change is delivered
 * to the triggers that fire for it.
 */
export function repositoryTriggersFeature(ctx: FeatureContext, features: TriggerFeatures, codeCommit: { useTriggerDestinations(d: TriggerDestinations): void }): FeatureModule {
  const repositories = new RepositoryStore(ctx.db);
  const destinations = triggerDestinations(ctx, features);
  codeCommit.useTriggerDestinations(destinations);
  const stop = deliverRepositoryTriggers({
    events: features.events,
    destinations,
    newId: () => ctx.ids.uuid(),
    log: ctx.log.child({ feature: 'repository-triggers' }),
    triggersOf(scope, name) {
      const stored = repositories.getTriggers(scope, name);
      return stored ? (JSON.parse(stored) as { configurationId: string; triggers: StoredTrigger[] }) : undefined;
    },
  });
  return { close: async () => stop() };
}

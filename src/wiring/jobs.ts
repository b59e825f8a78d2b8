import { readFileSync } from 'node:fs';
import type { JobWorkerDeps as ApiJobDeps } from '../api/index.js';
import { CustomActionTypes, JobQueue, parseStandIns, standInPolicyOf, type StandInPolicies } from '../jobs/index.js';
import { actionTypeKey, builtInActionTypes, findActionType, type ActionTypeId } from '../model/index.js';
import { jobWorkerProvider, succeedingStandIn, type ActionProvider, type JobWorkerDeps, type ProviderRegistry } from '../providers/index.js';
import { S3Refusal, type S3Storage } from '../s3/index.js';
import { formatArn, type Logger } from '../shared/index.js';
import { CustomActionTypeStore, JobStore } from '../store/index.js';
import { ensureArtifactBucket } from './artifact-objects.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** The JSON page listing each AWS action type the emulator does not run and the stand-in policy that applies to it. */
export const STAND_INS_PAGE = '/codepipeline/stand-ins';

/** Reads the stand-in policies of the configuration: its file, then its flags. */
function readStandIns(context: FeatureContext): StandInPolicies {
  const file = context.config.standInsFile;
  const parsed: unknown = file === undefined ? undefined : JSON.parse(readFileSync(file, 'utf8'));
  return parseStandIns(parsed, context.config.standIns);
}

/** The artifact bucket's objects as the job-worker provider needs them. */
function bucketObjects(s3: S3Storage, log: Logger): Pick<JobWorkerDeps, 'ensureBucket' | 'exists'> {
  return {
    ensureBucket: (bucket, region) => ensureArtifactBucket(s3, bucket, region, log),
    async exists(bucket, key) {
      try {
        await s3.objects.head(bucket, key);
        return true;
      } catch (error) {
        if (error instanceof S3Refusal) return false;
        throw error;
      }
    },
  };
}

/**
 * Custom action types and the job-worker protocol: the jobs queue and custom types (for the CodePipeline API), and a
 * provider source that runs custom actions and the AWS action types stood in for (`succeed` or `worker`) by policy.
 */
export function jobsFeature(context: FeatureContext, registry: ProviderRegistry): FeatureModule & { jobs: ApiJobDeps; workerDeps: JobWorkerDeps } {
  const queue = new JobQueue(new JobStore(context.db), {
    clock: context.clock,
    timers: context.timers,
    ids: context.ids,
    limits: { jobTimeoutMs: context.config.jobTimeoutMinutes * 60_000 },
  });
  const types = new CustomActionTypes(new CustomActionTypeStore(context.db), context.clock);
  const policies = readStandIns(context);
  const workerDeps: JobWorkerDeps = {
    queue,
    ...bucketObjects(context.s3, context.log),
    pipelineArn: (account, region, name) => formatArn({ service: 'codepipeline', region, account, resource: name }),
  };
  // Providers are made once per type: the engine may look a type up many times per execution.
  const made = new Map<string, ActionProvider>();
  const once = (id: ActionTypeId, make: () => ActionProvider | undefined) => {
    const key = actionTypeKey(id);
    if (!made.has(key)) {
      const provider = make();
      if (!provider) return undefined;
      made.set(key, provider);
    }
    return made.get(key);
  };
  const standIn = (id: ActionTypeId) => {
    const builtIn = findActionType(id);
    if (!builtIn || builtIn.id.owner === 'Custom' || registry.runs(id)) return undefined;
    const policy = standInPolicyOf(policies, id);
    if (policy === 'succeed') return succeedingStandIn(builtIn);
    return policy === 'worker' ? jobWorkerProvider(builtIn, workerDeps) : undefined;
  };
  registry.addSource({
    find(id) {
      if (id.owner !== 'Custom') return once(id, () => standIn(id));
      // Made afresh each time: UpdateActionType may have changed the type's URL templates.
      const type = types.findAnywhere(id);
      return type && jobWorkerProvider(type, workerDeps);
    },
    types: () => types.list(),
  });
  queue.recover();
  const pollable: ApiJobDeps['pollable'] = (scope, id, kind) => {
    if (kind === 'Custom' && id.owner === 'Custom') return types.find(scope, id) !== undefined;
    const expected = kind === 'ThirdParty' ? 'ThirdParty' : 'AWS';
    return id.owner === expected && builtInActionTypes.some((t) => actionTypeKey(t.id) === actionTypeKey(id)) && !registry.runs(id) && standInPolicyOf(policies, id) === 'worker';
  };
  return {
    jobs: { queue, types, pollable },
    workerDeps,
    // ListActionTypes answers only AWS's fields, so which policy applies to a type is shown here (and to the console).
    routes(app) {
      app.get(STAND_INS_PAGE, async () => ({
        standIns: builtInActionTypes.filter((t) => !registry.runs(t.id)).map((t) => ({ actionTypeId: t.id, policy: standInPolicyOf(policies, t.id) })),
      }));
    },
    async close() {
      queue.close();
    },
  };
}

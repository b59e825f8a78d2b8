import type { BuildRecord } from '../store/index.js';
import type { BuildArtifactsRequest, BuildPhase, BuildRequest } from './build-request.js';
import type { BuildLogWriter } from './build-logs.js';
import { cacheVolumeName } from './build-cache.js';
import type { PreparedBuild } from './build-preparation.js';
import type { SecretsFile } from './secrets.js';

/** What one run hands the runner besides the build record. */
export interface RunInputs {
  prepared: PreparedBuild;
  artifacts: BuildArtifactsRequest;
  signal: AbortSignal;
  log: BuildLogWriter;
  secrets: string[];
  onPhase(phase: BuildPhase): void;
}

/** What the runner is asked to run for a build: the record, its prepared inputs, and the hooks the build service listens on. */
export function runnerRequest(build: BuildRecord, input: { cacheType?: string; batchIdentifier?: string; fleetComputeType?: string }, run: RunInputs, secretsFile: Pick<SecretsFile, 'resolveOne'>): BuildRequest {
  const { prepared, artifacts, signal, log, secrets, onPhase } = run;
  const { cacheType } = input;
  return {
    buildId: build.id,
    buildNumber: build.buildNumber,
    projectName: build.projectName,
    account: build.account,
    region: build.region,
    image: prepared.image,
    imageName: build.environment.image,
    buildspec: prepared.buildspec.text,
    buildspecLocation: prepared.buildspec.location,
    environmentVariables: prepared.variables,
    sources: prepared.sources,
    artifacts,
    timeoutInMinutes: build.timeoutInMinutes,
    privilegedMode: build.environment.privilegedMode ?? false,
    // A build on a fleet gets the limits of the fleet's compute type: the fleet's machines are what it runs on.
    computeType: input.fleetComputeType ?? build.environment.computeType,
    initiator: build.initiator,
    ...(input.batchIdentifier !== undefined ? { batchBuildIdentifier: input.batchIdentifier } : {}),
    ...(build.request?.webhookVariables ? { webhookVariables: build.request.webhookVariables } : {}),
    ...(runnerRequestCacheVolume(build, cacheType) === undefined ? {} : { cacheVolume: runnerRequestCacheVolume(build, cacheType) }),
    // The buildspec's own parameter-store / secrets-manager references, from the same secrets file, masked too.
    resolveBuildspecSecret: async (type, reference) => {
      const value = secretsFile.resolveOne(type, reference);
      secrets.push(value);
      return value;
    },
    signal,
    onLog: (line: string) => log.line(line),
    onPhase,
  };
}


/** The build's cache volume: CodeBuild caches only for projects with a cache; LOCAL and S3 caches both live in a per-project volume here. */
export function runnerRequestCacheVolume(build: BuildRecord, cacheType: string | undefined): string | undefined {
  return cacheType === 'LOCAL' || cacheType === 'S3' ? cacheVolumeName(build, build.projectName) : undefined;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lambdaService } from '../api/index.js';
import type { LambdaTraffic } from '../codedeploy/index.js';
import type { RuleFunctions } from '../engine/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { Config } from '../config.js';
import { AsyncInvocations, FunctionCodeStore, hostReach, LambdaFunctions, LambdaImage, LambdaInvoker, LambdaRefusal, RoutedRuntimeApis, RUNTIME_API_ROUTE_PREFIX, SandboxEngines, SwarmSandboxes } from '../lambda/index.js';
import type { LambdaFunctionRecord } from '../model/index.js';
import { FunctionNotFoundError, lambdaInvokeProvider, type JobWorkerDeps } from '../providers/index.js';
import { createDockerClient, SwarmNodeEngines } from '../runner/index.js';
import { openObject, S3Refusal, type S3Storage } from '../s3/index.js';
import { LambdaFunctionStore, LambdaVersionStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Where a function's code zip is served (GetFunction's Code.Location). */
export const LAMBDA_CODE_ROUTE = '/codepipeline-local/lambda/code/:account/:region/:name';
/** Where a function's invocation log is served (linked from the Invoke action). */
export const LAMBDA_LOG_ROUTE = '/codepipeline-local/lambda/logs/:account/:region/:name';

// Lambda's limit on a deployment package, which a zip in S3 cannot be bigger than either: 250 MB.
const S3_CODE_MAX_BYTES = 250 * 1024 * 1024;
const OWNER_LABEL = 'codepipeline-local.lambda-owner';
// Which process started a sandbox: the sweep of an earlier process's sandboxes spares this one's.
const PROCESS_LABEL = 'codepipeline-local.lambda-process';
const SAFE = { account: /^\d{12}$/, region: /^[a-z]{2}(-[a-z]+)+-\d$/, name: /^[a-zA-Z0-9_-]{1,140}$/ };
type Params = { account: string; region: string; name: string };
const safe = (p: Params) => SAFE.account.test(p.account) && SAFE.region.test(p.region) && SAFE.name.test(p.name);

/** A code zip from the emulator's S3; a missing bucket or key is Lambda's InvalidParameterValueException with S3's code. */
async function readS3Code(s3: S3Storage, bucket: string, key: string, versionId?: string): Promise<Uint8Array> {
  try {
    const opened = await openObject(s3, { bucket, key, ...(versionId !== undefined ? { versionId } : {}) });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of opened.body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > S3_CODE_MAX_BYTES) throw new LambdaRefusal('InvalidParameterValueException', `Unzipped size must be smaller than ${S3_CODE_MAX_BYTES} bytes`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } catch (error) {
    if (error instanceof S3Refusal) {
      const message = error.code === 'NoSuchKey' ? 'The specified key does not exist.' : error.code === 'NoSuchBucket' ? 'The specified bucket does not exist' : error.message;
      throw new LambdaRefusal('InvalidParameterValueException', `Error occurred while GetObject. S3 Error Code: ${error.code}. S3 Error Message: ${message}`, { cause: error });
    }
    throw error;
  }
}

/** CodeDeploy's Lambda compute platform over the local functions: aliases read and moved, hook functions invoked. */
function lambdaTraffic(functions: LambdaFunctions, invoker: LambdaInvoker): LambdaTraffic {
  return {
    alias(scope, functionName, alias) {
      try {
        const found = functions.versions.getAlias(scope, functionName, alias);
        return { functionVersion: found.functionVersion, additionalVersionWeights: found.additionalVersionWeights ?? {}, aliasArn: found.arn };
      } catch (error) {
        if (error instanceof LambdaRefusal) return { problem: error.message };
        throw error;
      }
    },
    hasVersion(scope, functionName, version) {
      try {
        return functions.get(scope, functionName, version).version === version;
      } catch {
        return false;
      }
    },
    route(scope, functionName, alias, functionVersion, additionalVersionWeights) {
      functions.versions.updateAlias(scope, functionName, alias, { functionVersion, additionalVersionWeights });
    },
    async invoke(scope, functionName, event) {
      const result = await invoker.invoke(functions.pick(scope, functionName), Buffer.from(JSON.stringify(event)));
      return { payload: result.payload.toString('utf8'), ...(result.functionError ? { functionError: result.functionError } : {}) };
    },
  };
}

/** Lambda: the Lambda API, functions run in local containers of the Lambda image, the Invoke action, and the functions LambdaInvoke rules invoke. */
export function lambdaFeature(ctx: FeatureContext, jobs: { queue: JobQueue; workerDeps: JobWorkerDeps }): FeatureModule & { ruleFunctions: RuleFunctions & { has(scope: { account: string; region: string }, functionName: string): boolean }; traffic: LambdaTraffic } {
  const log = ctx.log.child({ feature: 'lambda' });
  const processId = ctx.ids.uuid();
  const routed = new RoutedRuntimeApis(() => ctx.ids.uuid());
  const engines = sandboxEngines(ctx, routed, log);
  const onSwarm = engines.engines.some((e) => e.swarm !== undefined);
  const functions = new LambdaFunctions(new LambdaFunctionStore(ctx.db), new LambdaVersionStore(ctx.db), new FunctionCodeStore(join(ctx.config.dataDir, 'lambda', 'code')), ctx.clock, ctx.ids);
  const logDir = join(ctx.config.dataDir, 'lambda', 'logs');
  const invoker = new LambdaInvoker({
    engines,
    functions,
    ids: ctx.ids,
    log,
    logDir,
    // The image's build progress (first use) goes to the emulator's log, which ensureProjectImage writes to.
    labels: { [OWNER_LABEL]: ctx.config.dataDir, [PROCESS_LABEL]: processId },
  });
  let sweep: Promise<void> | undefined;
  const asyncInvocations = new AsyncInvocations({ functions, invoke: (fn, event) => invoker.invoke(fn, event), clock: ctx.clock, timers: ctx.timers, log });
  const url = (kind: 'code' | 'logs', fn: LambdaFunctionRecord) =>
    `${ctx.baseUrl()}/codepipeline-local/lambda/${kind}/${fn.account}/${fn.region}/${fn.name}${kind === 'code' && fn.version ? `?qualifier=${fn.version}` : ''}`;
  const ruleFunctions = {
    has(scope: { account: string; region: string }, functionName: string): boolean {
      try {
        functions.get(scope, functionName);
        return true;
      } catch {
        return false;
      }
    },
    async invoke(scope: { account: string; region: string }, functionName: string, event: Buffer) {
      let fn: LambdaFunctionRecord;
      try {
        fn = functions.get(scope, functionName);
      } catch (error) {
        if (error instanceof LambdaRefusal) throw new FunctionNotFoundError(`The AWS Lambda function ${functionName} could not be found: ${error.message}`, { cause: error }); // wording inferred
        throw error;
      }
      const result = await invoker.invoke(fn, event);
      return { payload: result.payload, ...(result.functionError ? { functionError: result.functionError } : {}) };
    },
    logUrl(scope: { account: string; region: string }, functionName: string) {
      try {
        return url('logs', functions.get(scope, functionName));
      } catch {
        return undefined;
      }
    },
  };
  const provider = lambdaInvokeProvider({
    ...jobs.workerDeps,
    queue: jobs.queue,
    invokeFunction: (scope, functionName, event) => ruleFunctions.invoke(scope, functionName, event),
    logUrl: (scope, functionName) => ruleFunctions.logUrl!(scope, functionName),
  });
  return {
    ruleFunctions,
    traffic: lambdaTraffic(functions, invoker),
    services: [lambdaService({ functions, invoker, asyncInvocations, log, codeUrl: (fn) => url('code', fn), readS3Code: (bucket, key, versionId) => readS3Code(ctx.s3, bucket, key, versionId) })],
    providers: [provider],
    async routes(app) {
      // The Runtime APIs of sandboxes on other machines' engines, on the emulator's own port: the body is the
      // runtime's, read by the Runtime API itself, and the long poll of /next holds its response.
      await app.register(async (scoped) => {
        scoped.removeAllContentTypeParsers();
        scoped.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
        scoped.route({
          method: ['GET', 'POST'],
          url: `${RUNTIME_API_ROUTE_PREFIX}/*`,
          handler: async (req, reply) => {
            reply.hijack();
            // wording inferred
            if (!routed.handle(req.raw, reply.raw)) reply.raw.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errorMessage: 'No such sandbox', errorType: 'InvalidRequest' }));
          },
        });
      });
      app.get<{ Params: Params; Querystring: { qualifier?: string } }>(LAMBDA_CODE_ROUTE, async (req, reply) => {
        if (!safe(req.params)) return reply.code(404).send();
        try {
          // A version's code is its own: `?qualifier=<version>` (GetFunction's Code.Location for a version says so).
          const fn = functions.get(req.params, req.params.name, /^\d+$/.test(req.query.qualifier ?? '') ? req.query.qualifier : undefined);
          return reply.type('application/zip').send(functions.code.read(fn.codeSha256));
        } catch {
          return reply.code(404).send();
        }
      });
      app.get<{ Params: Params }>(LAMBDA_LOG_ROUTE, async (req, reply) => {
        const file = join(logDir, req.params.account, req.params.region, `${req.params.name}.log`);
        if (!safe(req.params) || !existsSync(file)) return reply.code(404).send();
        return reply.type('text/plain; charset=utf-8').send(readFileSync(file));
      });
    },
    // Sandboxes a previous process on this data folder left behind (it died) are removed after the first answer
    // (asking Docker loads its client), sparing those this process started meanwhile.
    async start() {
      const { executor, advertiseUrl } = ctx.config;
      if (executor === 'docker-host' && !advertiseUrl) log.info({ executor }, 'Lambda functions run on the DOCKER_HOST engine: give --advertise-url to place them on the --docker-hosts engines');
      if (executor === 'swarm' && !advertiseUrl) log.info({ executor }, 'Lambda functions run on the DOCKER_HOST engine: give --advertise-url to run them as services on the Docker swarm');
      if (onSwarm) log.info({ executor, advertiseUrl, swarmHost: engines.engines[0].host }, `Lambda functions run as replicated-job services on the Docker swarm managed by ${engines.engines[0].host}, calling back to ${advertiseUrl}`);
      if (engines.engines.length > 1) log.info({ executor, advertiseUrl, dockerHosts: engines.engines.map((e) => e.host) }, `Lambda functions run on ${engines.engines.length} Docker engines, each sandbox on the one with the fewest`);
      sweep = ctx.whenServing().then(async (serving) => {
        if (!serving) return;
        await engines.sweep({ [OWNER_LABEL]: ctx.config.dataDir }, (labels) => labels[PROCESS_LABEL] === processId);
      });
    },
    async close() {
      asyncInvocations.close();
      await invoker.close();
      await sweep;
      // Sandboxes whose removal failed (their engine was cut off meanwhile) and that can be reached now.
      if (engines.engines.length > 1 || onSwarm) await engines.sweep({ [PROCESS_LABEL]: processId }, () => false);
    },
  };
}

/** Whether a DOCKER_HOST-style address is a socket of this machine (its sandboxes use the host's network). */
const onThisMachine = (host: string) => host.startsWith('unix://') || host.startsWith('/');

/**
 * The engines function sandboxes run on: DOCKER_HOST's, or with `--executor docker-host` and `--advertise-url`, the
 * engines of --docker-hosts, or with `--executor swarm` and `--advertise-url`, the swarm --swarm-host manages. A sandbox on a socket of this machine uses the host's network as before; one on a tcp://
 * engine reaches its Runtime API and the emulator at the advertised URL.
 */
function sandboxEngines(ctx: FeatureContext, routed: RoutedRuntimeApis, log: FeatureContext['log']): SandboxEngines {
  const { config } = ctx;
  const hosts = functionHosts(config);
  const local = hostReach(() => ctx.baseUrl());
  if (config.executor === 'swarm' && config.advertiseUrl) {
    // Every sandbox reaches the emulator at the advertised URL: the swarm may place it on any node.
    const managerHost = hosts[0];
    const manager = createDockerClient(managerHost, config);
    const nodes = new SwarmNodeEngines({ managerHost, manager, engineClient: (host) => createDockerClient(host, config) });
    const swarm = new SwarmSandboxes({ managerHost, manager, nodes, log: log.child({ executor: 'swarm', swarmHost: managerHost }) });
    return new SandboxEngines({ engines: [{ host: managerHost, docker: manager, image: new LambdaImage({ docker: manager, log }), reach: routed.reach(config.advertiseUrl), swarm }], log });
  }
  const engines = hosts.map((host) => {
    const docker = createDockerClient(host, config);
    const reach = config.advertiseUrl && !onThisMachine(host) ? routed.reach(config.advertiseUrl) : local;
    return { host, docker, image: new LambdaImage({ docker, log }), reach };
  });
  return new SandboxEngines({ engines, log });
}

/** DOCKER_HOST's engine, --docker-hosts' when functions are placed on them (docker-host with --advertise-url), or the swarm manager's. */
function functionHosts(config: Config): string[] {
  if (config.executor === 'swarm' && config.advertiseUrl) return [config.swarmHost ?? config.dockerHost];
  return config.executor === 'docker-host' && config.advertiseUrl ? config.dockerHosts : [config.dockerHost];
}

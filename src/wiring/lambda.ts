import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lambdaService } from '../api/index.js';
import type { JobQueue } from '../jobs/index.js';
import { FunctionCodeStore, LambdaFunctions, LambdaImage, LambdaInvoker, LambdaRefusal } from '../lambda/index.js';
import type { LambdaFunctionRecord } from '../model/index.js';
import { FunctionNotFoundError, lambdaInvokeProvider, type JobWorkerDeps } from '../providers/index.js';
import { createDockerClient, removeContainerQuietly } from '../runner/index.js';
import { LambdaFunctionStore } from '../store/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Where a function's code zip is served (GetFunction's Code.Location). */
export const LAMBDA_CODE_ROUTE = '/codepipeline-local/lambda/code/:account/:region/:name';
/** Where a function's invocation log is served (linked from the Invoke action). */
export const LAMBDA_LOG_ROUTE = '/codepipeline-local/lambda/logs/:account/:region/:name';

const OWNER_LABEL = 'codepipeline-local.lambda-owner';
const SAFE = { account: /^\d{12}$/, region: /^[a-z]{2}(-[a-z]+)+-\d$/, name: /^[a-zA-Z0-9_-]{1,140}$/ };
type Params = { account: string; region: string; name: string };
const safe = (p: Params) => SAFE.account.test(p.account) && SAFE.region.test(p.region) && SAFE.name.test(p.name);

/** Lambda: the Lambda API, functions run in local containers of the Lambda image, and the Invoke action. */
export function lambdaFeature(ctx: FeatureContext, jobs: { queue: JobQueue; workerDeps: JobWorkerDeps }): FeatureModule {
  const log = ctx.log.child({ feature: 'lambda' });
  const docker = createDockerClient(ctx.config.dockerHost);
  const functions = new LambdaFunctions(new LambdaFunctionStore(ctx.db), new FunctionCodeStore(join(ctx.config.dataDir, 'lambda', 'code')), ctx.clock, ctx.ids);
  const logDir = join(ctx.config.dataDir, 'lambda', 'logs');
  const invoker = new LambdaInvoker({
    docker,
    image: new LambdaImage({ docker, log }),
    functions,
    ids: ctx.ids,
    log,
    endpoint: () => ctx.baseUrl(),
    logDir,
    labels: { [OWNER_LABEL]: ctx.config.dataDir },
    progress: (line) => log.info(line),
  });
  const url = (kind: 'code' | 'logs', fn: LambdaFunctionRecord) => `${ctx.baseUrl()}/codepipeline-local/lambda/${kind}/${fn.account}/${fn.region}/${fn.name}`;
  const provider = lambdaInvokeProvider({
    ...jobs.workerDeps,
    queue: jobs.queue,
    async invokeFunction(scope, functionName, event) {
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
    logUrl(scope, functionName) {
      try {
        return url('logs', functions.get(scope, functionName));
      } catch {
        return undefined;
      }
    },
  });
  return {
    services: [lambdaService({ functions, invoker, log, codeUrl: (fn) => url('code', fn) })],
    providers: [provider],
    routes(app) {
      app.get<{ Params: Params }>(LAMBDA_CODE_ROUTE, async (req, reply) => {
        if (!safe(req.params)) return reply.code(404).send();
        try {
          const fn = functions.get(req.params, req.params.name);
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
    // Sandboxes a previous process on this data folder left behind (it died) are removed.
    async start() {
      const stale = await docker.listContainers({ all: true, filters: { label: [`${OWNER_LABEL}=${ctx.config.dataDir}`] } }).catch(() => []);
      await Promise.all(stale.map((c) => removeContainerQuietly(docker.getContainer(c.Id))));
    },
    async close() {
      await invoker.close();
    },
  };
}

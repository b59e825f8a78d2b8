import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config, ConfigFlags } from './config.js';
import type { RunningEmulator } from './main.js';
import { createLogger, openRotatingFile, packagePath } from './shared/index.js';

/** The usage text; it names each option's variable, from the configuration module. */
function help({ ENV, DEFAULT_PORT }: typeof import('./config.js')): string {
  return `codepipeline-local — a local emulator of AWS CodePipeline that really runs pipelines

Usage:
  codepipeline-local serve [options]        start the emulator
  codepipeline-local export NAME [options]  print a pipeline as a declarative file (JSON, or YAML with --yaml)
  codepipeline-local start NAME [--detach]  start an execution and follow it stage by stage (exit 1 if it fails)
  codepipeline-local wait NAME [EXECUTION]  follow an execution (the newest by default) until it ends
  codepipeline-local instances              list the registered CodeDeploy instances (Nginx containers) with their URLs
  codepipeline-local demo                   the whole journey: start the emulator in the background, deploy the sample app to Nginx, push a change, follow both executions
  codepipeline-local stop                   stop the background emulator that \`demo\` started for --data-dir
  codepipeline-local --help | --version

Options:
  --host HOST            address to listen on            (${ENV.host}, default 127.0.0.1)
  --allowed-hosts H,H    more Host header names to accept, e.g. a LAN name (${ENV.allowedHosts})
  --port PORT            port to listen on               (${ENV.port}, default ${DEFAULT_PORT})
  --data-dir DIR         where state is kept             (${ENV.dataDir}, default ~/.codepipeline-local)
  --pipelines-dir DIR    declarative pipeline files      (${ENV.pipelinesDir})
  --repo NAME=PATH       register a git checkout as a CodeCommit repository; repeatable (${ENV.repositories}, comma-separated)
  --s3-dir DIR           folder standing in for S3 buckets (${ENV.s3Dir}, default DATA_DIR/s3)
  --image-map FILE       JSON map of CodeBuild image names to local images (${ENV.imageMap})
  --secrets-file FILE    JSON values for PARAMETER_STORE / SECRETS_MANAGER variables (${ENV.secretsFile})
  --region REGION        region for unsigned requests    (${ENV.region}, default us-east-1)
  --account ID           account for unsigned requests   (${ENV.account}, default 000000000000)
  --log-level LEVEL      fatal|error|warn|info|debug     (${ENV.logLevel}, default info)
  --log-file FILE        write the server log to FILE, rotated by size, instead of standard output (${ENV.logFile})
  --log-file-max-mb MB   size at which the log file is rotated; 3 older files are kept (${ENV.logFileMaxMb}, default 10)
  --stand-ins P=POLICY,...  what AWS action types not run locally do: fail (default), succeed, or worker (a job for PollForJobs) (${ENV.standIns})
  --stand-ins-file FILE  the same as JSON, {"CloudFormation": "worker"}; --stand-ins wins (${ENV.standInsFile})
  --executor KIND        where builds run: local (the Docker engine of DOCKER_HOST), docker-host (instances too) or swarm (${ENV.executor}, default local)
  --docker-hosts URL,URL the engines of --executor docker-host, tcp://HOST:PORT or unix:///PATH; each build goes to the least busy, each new instance to the one with the fewest (${ENV.dockerHosts})
  --swarm-host URL       the swarm manager's engine of --executor swarm: each build is a replicated-job service there (${ENV.swarmHost}, default DOCKER_HOST)
  --advertise-url URL    the emulator as containers on other engines reach it, http://HOST:PORT; with docker-host, Lambda functions run on the --docker-hosts engines too, with swarm as services of the swarm, and call back to it (${ENV.advertiseUrl})
  --docker-tls-verify    reach tcp:// engines over TLS, verifying them with ca.pem and presenting cert.pem/key.pem (${ENV.dockerTlsVerify}, any value)
  --docker-cert-path DIR the folder of ca.pem, cert.pem and key.pem (${ENV.dockerCertPath}, default ~/.docker)
  --job-timeout-minutes M  how long a job worker has to finish a job (${ENV.jobTimeoutMinutes}, default 1440, AWS's 24 hours)
  --sns-auto-confirm true|false  confirm SNS subscriptions at once, without SubscriptionConfirmation (${ENV.snsAutoConfirm}, default false)
  --iam                  access control: requests must be signed with known keys, IAM policies are enforced (${ENV.iam}=true)
  --root-access-key-id ID, --root-secret-access-key SECRET
                         the root key with --iam (${ENV.rootAccessKeyId}, ${ENV.rootSecretAccessKey}; default: made once, kept in DATA_DIR and printed at start)

Resource limits (builds get their computeType's memory and vCPUs, SMALL 3 GB/2, MEDIUM 7 GB/4, LARGE 15 GB/8, capped here):
  --build-max-memory-mb MB  most memory of a build container (${ENV.buildMaxMemoryMb}, default: the host's)
  --build-max-cpus N        most CPUs of a build container (${ENV.buildMaxCpus}, default: the host's)
  --build-pids-limit N      most processes of a build container (${ENV.buildPidsLimit}, default 4096)
  --build-disk-mb MB        most a build may write; past it the build fails out of space (${ENV.buildDiskMb}, default 10240)
  --build-log-max-mb MB     most of a build log that is kept (${ENV.buildLogMaxMb}, default 10)
  --build-warm-idle-seconds S  how long a warm build container waits for a build; 0 keeps none (${ENV.buildWarmIdleSeconds}, default 300)
  --instance-memory-mb MB   memory of each CodeDeploy instance container (${ENV.instanceMemoryMb}, default 512)
  --instance-cpus N         CPUs of each instance container (${ENV.instanceCpus}, default 1)
  --instance-pids-limit N   most processes of each instance container (${ENV.instancePidsLimit}, default 512)

Point the AWS CLI or an SDK at it:
  aws --endpoint-url http://127.0.0.1:${DEFAULT_PORT} codepipeline list-pipelines
`;
}

const OPTIONS = {
  host: { type: 'string' },
  'allowed-hosts': { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'pipelines-dir': { type: 'string' },
  repo: { type: 'string', multiple: true },
  's3-dir': { type: 'string' },
  'image-map': { type: 'string' },
  'secrets-file': { type: 'string' },
  region: { type: 'string' },
  account: { type: 'string' },
  'log-level': { type: 'string' },
  'log-file': { type: 'string' },
  'log-file-max-mb': { type: 'string' },
  'stand-ins': { type: 'string' },
  'stand-ins-file': { type: 'string' },
  'job-timeout-minutes': { type: 'string' },
  'sns-auto-confirm': { type: 'string' },
  iam: { type: 'boolean' },
  'root-access-key-id': { type: 'string' },
  'root-secret-access-key': { type: 'string' },
  executor: { type: 'string' },
  'docker-hosts': { type: 'string' },
  'docker-tls-verify': { type: 'boolean' },
  'docker-cert-path': { type: 'string' },
  'swarm-host': { type: 'string' },
  'advertise-url': { type: 'string' },
  'build-max-memory-mb': { type: 'string' },
  'build-max-cpus': { type: 'string' },
  'build-pids-limit': { type: 'string' },
  'build-disk-mb': { type: 'string' },
  'build-log-max-mb': { type: 'string' },
  'build-warm-idle-seconds': { type: 'string' },
  'instance-memory-mb': { type: 'string' },
  'instance-cpus': { type: 'string' },
  'instance-pids-limit': { type: 'string' },
  yaml: { type: 'boolean' },
  detach: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function version(): string {
  return JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).version;
}

function flagsOf(values: Record<string, unknown>): ConfigFlags {
  const s = (k: string) => values[k] as string | undefined;
  const repos = values.repo as string[] | undefined;
  return {
    host: s('host'),
    allowedHosts: s('allowed-hosts'),
    port: s('port'),
    dataDir: s('data-dir'),
    pipelinesDir: s('pipelines-dir'),
    region: s('region'),
    account: s('account'),
    logLevel: s('log-level'),
    repositories: repos?.join(','),
    s3Dir: s('s3-dir'),
    imageMap: s('image-map'),
    secretsFile: s('secrets-file'),
    logFile: s('log-file'),
    logFileMaxMb: s('log-file-max-mb'),
    standInsFile: s('stand-ins-file'),
    standIns: s('stand-ins'),
    jobTimeoutMinutes: s('job-timeout-minutes'),
    snsAutoConfirm: s('sns-auto-confirm'),
    iam: values.iam ? 'true' : undefined,
    rootAccessKeyId: s('root-access-key-id'),
    rootSecretAccessKey: s('root-secret-access-key'),
    executor: s('executor'),
    dockerHosts: s('docker-hosts'),
    dockerTlsVerify: values['docker-tls-verify'] ? 'true' : undefined,
    dockerCertPath: s('docker-cert-path'),
    swarmHost: s('swarm-host'),
    advertiseUrl: s('advertise-url'),
    buildMaxMemoryMb: s('build-max-memory-mb'),
    buildMaxCpus: s('build-max-cpus'),
    buildPidsLimit: s('build-pids-limit'),
    buildDiskMb: s('build-disk-mb'),
    buildLogMaxMb: s('build-log-max-mb'),
    buildWarmIdleSeconds: s('build-warm-idle-seconds'),
    instanceMemoryMb: s('instance-memory-mb'),
    instanceCpus: s('instance-cpus'),
    instancePidsLimit: s('instance-pids-limit'),
  };
}

async function serve(config: Config): Promise<void> {
  // A log file is rotated by size, so a long-running server never fills the disk with its request log.
  const destination = config.logFile === undefined ? undefined : openRotatingFile({ path: config.logFile, maxBytes: config.logFileMaxMb * 1024 * 1024 });
  const log = createLogger({ level: config.logLevel, pretty: config.prettyLogs && destination === undefined, destination });
  // Handlers come first: a signal that arrives while starting must still shut down cleanly.
  let emulator: RunningEmulator | undefined;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    Promise.resolve(emulator?.close()).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, 'failed to shut down cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // Imported here, not at the top: the short commands never pay for the server's modules.
  const { startEmulator } = await import('./main.js');
  emulator = await startEmulator(config, log);
  if (stopping) await emulator.close();
}

/** Runs the command line; returns the exit code for commands that finish. */
export async function runCli(argv: string[]): Promise<number | undefined> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  if (values.version) return void console.log(version()), 0;
  // Imported after --version: the configuration module loads zod, which the version alone does not need.
  const configModule = await import('./config.js');
  const { readConfig } = configModule;
  const [command, ...rest] = positionals;
  if (values.help || !command) return void console.log(help(configModule)), values.help ? 0 : 1;
  if (command === 'serve') return void (await serve(readConfig(flagsOf(values))));
  if (command === 'export') {
    const { exportPipeline } = await import('./commands/export-pipeline.js');
    return exportPipeline(readConfig(flagsOf(values)), rest[0], { yaml: Boolean(values.yaml) });
  }
  if (command === 'start' || command === 'wait') {
    const { startCommand, waitCommand } = await import('./commands/follow-execution.js');
    const config = readConfig(flagsOf(values));
    return command === 'start' ? startCommand(config, rest[0], { detach: Boolean(values.detach) }) : waitCommand(config, rest[0], rest[1]);
  }
  if (command === 'demo') {
    const { demoCommand } = await import('./commands/demo.js');
    return demoCommand(readConfig(flagsOf(values)));
  }
  if (command === 'stop') {
    const { stopCommand } = await import('./commands/stop-server.js');
    return stopCommand(readConfig(flagsOf(values)));
  }
  if (command === 'instances') {
    const { instancesCommand } = await import('./commands/instances.js');
    return instancesCommand(readConfig(flagsOf(values)));
  }
  console.error(`Unknown command '${command}'.\n\n${help(configModule)}`);
  return 1;
}

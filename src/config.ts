import { cpus, homedir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { REGION_PATTERN } from './shared/index.js';

/** Everything the emulator can be told at start-up. */
export interface Config {
  host: string;
  /** Host names (beside 127.0.0.1, localhost and `host`) that requests may name in their Host header. */
  allowedHosts: string[];
  port: number;
  dataDir: string;
  /** A folder of declarative pipeline files (JSON or YAML), loaded at start and watched. */
  pipelinesDir?: string;
  /** Existing git working checkouts registered as CodeCommit repositories, by repository name. */
  repositories: Record<string, string>;
  /** The folder standing in for S3 buckets: `<s3Dir>/<bucket>/<key>` (S3 source actions). */
  s3Dir: string;
  /** A JSON file mapping CodeBuild image names to local images, merged over the built-in map. */
  imageMap?: string;
  /** A JSON file of PARAMETER_STORE and SECRETS_MANAGER values for builds. */
  secretsFile?: string;
  /** The Docker engine: a socket path or a tcp:// address. */
  dockerHost: string;
  /** Where builds run: `local` (the engine of `dockerHost`), `docker-host` (the engines of `dockerHosts`, instances too) or `swarm` (the swarm `swarmHost` manages). */
  executor: 'local' | 'docker-host' | 'swarm';
  /** The engines of the `docker-host` executor: DOCKER_HOST-style URLs (tcp://, unix://). */
  dockerHosts: string[];
  /** The swarm manager's engine of the `swarm` executor; `dockerHost` when not given. */
  swarmHost?: string;
  /**
   * The emulator as containers on other engines reach it, http://HOST:PORT (no trailing slash): with `docker-host`,
   * Lambda functions are placed on the `dockerHosts` engines and those of tcp:// engines call back to it.
   */
  advertiseUrl?: string;
  /** TLS to the tcp:// engines, verified against `dockerCertPath`'s ca.pem, with its cert.pem and key.pem (the docker CLI's `--tlsverify`). */
  dockerTlsVerify: boolean;
  /** The folder of ca.pem, cert.pem and key.pem; ~/.docker by default, as the docker CLI's. */
  dockerCertPath: string;
  region: string;
  account: string;
  logLevel: string;
  /** Pretty logs for a person at a terminal, JSON lines otherwise. */
  prettyLogs: boolean;
  /** The most memory a build container gets (MB): its compute type's, capped here; the host's memory by default. */
  buildMaxMemoryMb: number;
  /** The most CPUs a build container gets: its compute type's vCPUs, capped here; the host's CPUs by default. */
  buildMaxCpus: number;
  /** The most processes a build container may hold at once. */
  buildPidsLimit: number;
  /** The most a build may write to its container's filesystem (MB); past it the build fails as out of space. */
  buildDiskMb: number;
  /** The most of a build's log that is kept (MB); the log says where it was cut. */
  buildLogMaxMb: number;
  /** How long a warm build container waits for the next build before it is removed (s); 0 keeps none warm. */
  buildWarmIdleSeconds: number;
  /** Memory (MB), CPUs and processes of each CodeDeploy instance container. */
  instanceMemoryMb: number;
  instanceCpus: number;
  instancePidsLimit: number;
  /** A file the server's log is written to instead of standard output, rotated by size. */
  logFile?: string;
  /** The size (MB) at which the log file is rotated. */
  logFileMaxMb: number;
  /** A JSON file of stand-in policies for AWS action types the emulator does not run: `{"CloudFormation": "worker"}`. */
  standInsFile?: string;
  /** Stand-in policies given as a flag, `PROVIDER=fail|succeed|worker,...`, over the file's. */
  standIns: string[];
  /** How long a job worker has to finish a job before its action fails (AWS: 24 hours for custom actions). */
  jobTimeoutMinutes: number;
  /** SNS subscriptions are confirmed at Subscribe, without the SubscriptionConfirmation handshake (`true`/`false`). */
  snsAutoConfirm: boolean;
  /** Access control (--iam): requests are signed and verified, IAM policies enforced. Off by default. */
  iam: boolean;
  /** The root access key with --iam; made and kept in the data folder when not given. */
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
}

/** The file in the data folder that keeps the root access key of --iam when none is given (JSON: accessKeyId, secretAccessKey). */
export const ROOT_KEY_FILE = 'iam-root-key.json';

/** The port the emulator listens on unless told otherwise. */
export const DEFAULT_PORT = 4599;

/** The environment variables the emulator reads, one per flag. */
export const ENV = {
  host: 'CODEPIPELINE_LOCAL_HOST',
  allowedHosts: 'CODEPIPELINE_LOCAL_ALLOWED_HOSTS',
  port: 'CODEPIPELINE_LOCAL_PORT',
  dataDir: 'CODEPIPELINE_LOCAL_DATA_DIR',
  pipelinesDir: 'CODEPIPELINE_LOCAL_PIPELINES_DIR',
  region: 'CODEPIPELINE_LOCAL_REGION',
  account: 'CODEPIPELINE_LOCAL_ACCOUNT_ID',
  logLevel: 'CODEPIPELINE_LOCAL_LOG_LEVEL',
  repositories: 'CODEPIPELINE_LOCAL_REPOS',
  s3Dir: 'CODEPIPELINE_LOCAL_S3_DIR',
  imageMap: 'CODEPIPELINE_LOCAL_IMAGE_MAP',
  secretsFile: 'CODEPIPELINE_LOCAL_SECRETS_FILE',
  dockerHost: 'DOCKER_HOST',
  executor: 'CODEPIPELINE_LOCAL_EXECUTOR',
  dockerHosts: 'CODEPIPELINE_LOCAL_DOCKER_HOSTS',
  dockerTlsVerify: 'DOCKER_TLS_VERIFY',
  dockerCertPath: 'DOCKER_CERT_PATH',
  swarmHost: 'CODEPIPELINE_LOCAL_SWARM_HOST',
  advertiseUrl: 'CODEPIPELINE_LOCAL_ADVERTISE_URL',
  buildMaxMemoryMb: 'CODEPIPELINE_LOCAL_BUILD_MAX_MEMORY_MB',
  buildMaxCpus: 'CODEPIPELINE_LOCAL_BUILD_MAX_CPUS',
  buildPidsLimit: 'CODEPIPELINE_LOCAL_BUILD_PIDS_LIMIT',
  buildDiskMb: 'CODEPIPELINE_LOCAL_BUILD_DISK_MB',
  buildLogMaxMb: 'CODEPIPELINE_LOCAL_BUILD_LOG_MAX_MB',
  buildWarmIdleSeconds: 'CODEPIPELINE_LOCAL_BUILD_WARM_IDLE_SECONDS',
  instanceMemoryMb: 'CODEPIPELINE_LOCAL_INSTANCE_MEMORY_MB',
  instanceCpus: 'CODEPIPELINE_LOCAL_INSTANCE_CPUS',
  instancePidsLimit: 'CODEPIPELINE_LOCAL_INSTANCE_PIDS_LIMIT',
  logFile: 'CODEPIPELINE_LOCAL_LOG_FILE',
  logFileMaxMb: 'CODEPIPELINE_LOCAL_LOG_FILE_MAX_MB',
  standInsFile: 'CODEPIPELINE_LOCAL_STAND_INS_FILE',
  standIns: 'CODEPIPELINE_LOCAL_STAND_INS',
  jobTimeoutMinutes: 'CODEPIPELINE_LOCAL_JOB_TIMEOUT_MINUTES',
  snsAutoConfirm: 'CODEPIPELINE_LOCAL_SNS_AUTO_CONFIRM',
  iam: 'CODEPIPELINE_LOCAL_IAM',
  rootAccessKeyId: 'CODEPIPELINE_LOCAL_ROOT_ACCESS_KEY_ID',
  rootSecretAccessKey: 'CODEPIPELINE_LOCAL_ROOT_SECRET_ACCESS_KEY',
} as const;

/** Defaults of the resource limits (MB, CPUs, processes), besides the host's memory and CPUs for builds. */
export const LIMIT_DEFAULTS = {
  buildPidsLimit: 4096,
  buildDiskMb: 10_240, // MB
  buildLogMaxMb: 10, // MB
  buildWarmIdleSeconds: 300, // s
  instanceMemoryMb: 512, // MB
  instanceCpus: 1,
  instancePidsLimit: 512,
  logFileMaxMb: 10, // MB
  jobTimeoutMinutes: 24 * 60, // AWS's limit for a custom action
} as const;

/** Parses `name=/path,other=/path` into a map of repository names to folders. */
function parseRepositories(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of (text ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq <= 0 || eq === entry.length - 1) throw new Error(`Invalid repository registration '${entry}': expected NAME=PATH (--repo or ${ENV.repositories})`);
    out[entry.slice(0, eq)] = resolve(entry.slice(eq + 1));
  }
  return out;
}

/** Checks one raw value: its problem, or undefined when it is acceptable. Hand-written rather than a schema library,
 * whose load cost every short command (`instances`, `wait`) a fifth of its run just to read its configuration. */
type Check = (value: unknown) => string | undefined;

const text = (pattern?: RegExp, message?: string): Check => (value) => {
  if (typeof value !== 'string') return `Invalid input: expected string, received ${typeof value}`;
  if (value.length < 1) return 'Too small: expected string to have >=1 characters';
  return pattern && !pattern.test(value) ? message : undefined;
};

/** A number given as text or a number (as Number() reads it: '' is 0, '0x10' is 16), finite, then bounded. */
const numeric = (rule: { int?: boolean; min?: number; above?: number; max?: number; minMessage?: string }): Check => (value) => {
  const n = Number(value);
  if (!Number.isFinite(n)) return `Invalid input: expected number, received ${n}`;
  if (rule.int && !Number.isInteger(n)) return 'Invalid input: expected int, received number';
  if (rule.min !== undefined && n < rule.min) return rule.minMessage ?? `Too small: expected number to be >=${rule.min}`;
  if (rule.above !== undefined && n <= rule.above) return `Too small: expected number to be >${rule.above}`;
  if (rule.max !== undefined && n > rule.max) return `Too big: expected number to be <=${rule.max}`;
  return undefined;
};

const optional = (check: Check): Check => (value) => (value === undefined ? undefined : check(value));
const oneOf = (options: readonly string[]): Check => (value) =>
  (typeof value === 'string' && options.includes(value) ? undefined : `Invalid option: expected one of ${options.map((o) => `"${o}"`).join('|')}`);
const each = (check: Check): Check => (value) => (value as unknown[]).map(check).find(Boolean);
const keys = (check: Check): Check => (value) => Object.keys(value as object).map(check).find(Boolean);
const DOCKER_MEMORY_MESSAGE = "must be at least 6 (MB, Docker's smallest memory limit)";
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What each setting must be; numbers are converted from text once they pass. */
const CHECKS: Record<keyof typeof ENV, Check> = {
  host: text(),
  allowedHosts: each(text(/^[\w.-]+$|^\[[\da-fA-F:.]+\]$/, 'host names are letters, digits, . _ and -, or [IPv6]')),
  port: numeric({ int: true, min: 0, max: 65535 }),
  dataDir: text(),
  pipelinesDir: optional(text()),
  region: text(REGION_PATTERN, 'must look like us-east-1'),
  account: text(/^\d{12}$/, 'must be 12 digits'),
  logLevel: oneOf(LOG_LEVELS),
  repositories: keys(text(/^[\w.-]{1,100}$/, 'repository names are letters, digits, . _ and -')),
  s3Dir: text(),
  imageMap: optional(text()),
  secretsFile: optional(text()),
  dockerHost: text(),
  executor: oneOf(['local', 'docker-host', 'swarm']),
  dockerHosts: each(text(/^(tcp|unix|http|https):\/\/\S+$/, 'Docker hosts are tcp://HOST:PORT or unix:///PATH URLs')),
  // Any value turns it on, "0" too, as the docker CLI reads DOCKER_TLS_VERIFY; an empty one leaves it off.
  dockerTlsVerify: (value) => (typeof value === 'string' ? undefined : `Invalid input: expected string, received ${typeof value}`),
  dockerCertPath: text(),
  swarmHost: optional(text(/^(tcp|unix|http|https):\/\/\S+$|^\//, 'the swarm host is a tcp://HOST:PORT or unix:///PATH URL, or a socket path')),
  advertiseUrl: optional(text(/^http:\/\/(\[[\da-fA-F:.]+\]|[\w.-]+)(:\d{1,5})?\/?$/, 'the advertised URL is http://HOST:PORT, the emulator as containers on other engines reach it')),
  buildMaxMemoryMb: numeric({ int: true, min: 6, minMessage: DOCKER_MEMORY_MESSAGE }),
  buildMaxCpus: numeric({ above: 0 }),
  buildPidsLimit: numeric({ int: true, min: 8 }),
  buildDiskMb: numeric({ above: 0 }),
  buildLogMaxMb: numeric({ above: 0 }),
  buildWarmIdleSeconds: numeric({ min: 0 }),
  instanceMemoryMb: numeric({ int: true, min: 6, minMessage: DOCKER_MEMORY_MESSAGE }),
  instanceCpus: numeric({ above: 0 }),
  instancePidsLimit: numeric({ int: true, min: 8 }),
  logFile: optional(text()),
  logFileMaxMb: numeric({ above: 0 }),
  standInsFile: optional(text()),
  standIns: each(text(/^[\w/*.-]+=(fail|succeed|worker)$/, 'stand-ins are PROVIDER=fail|succeed|worker')),
  jobTimeoutMinutes: numeric({ above: 0 }),
  snsAutoConfirm: oneOf(['true', 'false']),
  iam: oneOf(['true', 'false', '1', '0']),
  rootAccessKeyId: optional(text(/^[A-Z0-9]{16,128}$/, 'access key ids are 16 to 128 capital letters and digits')),
  rootSecretAccessKey: optional(text(/^\S{1,128}$/, 'a secret is 1 to 128 characters without spaces')),
};

/** The settings read as numbers. */
const NUMBERS = ['port', 'buildMaxMemoryMb', 'buildMaxCpus', 'buildPidsLimit', 'buildDiskMb', 'buildLogMaxMb', 'buildWarmIdleSeconds',
  'instanceMemoryMb', 'instanceCpus', 'instancePidsLimit', 'logFileMaxMb', 'jobTimeoutMinutes'] as const;

/** Flags given on the command line, before defaults and the environment are applied. */
export type ConfigFlags = Partial<Record<keyof typeof ENV, string>>;

/**
 * Reads the configuration: flags win over environment variables, which win over defaults.
 * This is the only module that reads process.env.
 */
export function readConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdout.isTTY)): Config {
  const pick = (key: keyof typeof ENV) => flags[key] ?? env[ENV[key]];
  const raw: Record<keyof typeof ENV, unknown> = {
    host: pick('host') ?? '127.0.0.1',
    allowedHosts: (pick('allowedHosts') ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean),
    port: pick('port') ?? DEFAULT_PORT,
    dataDir: resolve(pick('dataDir') ?? join(homedir(), '.codepipeline-local')),
    pipelinesDir: pick('pipelinesDir') && resolve(pick('pipelinesDir')!),
    region: pick('region') ?? 'us-east-1',
    account: pick('account') ?? '000000000000',
    logLevel: pick('logLevel') ?? 'info',
    repositories: parseRepositories(pick('repositories')),
    s3Dir: resolve(pick('s3Dir') ?? join(resolve(pick('dataDir') ?? join(homedir(), '.codepipeline-local')), 's3')),
    imageMap: pick('imageMap') && resolve(pick('imageMap')!),
    secretsFile: pick('secretsFile') && resolve(pick('secretsFile')!),
    dockerHost: pick('dockerHost') ?? '/var/run/docker.sock',
    executor: pick('executor') ?? 'local',
    dockerHosts: (pick('dockerHosts') ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    dockerTlsVerify: pick('dockerTlsVerify') ?? '',
    dockerCertPath: resolve(pick('dockerCertPath') || join(homedir(), '.docker')),
    swarmHost: pick('swarmHost'),
    advertiseUrl: pick('advertiseUrl')?.replace(/\/$/, ''),
    buildMaxMemoryMb: pick('buildMaxMemoryMb') ?? Math.floor(totalmem() / (1024 * 1024)),
    buildMaxCpus: pick('buildMaxCpus') ?? cpus().length,
    buildPidsLimit: pick('buildPidsLimit') ?? LIMIT_DEFAULTS.buildPidsLimit,
    buildDiskMb: pick('buildDiskMb') ?? LIMIT_DEFAULTS.buildDiskMb,
    buildLogMaxMb: pick('buildLogMaxMb') ?? LIMIT_DEFAULTS.buildLogMaxMb,
    buildWarmIdleSeconds: pick('buildWarmIdleSeconds') ?? LIMIT_DEFAULTS.buildWarmIdleSeconds,
    instanceMemoryMb: pick('instanceMemoryMb') ?? LIMIT_DEFAULTS.instanceMemoryMb,
    instanceCpus: pick('instanceCpus') ?? LIMIT_DEFAULTS.instanceCpus,
    instancePidsLimit: pick('instancePidsLimit') ?? LIMIT_DEFAULTS.instancePidsLimit,
    logFile: pick('logFile') && resolve(pick('logFile')!),
    logFileMaxMb: pick('logFileMaxMb') ?? LIMIT_DEFAULTS.logFileMaxMb,
    standInsFile: pick('standInsFile') && resolve(pick('standInsFile')!),
    standIns: (pick('standIns') ?? '').split(',').map((e) => e.trim()).filter(Boolean),
    jobTimeoutMinutes: pick('jobTimeoutMinutes') ?? LIMIT_DEFAULTS.jobTimeoutMinutes,
    snsAutoConfirm: pick('snsAutoConfirm') ?? 'false',
    iam: pick('iam') ?? 'false',
    rootAccessKeyId: pick('rootAccessKeyId'),
    rootSecretAccessKey: pick('rootSecretAccessKey'),
  };
  const problems = (Object.keys(CHECKS) as (keyof typeof ENV)[]).flatMap((key) => {
    const problem = CHECKS[key](raw[key]);
    return problem ? [`${key} (--${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} or ${ENV[key]}): ${problem}`] : [];
  });
  if ((raw.rootAccessKeyId === undefined) !== (raw.rootSecretAccessKey === undefined)) {
    problems.push('rootAccessKeyId and rootSecretAccessKey (--root-access-key-id, --root-secret-access-key): give both or neither');
  }
  if (raw.executor === 'docker-host' && (raw.dockerHosts as string[]).length === 0) {
    problems.push(`dockerHosts (--docker-hosts or ${ENV.dockerHosts}): the docker-host executor needs at least one engine, e.g. tcp://10.0.0.5:2375`);
  }
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  for (const key of NUMBERS) raw[key] = Number(raw[key]);
  raw.snsAutoConfirm = raw.snsAutoConfirm === 'true';
  raw.dockerTlsVerify = raw.dockerTlsVerify !== '';
  (raw as Record<string, unknown>).iam = raw.iam === 'true' || raw.iam === '1';
  return { ...(raw as Omit<Config, 'prettyLogs'>), prettyLogs: isTty && env.NO_COLOR === undefined };
}

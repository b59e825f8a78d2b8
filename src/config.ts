import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Everything the emulator can be told at start-up. */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** A folder of declarative pipeline files (JSON or YAML), loaded at start and watched. */
  pipelinesDir?: string;
  region: string;
  account: string;
  logLevel: string;
  /** Pretty logs for a person at a terminal, JSON lines otherwise. */
  prettyLogs: boolean;
}

/** The port the emulator listens on unless told otherwise. */
export const DEFAULT_PORT = 4599;

/** The environment variables the emulator reads, one per flag. */
export const ENV = {
  host: 'CODEPIPELINE_LOCAL_HOST',
  port: 'CODEPIPELINE_LOCAL_PORT',
  dataDir: 'CODEPIPELINE_LOCAL_DATA_DIR',
  pipelinesDir: 'CODEPIPELINE_LOCAL_PIPELINES_DIR',
  region: 'CODEPIPELINE_LOCAL_REGION',
  account: 'CODEPIPELINE_LOCAL_ACCOUNT_ID',
  logLevel: 'CODEPIPELINE_LOCAL_LOG_LEVEL',
} as const;

const schema = z.object({
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
  dataDir: z.string().min(1),
  pipelinesDir: z.string().min(1).optional(),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must look like us-east-1'),
  account: z.string().regex(/^\d{12}$/, 'must be 12 digits'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

/** Flags given on the command line, before defaults and the environment are applied. */
export type ConfigFlags = Partial<Record<keyof typeof ENV, string>>;

/**
 * Reads the configuration: flags win over environment variables, which win over defaults.
 * This is the only module that reads process.env.
 */
export function readConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdout.isTTY)): Config {
  const pick = (key: keyof typeof ENV) => flags[key] ?? env[ENV[key]];
  const parsed = schema.safeParse({
    host: pick('host') ?? '127.0.0.1',
    port: pick('port') ?? DEFAULT_PORT,
    dataDir: resolve(pick('dataDir') ?? join(homedir(), '.codepipeline-local')),
    pipelinesDir: pick('pipelinesDir') && resolve(pick('pipelinesDir')!),
    region: pick('region') ?? 'us-east-1',
    account: pick('account') ?? '000000000000',
    logLevel: pick('logLevel') ?? 'info',
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0])} (--${String(i.path[0]).replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} or ${ENV[i.path[0] as keyof typeof ENV]}): ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return { ...parsed.data, prettyLogs: isTty && env.NO_COLOR === undefined };
}

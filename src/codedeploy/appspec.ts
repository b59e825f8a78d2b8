import { AgentError, rubyText } from './agent-error.js';
import { parsePermission, type AppSpecPermission } from './appspec-permissions.js';
import { yaml } from '../shared/index.js';

export type { AppSpecPermission } from './appspec-permissions.js';

/** What happens to a file the revision installs where a file already is (codedeploy.md §1.4). */
export const FileExistsBehavior = { DISALLOW: 'DISALLOW', OVERWRITE: 'OVERWRITE', RETAIN: 'RETAIN' } as const;
/** One of {@link FileExistsBehavior}'s values. */
export type FileExistsBehavior = (typeof FileExistsBehavior)[keyof typeof FileExistsBehavior];

/** One `files` entry: a path of the revision and the folder of the instance it goes to. */
export interface AppSpecFile {
  source: string;
  destination: string;
}

/** One script of a hook. */
export interface AppSpecScript {
  /** Relative to the revision's root. */
  location: string;
  /** Seconds; 3600 unless set. */
  timeout: number;
  runas?: string;
}

/** An EC2/On-Premises appspec (version 0.0), as the agent reads it. */
export interface AppSpec {
  os: 'linux';
  files: AppSpecFile[];
  fileExistsBehavior?: FileExistsBehavior;
  permissions: AppSpecPermission[];
  /** Scripts per lifecycle event name; events with no scripts are absent. */
  hooks: Record<string, AppSpecScript[]>;
  /** Things the real agent would refuse that the emulator accepts, to show the user. */
  warnings: string[];
}

const DEFAULT_TIMEOUT_SECONDS = 3600;

function invalidVersion(value: unknown): AgentError {
  return new AgentError(
    `The deployment failed because an invalid version value (${rubyText(value)}) was entered in the application specification file. Make sure your AppSpec file specifies "0.0" as the version, and then try again.`,
  );
}

function parseVersion(value: unknown, warnings: string[]): void {
  if (value === 0) return;
  // The real agent compares with the float 0.0, so a quoted "0.0" fails there although AWS's docs show it quoted.
  if (value === '0.0') return void warnings.push('version is the string "0.0": the CodeDeploy agent expects the number 0.0 (write version: 0.0 without quotes)');
  throw invalidVersion(value);
}

function parseOs(value: unknown): 'linux' {
  if (value === 'linux') return 'linux';
  throw new AgentError(
    `The deployment failed because the application specification file specifies an unsupported operating system (${rubyText(value)}). Specify either "linux" or "windows" in the os section of the AppSpec file, and then try again.`,
  );
}

function parseBehavior(value: unknown): FileExistsBehavior | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'DISALLOW' || value === 'OVERWRITE' || value === 'RETAIN') return value;
  throw new AgentError(
    `The deployment failed because an invalid file_exists_behavior value (${rubyText(value)}) was entered in the application specification file. Make sure your AppSpec file specifies one of DISALLOW,OVERWRITE,RETAIN as the file_exists_behavior, and then try again.`,
  );
}

function parseFiles(value: unknown): AppSpecFile[] {
  return asList(value).map((entry) => {
    const mapping = asMapping(entry);
    const source = mapping.source;
    const destination = mapping.destination;
    if (source === undefined || source === null) {
      throw new AgentError('The deployment failed because the application specification file specifies a destination file, but no source file. Update the files section of the AppSpec file, and then try again.');
    }
    if (destination === undefined || destination === null) {
      throw new AgentError(
        `The deployment failed because the application specification file specifies only a source file (${rubyText(source)}). Add the name of the destination file to the files section of the AppSpec file, and then try again.`,
      );
    }
    return { source: String(source), destination: String(destination) };
  });
}

function parseScript(entry: unknown): AppSpecScript {
  const mapping = asMapping(entry);
  const location = mapping.location === undefined || mapping.location === null ? '' : String(mapping.location).trim();
  if (location === '') {
    throw new AgentError('The deployment failed because the application specification file specifies a script with no location value. Specify the location in the hooks section of the AppSpec file, and then try again.');
  }
  const timeout = mapping.timeout === undefined || mapping.timeout === null ? DEFAULT_TIMEOUT_SECONDS : rubyToI(mapping.timeout);
  if (timeout <= 0) {
    throw new AgentError('The deployment failed because an invalid timeout value was provided for a script in the application specification file. Make corrections in the hooks section of the AppSpec file, and then try again.');
  }
  const runas = mapping.runas === undefined || mapping.runas === null ? undefined : String(mapping.runas).trim();
  return { location, timeout, ...(runas ? { runas } : {}) };
}

/** Ruby's `to_i`: leading digits of a string, truncation of a number, 0 otherwise. */
function rubyToI(value: unknown): number {
  if (typeof value === 'number') return Math.trunc(value);
  const match = /^\s*([-+]?\d+)/.exec(String(value));
  return match ? Number(match[1]) : 0;
}

function parseHooks(value: unknown): Record<string, AppSpecScript[]> {
  const hooks: Record<string, AppSpecScript[]> = {};
  for (const [event, scripts] of Object.entries(value === undefined || value === null ? {} : asMapping(value))) {
    // A hook with no scripts (null or an empty list) is a no-op, as in the agent.
    const parsed = asList(scripts).map(parseScript);
    if (parsed.length > 0) hooks[event] = parsed;
  }
  return hooks;
}

/**
 * Parses and validates an appspec as the CodeDeploy agent does, with the agent's messages (codedeploy.md §1.3).
 * YAML 1.2 is used, so `mode: 0644` reads as 644 rather than Ruby's octal 420.
 */
export function parseAppSpec(text: string): AppSpec {
  let document: unknown;
  try {
    document = yaml().parse(text);
  } catch (error) {
    throw new AgentError(`The deployment failed because the application specification file is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (document === null || document === undefined || document === '') {
    throw new AgentError("The deployment failed because the application specification file was empty. Make sure your AppSpec file defines at minimum the 'version' and 'os' properties.");
  }
  const root = asMapping(document);
  const warnings: string[] = [];
  parseVersion(root.version, warnings);
  const os = parseOs(root.os);
  const fileExistsBehavior = parseBehavior(root.file_exists_behavior);
  const hooks = parseHooks(root.hooks);
  const files = parseFiles(root.files);
  const permissions = asList(root.permissions).map((p) => parsePermission(asMapping(p)));
  return { os, files, ...(fileExistsBehavior ? { fileExistsBehavior } : {}), permissions, hooks, warnings };
}

function asMapping(value: unknown): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new AgentError(`The deployment failed because the application specification file has a value (${rubyText(value)}) where a mapping of keys was expected.`);
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new AgentError(`The deployment failed because the application specification file has a value (${rubyText(value)}) where a list was expected.`);
}

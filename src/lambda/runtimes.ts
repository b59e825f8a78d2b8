/** The language a runtime's bootstrap speaks. */
export type RuntimeLanguage = 'nodejs' | 'python';

/** One Lambda runtime the emulator runs: its language and the version AWS runs it on. */
export interface LambdaRuntime {
  name: string;
  language: RuntimeLanguage;
  /** The major (Node.js) or major.minor (Python) version AWS's runtime has. */
  version: string;
}

/** The runtimes the emulator runs, as AWS names them. */
export const SUPPORTED_RUNTIMES: readonly LambdaRuntime[] = [
  { name: 'nodejs20.x', language: 'nodejs', version: '20' },
  { name: 'nodejs22.x', language: 'nodejs', version: '22' },
  { name: 'python3.12', language: 'python', version: '3.12' },
  { name: 'python3.13', language: 'python', version: '3.13' },
];

/** The runtime of a name, or undefined when the emulator does not run it. */
export function findRuntime(name: string): LambdaRuntime | undefined {
  return SUPPORTED_RUNTIMES.find((r) => r.name === name);
}

/** The versions the lambda image has (`node 20.19.2`, `python 3.13.5`), read from its /var/runtime/versions. */
export type ImageVersions = Partial<Record<'node' | 'python' | 'boto3' | 'aws-sdk', string>>;

/** Parses the image's versions file (one `name version` a line). */
export function parseImageVersions(text: string): ImageVersions {
  const versions: ImageVersions = {};
  for (const line of text.split('\n')) {
    const [name, version] = line.trim().split(/\s+/);
    if (name && version && ['node', 'python', 'boto3', 'aws-sdk'].includes(name)) versions[name as keyof ImageVersions] = version;
  }
  return versions;
}

/**
 * The line a function's log starts with when the image's version is not the runtime's (the image has one Node.js and one
 * Python: Debian's), or undefined when it is.
 */
export function nearestRuntimeNote(runtime: LambdaRuntime, versions: ImageVersions): string | undefined {
  const actual = runtime.language === 'nodejs' ? versions.node : versions.python;
  if (!actual) return undefined;
  const matches = runtime.language === 'nodejs' ? actual.split('.')[0] === runtime.version : actual.split('.').slice(0, 2).join('.') === runtime.version;
  if (matches) return undefined;
  const language = runtime.language === 'nodejs' ? 'Node.js' : 'Python';
  return `codepipeline-local: runtime ${runtime.name} runs on ${language} ${actual}, the nearest version the local Lambda image has`;
}

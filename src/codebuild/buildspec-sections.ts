import type {
  ArtifactDefinition,
  BuildspecArtifacts,
  BuildspecCache,
  BuildspecPhase,
  BuildspecPhaseName,
  OnFailure,
} from './buildspec-types.js';
import { BuildspecStructureError, type BuildspecReader } from './buildspec-nodes.js';

const PHASE_NAMES: readonly string[] = ['install', 'pre_build', 'build', 'post_build'];
// CodeBuild retries three times when RETRY gives no count [doc].
const DEFAULT_RETRIES = 3;
const MAX_RETRIES = 100;

/** Reads `phases`, rejecting names other than CodeBuild's four. */
export function readPhases(node: unknown, reader: BuildspecReader): Partial<Record<BuildspecPhaseName, BuildspecPhase>> {
  const phases: Partial<Record<BuildspecPhaseName, BuildspecPhase>> = {};
  for (const pair of reader.pairs(node, 'phases')) {
    const name = reader.keyOf(pair);
    if (!PHASE_NAMES.includes(name)) {
      throw new BuildspecStructureError(`unknown phase ${name}, the phases are install, pre_build, build and post_build`);
    }
    phases[name as BuildspecPhaseName] = readPhase(pair.value, name, reader);
  }
  return phases;
}

function readPhase(node: unknown, name: string, reader: BuildspecReader): BuildspecPhase {
  const fields = reader.fields(node, name);
  const onFailure = reader.optionalString(fields.get('on-failure'), 'on-failure');
  return {
    commands: reader.stringList(fields.get('commands'), 'Commands', false),
    finally: reader.stringList(fields.get('finally'), 'Finally', false),
    onFailure: onFailure === undefined ? undefined : parseOnFailure(onFailure),
    runAs: reader.optionalString(fields.get('run-as'), 'run-as'),
    runtimeVersions: reader.stringMap(fields.get('runtime-versions'), 'runtime-versions'),
  };
}

/** Parses `ABORT`, `CONTINUE`, `RETRY`, `RETRY-<count>`, `RETRY-<regex>` and `RETRY-<count>-<regex>`. */
function parseOnFailure(value: string): OnFailure {
  if (value === 'ABORT' || value === 'CONTINUE') return { mode: value };
  const retry = /^RETRY(?:-(\d+))?(?:-(.+))?$/s.exec(value);
  if (retry === null) {
    throw new BuildspecStructureError(`invalid value for on-failure: ${value}, expected ABORT, CONTINUE or RETRY`);
  }
  // `RETRY-<regex>` where the regex is all digits reads as a count, as the documented grammar implies.
  const count = retry[1] === undefined ? DEFAULT_RETRIES : Number(retry[1]);
  if (count > MAX_RETRIES) throw new BuildspecStructureError(`invalid retry count ${count} for on-failure, the maximum is 100`);
  try {
    return { mode: 'RETRY', count, pattern: new RegExp(retry[2] ?? '.*', 's') };
  } catch {
    throw new BuildspecStructureError(`invalid regular expression in on-failure: ${retry[2]}`);
  }
}

/** Reads `artifacts` with its `secondary-artifacts`. */
export function readArtifacts(node: unknown, reader: BuildspecReader): BuildspecArtifacts {
  const fields = reader.fields(node, 'artifacts');
  const secondary: Record<string, ArtifactDefinition> = {};
  for (const pair of reader.pairs(fields.get('secondary-artifacts'), 'secondary-artifacts')) {
    const id = reader.keyOf(pair);
    secondary[id] = readArtifactDefinition(pair.value, `secondary-artifacts.${id}`, reader);
  }
  const hasFiles = reader.stringList(fields.get('files'), 'Files', true).length > 0;
  return { primary: hasFiles ? readArtifactDefinition(node, 'artifacts', reader) : undefined, secondary };
}

function readArtifactDefinition(node: unknown, key: string, reader: BuildspecReader): ArtifactDefinition {
  const fields = reader.fields(node, key);
  return {
    files: reader.stringList(fields.get('files'), 'Files', true),
    name: reader.optionalString(fields.get('name'), 'name'),
    discardPaths: reader.flag(fields.get('discard-paths'), 'discard-paths', false),
    baseDirectory: reader.optionalString(fields.get('base-directory'), 'base-directory'),
    excludePaths: reader.stringList(fields.get('exclude-paths'), 'ExcludePaths', true),
    enableSymlinks: reader.flag(fields.get('enable-symlinks'), 'enable-symlinks', false),
    s3Prefix: reader.optionalString(fields.get('s3-prefix'), 's3-prefix'),
  };
}

/** Reads `cache`. */
export function readCache(node: unknown, reader: BuildspecReader): BuildspecCache {
  const fields = reader.fields(node, 'cache');
  const action = reader.optionalString(fields.get('action'), 'action');
  if (action !== undefined && action !== 'restore' && action !== 'save') {
    throw new BuildspecStructureError(`invalid cache action: ${action}, expected restore or save`);
  }
  return {
    paths: reader.stringList(fields.get('paths'), 'Paths', true),
    key: reader.optionalString(fields.get('key'), 'key'),
    fallbackKeys: reader.stringList(fields.get('fallback-keys'), 'FallbackKeys', true),
    action,
  };
}

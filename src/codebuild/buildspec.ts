import type { LineCounter, YAMLError } from 'yaml';
import { yaml } from '../shared/index.js';
import { BuildspecReader, BuildspecStructureError, isEmpty } from './buildspec-nodes.js';
import { readArtifacts, readCache, readPhases } from './buildspec-sections.js';
import { readReports } from './buildspec-reports.js';
import { readBatch } from './buildspec-batch.js';
import type { Buildspec, BuildspecEnv, BuildspecParseResult } from './buildspec-types.js';

// The shapes live in their own file so the section readers can name them without importing this parser.
export { BuildspecPhaseName, type OnFailure, type BuildspecPhase, type ArtifactDefinition, type BuildspecArtifacts, type BuildspecCache, type BuildspecEnv, type Buildspec, type BuildspecParseResult } from './buildspec-types.js';

const SHELLS = new Set(['bash', '/bin/bash', 'sh', '/bin/sh']);

/** Parses and validates buildspec text; a problem comes back as the message CodeBuild puts in its YAML_FILE_ERROR context. */
export function parseBuildspec(text: string): BuildspecParseResult {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  // The failsafe schema keeps every scalar as written: `version: 0.2` stays "0.2", `3.10` is not 3.1, `yes` is not true.
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) return { ok: false, message: yamlErrorMessage(doc.errors[0], lines) };
  try {
    return { ok: true, buildspec: readBuildspec(doc.contents, new BuildspecReader(lines)) };
  } catch (err) {
    if (err instanceof BuildspecStructureError) return { ok: false, message: err.message };
    throw err;
  }
}

function readBuildspec(root: unknown, reader: BuildspecReader): Buildspec {
  const top = reader.fields(root, 'buildspec');
  const version = reader.optionalString(top.get('version'), 'version');
  if (version === undefined) throw new BuildspecStructureError('version is required in the buildspec');
  if (version !== '0.1' && version !== '0.2') {
    throw new BuildspecStructureError(`invalid buildspec version: ${version}, supported versions are 0.1 and 0.2`);
  }
  if (!top.has('phases')) throw new BuildspecStructureError('phases are required in the buildspec');
  const artifacts = top.get('artifacts');
  const cache = top.get('cache');
  return {
    version,
    runAs: reader.optionalString(top.get('run-as'), 'run-as'),
    env: readEnv(top.get('env'), reader),
    phases: readPhases(top.get('phases'), reader),
    artifacts: isEmpty(artifacts) ? undefined : readArtifacts(artifacts, reader),
    cache: isEmpty(cache) ? undefined : readCache(cache, reader),
    reports: readReports(top.get('reports'), reader),
    ...batchOf(top.get('batch'), reader),
  };
}

/** `batch`, or what is wrong with it: a single build ignores the section, so only a batch refuses it. */
function batchOf(node: unknown, reader: BuildspecReader): Pick<Buildspec, 'batch' | 'batchProblem'> {
  try {
    const batch = readBatch(node, reader);
    return batch ? { batch } : {};
  } catch (err) {
    if (err instanceof BuildspecStructureError) return { batchProblem: err.message };
    throw err;
  }
}

function readEnv(node: unknown, reader: BuildspecReader): BuildspecEnv {
  const env = reader.fields(node, 'env');
  const shell = reader.optionalString(env.get('shell'), 'shell');
  if (shell !== undefined && !SHELLS.has(shell)) {
    throw new BuildspecStructureError(`unsupported shell ${shell} for the LINUX_CONTAINER environment type, use bash or /bin/sh`);
  }
  const exportedVariables = reader.stringList(env.get('exported-variables'), 'ExportedVariables', false);
  for (const name of exportedVariables) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new BuildspecStructureError(`invalid exported variable name: ${name}`);
    if (name.startsWith('AWS_')) throw new BuildspecStructureError(`exported variable ${name} cannot start with AWS_`);
  }
  const variables = reader.stringMap(env.get('variables'), 'variables');
  for (const name of Object.keys(variables)) {
    if (name.startsWith('CODEBUILD_')) {
      throw new BuildspecStructureError(`invalid environment variable name: ${name}, names starting with CODEBUILD_ are reserved`);
    }
  }
  return {
    shell,
    variables,
    parameterStore: reader.stringMap(env.get('parameter-store'), 'parameter-store'),
    secretsManager: reader.stringMap(env.get('secrets-manager'), 'secrets-manager'),
    exportedVariables,
    gitCredentialHelper: reader.flag(env.get('git-credential-helper'), 'git-credential-helper', false),
  };
}

/**
 * Words a YAML syntax error as CodeBuild's Go YAML parser does (`found character that cannot start any token at line 3`),
 * since users search for those messages.
 */
function yamlErrorMessage(error: YAMLError, lines: LineCounter): string {
  const line = lines.linePos(error.pos[0]).line;
  const text = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return `${libyamlWording(error.code, text)} at line ${line}`;
}

function libyamlWording(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return 'found character that cannot start any token';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'mapping values are not allowed in this context';
    case 'DUPLICATE_KEY':
      return 'mapping key already defined';
    case 'MISSING_CHAR':
      if (/quote/i.test(message)) return 'found unexpected end of stream';
      return /\}/.test(message) ? "did not find expected ',' or '}'" : "did not find expected ',' or ']'";
    case 'BAD_INDENT':
      if (/flow sequence/i.test(message)) return "did not find expected ',' or ']'";
      if (/flow mapping/i.test(message)) return "did not find expected ',' or '}'";
      return 'did not find expected key';
    case 'UNEXPECTED_TOKEN':
      return 'did not find expected key';
    default:
      return message;
  }
}

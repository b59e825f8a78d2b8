import type { CreatePipelineInput } from '@aws-sdk/client-codepipeline';
import { basename, extname } from 'node:path';
import { loadAwsModel, withDefaults, type PipelineDeclaration } from '../../model/index.js';
import { yaml } from '../../shared/index.js';
import { InputSchemas, parseInput, SerializationException, ValidationException, type HandlerInput, type RequestContext, type ServiceModel } from '../protocol/index.js';
import { assertNoMaskedSecrets, restoreMaskedSecrets } from './declaration-checks.js';
import { jsonErrorOffset } from './json-error-position.js';
import type { CodePipelineDeps } from './deps.js';
import { createPipeline, updatePipeline } from './pipelines.js';

/** What applying one pipeline file did to the stored pipeline of the same name. */
export interface PipelineFileResult {
  outcome: 'created' | 'updated' | 'unchanged';
  name: string;
  version: number;
}

/** Builds the input schemas of the CodePipeline model, which pipeline files are validated against. */
export function pipelineFileSchemas(): InputSchemas {
  return new InputSchemas(loadAwsModel('codepipeline') as ServiceModel);
}

function lineAndColumn(text: string, position: number): { line: number; col: number } {
  const before = text.slice(0, position).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function parseJsonFile(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.replace(/ \(line \d+ column \d+\)$/, '');
    const v8Position = /at position (\d+)/.exec(message)?.[1];
    const { line, col } = lineAndColumn(text, v8Position ? Number(v8Position) : (jsonErrorOffset(text) ?? text.length));
    // V8 quotes a multi-line excerpt after some reasons ("Unexpected token '}', ..."); the line says where.
    const reason = message.replace(/ in JSON at position \d+$/, '').replace(/^(Unexpected token '.+?'), [\s\S]*$/, '$1');
    throw new SerializationException(`${name} is not valid JSON at line ${line}, column ${col}: ${reason}`, { cause: error });
  }
}

function parseYamlFile(name: string, text: string): unknown {
  const document = yaml().parseDocument(text);
  const [error] = document.errors;
  if (!error) return document.toJS();
  const at = error.linePos?.[0];
  // yaml appends " at line L, column C:" and an excerpt; keep only the reason.
  const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const where = at ? ` at line ${at.line}, column ${at.col}` : '';
  throw new SerializationException(`${name} is not valid YAML${where}: ${reason}`, { cause: error });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns a file's document into a CreatePipeline body: get-pipeline output (`metadata` ignored),
 * CreatePipeline input (`pipeline` and `tags`) or a bare declaration; `version` is the server's to set.
 */
function toCreateBody(name: string, document: unknown): Record<string, unknown> {
  const wrapped = isObject(document) && isObject(document.pipeline);
  if (!wrapped && !(isObject(document) && 'stages' in document)) {
    throw new ValidationException(
      `${name} holds no pipeline: expected the output of get-pipeline ({ pipeline, metadata }), a CreatePipeline input ({ pipeline, tags }) or a pipeline declaration with stages`,
    );
  }
  const { version: _ignored, ...pipeline } = (wrapped ? document.pipeline : document) as Record<string, unknown>;
  const tags = wrapped ? document.tags : undefined;
  return { pipeline, ...(tags !== undefined ? { tags } : {}) };
}

/** Parses a pipeline file's text by its extension (JSON, or YAML for `.yaml`/`.yml`), with line numbers in syntax errors. */
export function parsePipelineFile(file: string, text: string): Record<string, unknown> {
  const name = basename(file);
  const isJson = extname(file).toLowerCase() === '.json';
  return toCreateBody(name, isJson ? parseJsonFile(name, text) : parseYamlFile(name, text));
}

function canonical(value: unknown): string {
  // Key order carries no meaning in a declaration, so it must not count as a change.
  return JSON.stringify(value, (_key, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function sameDeclaration(declared: PipelineDeclaration, stored: PipelineDeclaration): boolean {
  // A `****` on an action that has no stored secret is refused here, as UpdatePipeline would refuse it.
  assertNoMaskedSecrets(declared, stored);
  // Compared as the server would store them, without the version, so a restart bumps nothing.
  const normalized = withDefaults(restoreMaskedSecrets(declared, stored), 0);
  return canonical(normalized) === canonical(withDefaults(stored, 0));
}

/**
 * Applies one pipeline file through the same validation and handlers as the API: creates the pipeline
 * when it is missing, updates it when the declaration differs, and throws the wire error otherwise.
 */
export function applyPipelineFile(deps: CodePipelineDeps, schemas: InputSchemas, file: string, text: string, ctx: RequestContext): PipelineFileResult {
  const input = parseInput<HandlerInput<CreatePipelineInput>>(schemas, 'CreatePipelineInput', parsePipelineFile(file, text));
  const name = input.pipeline.name;
  const stored = deps.pipelines.get(ctx, name);
  if (!stored) {
    const created = createPipeline(deps, input, ctx);
    return { outcome: 'created', name, version: created.pipeline.version! };
  }
  if (sameDeclaration(input.pipeline, stored.declaration)) return { outcome: 'unchanged', name, version: stored.declaration.version! };
  const updated = updatePipeline(deps, { pipeline: input.pipeline }, ctx);
  return { outcome: 'updated', name, version: updated.pipeline.version! };
}

import type { Node } from 'yaml';
import { yaml } from '../shared/index.js';
import { BuildspecStructureError, isEmpty, type BuildspecReader } from './buildspec-nodes.js';

/** The environment overrides of one build of a batch (`env` of a build-list/build-graph item, or a matrix combination). */
export interface BatchBuildEnv {
  computeType?: string;
  image?: string;
  privilegedMode?: boolean;
  type?: string;
  variables: Record<string, string>;
}

/** One build a batch runs: its identifier, its buildspec and environment overrides, and what it waits for. */
export interface BatchBuildDefinition {
  identifier: string;
  /** A buildspec path (relative to the source), S3 ARN or inline YAML; absent means the batch's own buildspec. */
  buildspec?: string;
  env: BatchBuildEnv;
  ignoreFailure: boolean;
  /** The identifiers this build waits for (build-graph's `depend-on`). */
  dependOn: string[];
  debugSession: boolean;
}

/** The kinds of batch CodeBuild runs here (`build-fanout` is refused). */
export type BatchKind = 'build-list' | 'build-graph' | 'build-matrix';

/** The `batch` section: how failures end the batch, and the builds it runs. */
export interface BuildspecBatch {
  fastFail: boolean;
  kind: BatchKind;
  builds: BatchBuildDefinition[];
}

const KINDS: readonly string[] = ['build-list', 'build-graph', 'build-matrix', 'build-fanout'];
// CodeBuild's identifiers: letters, digits and underscores [doc: "build identifiers ... must be alphanumeric and underscore"].
const IDENTIFIER = /^[A-Za-z0-9_]{1,127}$/;

/** Reads `batch`; undefined when the buildspec has none. */
export function readBatch(node: unknown, reader: BuildspecReader): BuildspecBatch | undefined {
  if (isEmpty(node)) return undefined;
  const fields = reader.fields(node, 'batch');
  const kinds = [...fields.keys()].filter((k) => KINDS.includes(k));
  for (const key of fields.keys()) {
    if (key !== 'fast-fail' && !KINDS.includes(key)) throw new BuildspecStructureError(`unknown batch key ${key}, expected fast-fail, build-list, build-graph or build-matrix`); // wording inferred
  }
  if (kinds.length !== 1) throw new BuildspecStructureError('exactly one of build-list, build-graph or build-matrix is required in batch'); // wording inferred
  const kind = kinds[0];
  if (kind === 'build-fanout') throw new BuildspecStructureError('build-fanout is not supported by codepipeline-local'); // wording inferred
  const fastFail = reader.flag(fields.get('fast-fail'), 'fast-fail', false);
  const body = fields.get(kind);
  const builds = kind === 'build-matrix' ? readMatrix(body, reader) : readTasks(body, kind, reader);
  checkIdentifiers(builds, kind === 'build-graph');
  return { fastFail, kind: kind as BatchKind, builds };
}

function readTasks(node: unknown, kind: string, reader: BuildspecReader): BatchBuildDefinition[] {
  if (isEmpty(node)) throw new BuildspecStructureError(`${kind} must list at least one build`); // wording inferred
  if (!yaml().isSeq(node)) throw new BuildspecStructureError(`Expected ${kind} to be of array type: found ${yaml().isMap(node) ? 'subkeys' : 'a string'} instead at line ${reader.lineOf(node as Node)}`);
  return node.items.map((item, index) => {
    const fields = reader.fields(item, `${kind}[${index}]`);
    const identifier = reader.optionalString(fields.get('identifier'), 'identifier');
    if (identifier === undefined) throw new BuildspecStructureError(`identifier is required for ${kind}[${index}] at line ${reader.lineOf(item as Node)}`); // wording inferred
    const dependOn = reader.stringList(fields.get('depend-on'), 'depend-on', true);
    if (kind !== 'build-graph' && dependOn.length) throw new BuildspecStructureError(`depend-on is only allowed in build-graph (build ${identifier})`); // wording inferred
    return {
      identifier,
      buildspec: reader.optionalString(fields.get('buildspec'), 'buildspec'),
      env: readEnv(fields.get('env'), reader),
      ignoreFailure: reader.flag(fields.get('ignore-failure'), 'ignore-failure', false),
      dependOn,
      debugSession: reader.flag(fields.get('debug-session'), 'debug-session', false),
    };
  });
}

function readEnv(node: unknown, reader: BuildspecReader): BatchBuildEnv {
  const fields = reader.fields(node, 'env');
  const privileged = fields.get('privileged-mode');
  return {
    computeType: reader.optionalString(fields.get('compute-type'), 'compute-type'),
    image: reader.optionalString(fields.get('image'), 'image'),
    ...(isEmpty(privileged) ? {} : { privilegedMode: reader.flag(privileged, 'privileged-mode', false) }),
    type: reader.optionalString(fields.get('type'), 'type'),
    variables: reader.stringMap(fields.get('variables'), 'variables'),
  };
}

/** One axis of a matrix: the values one setting takes, each applied to a build. */
type Axis = ((build: BatchBuildDefinition) => void)[];

/**
 * Expands `build-matrix`: `static` settings apply to every build; `dynamic` lists values (buildspec, env.compute-type,
 * env.image, env.variables.<NAME>) and one build runs per combination. Identifiers are inferred (build1, build2, ...).
 */
function readMatrix(node: unknown, reader: BuildspecReader): BatchBuildDefinition[] {
  const matrix = reader.fields(node, 'build-matrix');
  const statics = reader.fields(matrix.get('static'), 'static');
  const staticEnv = readEnv(statics.get('env'), reader);
  const ignoreFailure = reader.flag(statics.get('ignore-failure'), 'ignore-failure', false);
  const dynamic = reader.fields(matrix.get('dynamic'), 'dynamic');
  const axes: Axis[] = [];
  const buildspecs = reader.stringList(dynamic.get('buildspec'), 'buildspec', true);
  if (buildspecs.length) axes.push(buildspecs.map((b) => (build) => (build.buildspec = b)));
  const env = reader.fields(dynamic.get('env'), 'env');
  const computeTypes = reader.stringList(env.get('compute-type'), 'compute-type', true);
  if (computeTypes.length) axes.push(computeTypes.map((c) => (build) => (build.env.computeType = c)));
  const images = reader.stringList(env.get('image'), 'image', true);
  if (images.length) axes.push(images.map((i) => (build) => (build.env.image = i)));
  for (const pair of reader.pairs(env.get('variables'), 'variables')) {
    const name = reader.keyOf(pair);
    const values = reader.stringList(pair.value, `variables.${name}`, true);
    if (values.length) axes.push(values.map((v) => (build) => (build.env.variables[name] = v)));
  }
  if (axes.length === 0) throw new BuildspecStructureError('build-matrix needs at least one dynamic value'); // wording inferred
  let combos: ((build: BatchBuildDefinition) => void)[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((combo) => axis.map((apply) => [...combo, apply]));
  return combos.map((combo, index) => {
    const build: BatchBuildDefinition = {
      identifier: `build${index + 1}`,
      env: { ...staticEnv, variables: { ...staticEnv.variables } },
      ignoreFailure,
      dependOn: [],
      debugSession: false,
    };
    for (const apply of combo) apply(build);
    return build;
  });
}

function checkIdentifiers(builds: BatchBuildDefinition[], graph: boolean): void {
  const seen = new Set<string>();
  for (const build of builds) {
    if (!IDENTIFIER.test(build.identifier)) throw new BuildspecStructureError(`invalid build identifier ${build.identifier}, use only letters, digits and underscores`); // wording inferred
    if (build.identifier === 'DOWNLOAD_SOURCE') throw new BuildspecStructureError('build identifier DOWNLOAD_SOURCE is reserved for the batch source download'); // wording inferred
    if (seen.has(build.identifier)) throw new BuildspecStructureError(`duplicate build identifier ${build.identifier}`); // wording inferred
    seen.add(build.identifier);
  }
  if (!graph) return;
  for (const build of builds) {
    for (const dep of build.dependOn) {
      if (!seen.has(dep)) throw new BuildspecStructureError(`build ${build.identifier} depends on unknown build ${dep}`); // wording inferred
    }
  }
  // A cycle would leave its builds waiting forever: refused up front.
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(builds.map((b) => [b.identifier, b]));
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new BuildspecStructureError(`build-graph has a dependency cycle: ${[...path, id].join(' -> ')}`); // wording inferred
    state.set(id, 'visiting');
    for (const dep of byId.get(id)?.dependOn ?? []) visit(dep, [...path, id]);
    state.set(id, 'done');
  };
  for (const build of builds) visit(build.identifier, []);
}

import { yaml } from '../shared/index.js';
import type { LambdaDeploymentSpec } from '../store/index.js';
import { DeploymentRefusal } from './deployment-refusal.js';

type Doc = Record<string, unknown>;
const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(reason: string): DeploymentRefusal {
  return new DeploymentRefusal('InvalidRevision', `The AppSpec file is invalid for the Lambda compute platform: ${reason}`); // wording inferred
}

/** A version an AppSpec names: a number, as YAML may give it unquoted. */
function versionOf(properties: Doc, key: string): string {
  const value = properties[key];
  if ((typeof value !== 'string' && typeof value !== 'number') || !/^\d+$/.test(String(value))) throw invalid(`Properties.${key} must be a published version number.`);
  return String(value);
}

function textOf(properties: Doc, key: string): string {
  const value = properties[key];
  if (typeof value !== 'string' || value === '') throw invalid(`Properties.${key} is required.`);
  return value;
}

/** The hooks section: a list of one-key maps (`- BeforeAllowTraffic: fn`), as AWS's examples write it, or one map. */
function hooksOf(hooks: unknown): Pick<LambdaDeploymentSpec, 'beforeAllowTraffic' | 'afterAllowTraffic'> {
  if (hooks === undefined || hooks === null) return {};
  const entries = Array.isArray(hooks) ? hooks.flatMap((h) => (isObject(h) ? Object.entries(h) : [])) : isObject(hooks) ? Object.entries(hooks) : undefined;
  if (!entries) throw invalid('Hooks must be a list of BeforeAllowTraffic and AfterAllowTraffic entries.');
  const found: Pick<LambdaDeploymentSpec, 'beforeAllowTraffic' | 'afterAllowTraffic'> = {};
  for (const [name, fn] of entries) {
    if (name !== 'BeforeAllowTraffic' && name !== 'AfterAllowTraffic') throw invalid(`${name} is not a lifecycle event hook of a Lambda deployment: use BeforeAllowTraffic or AfterAllowTraffic.`);
    if (typeof fn !== 'string' || !fn) throw invalid(`the ${name} hook must name a Lambda function.`);
    found[name === 'BeforeAllowTraffic' ? 'beforeAllowTraffic' : 'afterAllowTraffic'] = fn;
  }
  return found;
}

/**
 * Reads a Lambda AppSpec (YAML or JSON): `Resources` holds one `AWS::Lambda::Function` whose Properties name the
 * function, the alias and its CurrentVersion and TargetVersion; `Hooks` names the BeforeAllowTraffic and
 * AfterAllowTraffic functions. Refused as InvalidRevision when it is not such a file.
 */
export function parseLambdaAppSpec(content: string): LambdaDeploymentSpec {
  let doc: unknown;
  try {
    doc = yaml().parse(content);
  } catch (error) {
    throw invalid(`it is neither YAML nor JSON (${(error as Error).message.split('\n')[0]}).`);
  }
  if (!isObject(doc)) throw invalid('it must be a map with version, Resources and Hooks.');
  const resources = Array.isArray(doc.Resources) ? doc.Resources.flatMap((r) => (isObject(r) ? Object.values(r) : [])) : isObject(doc.Resources) ? Object.values(doc.Resources) : [];
  const functions = resources.filter((r): r is Doc => isObject(r) && r.Type === 'AWS::Lambda::Function');
  if (functions.length !== 1) throw invalid('Resources must hold exactly one resource of Type AWS::Lambda::Function.');
  const properties = functions[0].Properties;
  if (!isObject(properties)) throw invalid('the AWS::Lambda::Function resource needs Properties.');
  const spec: LambdaDeploymentSpec = {
    functionName: textOf(properties, 'Name'),
    alias: textOf(properties, 'Alias'),
    currentVersion: versionOf(properties, 'CurrentVersion'),
    targetVersion: versionOf(properties, 'TargetVersion'),
    ...hooksOf(doc.Hooks),
  };
  if (spec.currentVersion === spec.targetVersion) throw invalid('CurrentVersion and TargetVersion must differ.'); // inferred: AWS has nothing to shift
  return spec;
}

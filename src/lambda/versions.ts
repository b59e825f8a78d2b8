import type { LambdaAliasRecord, LambdaFunctionRecord, Scope } from '../model/index.js';
import { formatArn, type Clock, type Ids } from '../shared/index.js';
import type { LambdaFunctionStore, LambdaVersionStore } from '../store/index.js';
import { parseFunctionName } from './function-settings.js';
import { LambdaRefusal } from './lambda-refusal.js';

/** What CreateAlias and UpdateAlias set; absent members of an update are left as they are. */
export interface AliasSettings {
  functionVersion?: string;
  description?: string;
  /** AdditionalVersionWeights; an empty map removes the routing. */
  additionalVersionWeights?: Record<string, number>;
}

const LATEST = '$LATEST';
const isVersionNumber = (q: string) => /^\d+$/.test(q);

/**
 * A function's published versions (immutable snapshots of its code and configuration, numbered from 1) and its aliases
 * (names pointing at a version, optionally sending a weighted share of invocations to a second one).
 */
export class FunctionVersions {
  constructor(
    private readonly functions: LambdaFunctionStore,
    private readonly store: LambdaVersionStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** PublishVersion: a snapshot of $LATEST; the latest version itself when nothing changed since it was published. */
  publish(scope: Scope, functionName: string, request: { codeSha256?: string; description?: string; revisionId?: string }): LambdaFunctionRecord {
    const latest = this.latest(scope, functionName);
    if (request.revisionId !== undefined && request.revisionId !== latest.revisionId) {
      throw new LambdaRefusal('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
    }
    if (request.codeSha256 !== undefined && request.codeSha256 !== latest.codeSha256) {
      throw new LambdaRefusal('InvalidParameterValueException', `CodeSHA256 (${request.codeSha256}) is different from current CodeSHA256 in $LATEST (${latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
    }
    const last = latest.lastVersion ? this.store.getVersion(scope, latest.name, String(latest.lastVersion)) : undefined;
    if (last && last.publishedFromRevisionId === latest.revisionId) return last;
    const number = (latest.lastVersion ?? 0) + 1;
    const { lastVersion: _l, tags: _t, ...config } = latest;
    const version: LambdaFunctionRecord = {
      ...config,
      version: String(number),
      arn: `${latest.arn}:${number}`,
      description: request.description ?? latest.description,
      lastModifiedMs: this.clock.now(),
      revisionId: this.ids.uuid(),
      publishedFromRevisionId: latest.revisionId,
    };
    this.store.insertVersion(version);
    this.functions.update({ ...latest, lastVersion: number });
    return version;
  }

  /** ListVersionsByFunction: $LATEST, then the versions oldest first. */
  list(scope: Scope, functionName: string): LambdaFunctionRecord[] {
    const latest = this.latest(scope, functionName);
    return [latest, ...this.store.listVersions(scope, latest.name)];
  }

  /** The record a qualifier names: $LATEST, a version, or the version an alias points at (its primary one). */
  resolve(scope: Scope, latest: LambdaFunctionRecord, qualifier: string): LambdaFunctionRecord {
    if (qualifier === LATEST) return latest;
    if (isVersionNumber(qualifier)) {
      const version = this.store.getVersion(scope, latest.name, qualifier);
      if (!version) throw notFound(latest, qualifier);
      return version;
    }
    const alias = this.store.getAlias(scope, latest.name, qualifier);
    if (!alias) throw notFound(latest, qualifier);
    return this.resolve(scope, latest, alias.functionVersion);
  }

  /** The version an invocation of an alias runs: the additional version with its weight's probability, else the alias's. */
  pick(scope: Scope, latest: LambdaFunctionRecord, qualifier: string, random: () => number = Math.random): LambdaFunctionRecord {
    const alias = isVersionNumber(qualifier) || qualifier === LATEST ? undefined : this.store.getAlias(scope, latest.name, qualifier);
    if (!alias) return this.resolve(scope, latest, qualifier);
    let roll = random();
    for (const [version, weight] of Object.entries(alias.additionalVersionWeights ?? {})) {
      if (roll < weight) return this.resolve(scope, latest, version);
      roll -= weight;
    }
    return this.resolve(scope, latest, alias.functionVersion);
  }

  /** CreateAlias. */
  createAlias(scope: Scope, functionName: string, name: string, settings: AliasSettings & { functionVersion: string }): LambdaAliasRecord {
    const latest = this.latest(scope, functionName);
    const arn = `${latest.arn}:${name}`;
    if (this.store.getAlias(scope, latest.name, name)) throw new LambdaRefusal('ResourceConflictException', `Alias already exists: ${arn}`);
    const record: LambdaAliasRecord = {
      account: scope.account,
      region: scope.region,
      functionName: latest.name,
      name,
      arn,
      functionVersion: settings.functionVersion,
      description: settings.description ?? '',
      ...(settings.additionalVersionWeights && Object.keys(settings.additionalVersionWeights).length ? { additionalVersionWeights: settings.additionalVersionWeights } : {}),
      revisionId: this.ids.uuid(),
    };
    this.checkAlias(scope, latest, record);
    if (!this.store.insertAlias(record)) throw new LambdaRefusal('ResourceConflictException', `Alias already exists: ${arn}`);
    return record;
  }

  /** UpdateAlias: a new version, description or routing (RevisionId checked when given). */
  updateAlias(scope: Scope, functionName: string, name: string, settings: AliasSettings, revisionId?: string): LambdaAliasRecord {
    const current = this.getAlias(scope, functionName, name);
    if (revisionId !== undefined && revisionId !== current.revisionId) {
      throw new LambdaRefusal('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
    }
    const { additionalVersionWeights: previousWeights, ...rest } = current;
    const weights = settings.additionalVersionWeights ?? previousWeights;
    const next: LambdaAliasRecord = {
      ...rest,
      ...(settings.functionVersion !== undefined ? { functionVersion: settings.functionVersion } : {}),
      ...(settings.description !== undefined ? { description: settings.description } : {}),
      ...(weights && Object.keys(weights).length ? { additionalVersionWeights: weights } : {}),
      revisionId: this.ids.uuid(),
    };
    this.checkAlias(scope, this.latest(scope, functionName), next);
    this.store.updateAlias(next);
    return next;
  }

  /** GetAlias. */
  getAlias(scope: Scope, functionName: string, name: string): LambdaAliasRecord {
    const latest = this.latest(scope, functionName);
    const alias = this.store.getAlias(scope, latest.name, name);
    if (!alias) throw new LambdaRefusal('ResourceNotFoundException', `Cannot find alias arn: ${latest.arn}:${name}`);
    return alias;
  }

  /** ListAliases: in name order, those pointing at `functionVersion` when it is given. */
  listAliases(scope: Scope, functionName: string, functionVersion?: string): LambdaAliasRecord[] {
    const latest = this.latest(scope, functionName);
    return this.store.listAliases(scope, latest.name).filter((a) => functionVersion === undefined || a.functionVersion === functionVersion);
  }

  /** DeleteAlias: answers the same whether or not the alias existed, as Lambda does. */
  deleteAlias(scope: Scope, functionName: string, name: string): void {
    this.store.deleteAlias(scope, parseFunctionName(functionName).name, name);
  }

  /** DeleteFunction with a version Qualifier: refused while an alias points at it. */
  deleteVersion(scope: Scope, latest: LambdaFunctionRecord, version: string): LambdaFunctionRecord {
    const record = this.resolve(scope, latest, version);
    const users = this.store.listAliases(scope, latest.name).filter((a) => a.functionVersion === version || a.additionalVersionWeights?.[version] !== undefined);
    if (users.length) throw new LambdaRefusal('ResourceConflictException', `Unable to delete version because the following aliases reference it: [${users.map((a) => a.name).join(', ')}]`); // wording inferred
    this.store.deleteVersion(scope, latest.name, version);
    return record;
  }

  private checkAlias(scope: Scope, latest: LambdaFunctionRecord, alias: LambdaAliasRecord): void {
    this.resolve(scope, latest, requireVersion(alias.functionVersion));
    const weights = Object.entries(alias.additionalVersionWeights ?? {});
    if (weights.length > 1) throw new LambdaRefusal('InvalidParameterValueException', 'Number of items in AdditionalVersionWeights cannot be greater than 1'); // wording inferred
    for (const [version, weight] of weights) {
      if (alias.functionVersion === LATEST || version === LATEST) throw new LambdaRefusal('InvalidParameterValueException', '$LATEST is not supported for an alias pointing to more than 1 version');
      if (version === alias.functionVersion) {
        throw new LambdaRefusal('InvalidParameterValueException', `Invalid function version ${version}. Function version ${version} is already included in routing configuration.`);
      }
      if (!(weight >= 0 && weight <= 1)) throw new LambdaRefusal('InvalidParameterValueException', `Invalid weight ${weight}: a weight is between 0.0 and 1.0.`); // wording inferred
      this.resolve(scope, latest, version);
    }
  }

  private latest(scope: Scope, functionName: string): LambdaFunctionRecord {
    const { name } = parseFunctionName(functionName);
    const latest = this.functions.get(scope, name);
    if (!latest) throw new LambdaRefusal('ResourceNotFoundException', `Function not found: ${functionArnOf(scope, name)}`);
    return latest;
  }
}

function requireVersion(version: string): string {
  if (version !== LATEST && !isVersionNumber(version)) throw new LambdaRefusal('InvalidParameterValueException', `Invalid function version ${version}: an alias points at $LATEST or a version number.`); // wording inferred
  return version;
}

function notFound(latest: LambdaFunctionRecord, qualifier: string): LambdaRefusal {
  return new LambdaRefusal('ResourceNotFoundException', `Function not found: ${latest.arn}:${qualifier}`);
}

function functionArnOf(scope: Scope, name: string): string {
  return formatArn({ service: 'lambda', region: scope.region, account: scope.account, resource: `function:${name}` });
}

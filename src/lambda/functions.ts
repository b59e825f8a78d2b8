import type { LambdaFunctionRecord, Scope } from '../model/index.js';
import { formatArn, type Clock, type Ids } from '../shared/index.js';
import type { LambdaFunctionStore, LambdaVersionStore } from '../store/index.js';
import { FunctionCodeStore } from './function-code.js';
import { checkSettings, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, parseFunctionName, type FunctionSettings } from './function-settings.js';
import { LambdaRefusal } from './lambda-refusal.js';
import { FunctionVersions } from './versions.js';

/** What CreateFunction asks for. */
export interface NewFunction extends FunctionSettings {
  name: string;
  runtime: string;
  role: string;
  handler: string;
  zip: Uint8Array;
  /** True when the zip came from S3, which is not held to the 50 MB of a zip sent in the request. */
  fromS3?: boolean;
  tags?: Record<string, string>;
}

/** The ARN of a function ($LATEST is the unqualified ARN). */
export function functionArn(scope: Scope, name: string): string {
  return formatArn({ service: 'lambda', region: scope.region, account: scope.account, resource: `function:${name}` });
}

/** Lambda functions: their configuration in the store, their code zips in files; listeners hear of every change. */
export class LambdaFunctions {
  private readonly listeners = new Set<(arn: string) => void>();
  /** The functions' published versions and aliases. */
  readonly versions: FunctionVersions;

  constructor(
    private readonly store: LambdaFunctionStore,
    private readonly versionStore: LambdaVersionStore,
    readonly code: FunctionCodeStore,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {
    this.versions = new FunctionVersions(store, versionStore, clock, ids);
  }

  /** Calls `listener` with a function's ARN whenever its code or configuration changes or it is deleted. */
  onChange(listener: (arn: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** CreateFunction. */
  create(scope: Scope, input: NewFunction): LambdaFunctionRecord {
    const { name } = parseFunctionName(input.name);
    if (!input.handler) throw new LambdaRefusal('InvalidParameterValueException', 'The Handler parameter is required for a function whose package type is Zip.'); // wording inferred
    checkSettings(input);
    if (this.store.get(scope, name)) throw new LambdaRefusal('ResourceConflictException', `Function already exist: ${name}`);
    const digest = this.code.put(input.zip, !input.fromS3);
    const record: LambdaFunctionRecord = {
      ...scope,
      name,
      arn: functionArn(scope, name),
      runtime: input.runtime,
      role: input.role,
      handler: input.handler,
      description: input.description ?? '',
      timeout: input.timeout ?? DEFAULT_TIMEOUT_SECONDS,
      memorySize: input.memorySize ?? DEFAULT_MEMORY_MB,
      ...(input.environment ? { environment: input.environment } : {}),
      ...digest,
      lastModifiedMs: this.clock.now(),
      revisionId: this.ids.uuid(),
      ...(input.tags ? { tags: input.tags } : {}),
    };
    if (!this.store.insert(record)) throw new LambdaRefusal('ResourceConflictException', `Function already exist: ${name}`);
    return record;
  }

  /**
   * The function a FunctionName parameter (and Qualifier) names: $LATEST, a version, or the version an alias points at;
   * ResourceNotFoundException when there is none.
   */
  get(scope: Scope, functionName: string, qualifier?: string): LambdaFunctionRecord {
    const parsed = parseFunctionName(functionName);
    const version = qualifier ?? parsed.qualifier;
    const record = this.store.get(scope, parsed.name);
    if (!record) throw new LambdaRefusal('ResourceNotFoundException', `Function not found: ${functionArn(scope, parsed.name)}${version !== undefined ? `:${version}` : ''}`);
    return version === undefined ? record : this.versions.resolve(scope, record, version);
  }

  /** The version an invocation runs: as `get`, but an alias with a routing weight picks its version by weight. */
  pick(scope: Scope, functionName: string, qualifier?: string, random?: () => number): LambdaFunctionRecord {
    const parsed = parseFunctionName(functionName);
    const version = qualifier ?? parsed.qualifier;
    const record = this.get(scope, parsed.name);
    return version === undefined ? record : this.versions.pick(scope, record, version, random);
  }

  /** The functions of a scope, in name order. */
  list(scope: Scope): LambdaFunctionRecord[] {
    return this.store.list(scope);
  }

  /** UpdateFunctionCode. */
  updateCode(scope: Scope, functionName: string, zip: Uint8Array, revisionId?: string, fromS3 = false): LambdaFunctionRecord {
    const current = this.checkRevision(this.latest(scope, functionName), revisionId);
    const digest = this.code.put(zip, !fromS3);
    return this.save(current, { ...current, ...digest });
  }

  /** UpdateFunctionConfiguration. */
  updateConfiguration(scope: Scope, functionName: string, settings: FunctionSettings, revisionId?: string): LambdaFunctionRecord {
    const current = this.checkRevision(this.latest(scope, functionName), revisionId);
    checkSettings(settings);
    const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as FunctionSettings;
    return this.save(current, { ...current, ...defined });
  }

  /** TagResource / UntagResource: changes a function's tags (its configuration and RevisionId stay as they are). */
  retag(scope: Scope, functionArn: string, add: Record<string, string>, remove: readonly string[] = []): void {
    if (parseFunctionName(functionArn).qualifier !== undefined) throw new LambdaRefusal('InvalidParameterValueException', 'Tags on function aliases and versions are not supported. Please specify a function ARN.');
    const record = this.get(scope, functionArn);
    const tags = { ...record.tags, ...add };
    for (const key of remove) delete tags[key];
    this.store.update({ ...record, tags });
  }

  /** DeleteFunction: the function with its versions and aliases, or (with a version Qualifier) one version. */
  delete(scope: Scope, functionName: string, qualifier?: string): void {
    const parsed = parseFunctionName(functionName);
    const version = qualifier ?? parsed.qualifier;
    const latest = this.get(scope, parsed.name);
    if (version !== undefined && version !== '$LATEST') {
      if (!/^\d+$/.test(version)) throw new LambdaRefusal('InvalidParameterValueException', 'Deletion of aliases is not currently supported.');
      const removed = this.versions.deleteVersion(scope, latest, version);
      if (!this.usesCode(removed.codeSha256)) this.code.remove(removed.codeSha256);
      this.listeners.forEach((l) => l(removed.arn));
      return;
    }
    const versions = this.versionStore.listVersions(scope, latest.name);
    this.store.delete(scope, latest.name);
    this.versionStore.deleteAll(scope, latest.name);
    for (const digest of new Set([latest.codeSha256, ...versions.map((v) => v.codeSha256)])) if (!this.usesCode(digest)) this.code.remove(digest);
    [latest, ...versions].forEach((r) => this.listeners.forEach((l) => l(r.arn)));
  }

  /** The unpublished function a change applies to: a name qualified with anything but $LATEST is refused, as Lambda does. */
  private latest(scope: Scope, functionName: string): LambdaFunctionRecord {
    const { name, qualifier } = parseFunctionName(functionName);
    if (qualifier !== undefined && qualifier !== '$LATEST') {
      throw new LambdaRefusal('InvalidParameterValueException', 'Current operation does not support versions other than $LATEST. Please set version to $LATEST or do not set a version in your ARN.');
    }
    return this.get(scope, name);
  }

  private usesCode(digest: string): boolean {
    return this.store.usesCode(digest) || this.versionStore.usesCode(digest);
  }

  private save(previous: LambdaFunctionRecord, next: LambdaFunctionRecord): LambdaFunctionRecord {
    const record = { ...next, lastModifiedMs: this.clock.now(), revisionId: this.ids.uuid() };
    this.store.update(record);
    if (previous.codeSha256 !== record.codeSha256 && !this.usesCode(previous.codeSha256)) this.code.remove(previous.codeSha256);
    this.listeners.forEach((l) => l(record.arn));
    return record;
  }

  private checkRevision(record: LambdaFunctionRecord, revisionId: string | undefined): LambdaFunctionRecord {
    if (revisionId !== undefined && revisionId !== record.revisionId) {
      throw new LambdaRefusal('PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
    }
    return record;
  }
}

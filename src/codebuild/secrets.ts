import { readFileSync } from 'node:fs';
import { parseArn } from '../shared/index.js';
import type { CodeBuildEnvironmentVariable } from '../store/index.js';

/**
 * The local stand-in for SSM Parameter Store and Secrets Manager: a JSON file (config.secretsFile) of the form
 * `{ "parameter-store": { "/name": "value" }, "secrets-manager": { "secret-id": "text" | { "json-key": "value" } } }`.
 * It is read at every build, so edits apply to the next build without a restart.
 */
export interface SecretsFileContent {
  'parameter-store'?: Record<string, string>;
  'secrets-manager'?: Record<string, unknown>;
}

/** A PARAMETER_STORE or SECRETS_MANAGER value that cannot be resolved; CodeBuild fails the build with this context. */
export class SecretLookupError extends Error {
  constructor(
    readonly statusCode: 'Decrypted Variables Error' | 'Secrets Manager Error',
    message: string,
  ) {
    super(message);
    this.name = 'SecretLookupError';
  }
}

// A secret given by ARN keeps its own colons: arn:aws:secretsmanager:<region>:<account>:secret:<name>.
const SECRET_ARN_PARTS = 7;

/** Splits `secret-id[:json-key[:version-stage[:version-id]]]`; a secret ARN counts as one id. */
export function parseSecretReference(reference: string): { secretId: string; jsonKey?: string } {
  const parts = reference.split(':');
  const idParts = parseArn(reference) ? SECRET_ARN_PARTS : 1;
  const secretId = parts.slice(0, idParts).join(':');
  const jsonKey = parts[idParts];
  return { secretId, ...(jsonKey ? { jsonKey } : {}) };
}

/** Resolves PARAMETER_STORE and SECRETS_MANAGER environment variables from the local secrets file. */
export class SecretsFile {
  constructor(private readonly path: string | undefined) {}

  /** Resolves every variable to a plain value; returns the resolved list and the secret values, to be masked in logs. */
  resolveAll(variables: CodeBuildEnvironmentVariable[]): { variables: CodeBuildEnvironmentVariable[]; secrets: string[] } {
    const needsFile = variables.some((v) => v.type === 'PARAMETER_STORE' || v.type === 'SECRETS_MANAGER');
    const content = needsFile ? this.read() : {};
    const secrets: string[] = [];
    const resolved = variables.map((v) => {
      if (v.type !== 'PARAMETER_STORE' && v.type !== 'SECRETS_MANAGER') return v;
      const value = v.type === 'PARAMETER_STORE' ? this.parameter(content, v.value) : this.secret(content, v.value);
      secrets.push(value);
      return { ...v, value };
    });
    return { variables: resolved, secrets };
  }

  /** Resolves one buildspec `env.parameter-store` / `env.secrets-manager` reference, reading the file afresh. */
  resolveOne(type: 'PARAMETER_STORE' | 'SECRETS_MANAGER', reference: string): string {
    const content = this.read();
    return type === 'PARAMETER_STORE' ? this.parameter(content, reference) : this.secret(content, reference);
  }

  /** The value of one parameter, as ssm:GetParameters would return it. */
  parameter(content: SecretsFileContent, name: string): string {
    // Parameters may be named by ARN: arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>.
    const resource = parseArn(name, { service: 'ssm' })?.resource;
    const arn = resource?.startsWith('parameter/') ? resource.slice('parameter'.length) : undefined;
    const key = arn ?? name;
    const store = content['parameter-store'] ?? {};
    const value = store[key] ?? (arn ? store[key.slice(1)] : undefined);
    if (typeof value !== 'string') {
      throw new SecretLookupError('Decrypted Variables Error', `parameter does not exist: ${name} (not under "parameter-store" in ${this.describe()})`);
    }
    return value;
  }

  /** The value of one secret reference, with CodeBuild's `secret-id:json-key` selection. */
  secret(content: SecretsFileContent, reference: string): string {
    const { secretId, jsonKey } = parseSecretReference(reference);
    const secret = (content['secrets-manager'] ?? {})[secretId];
    if (secret === undefined) {
      throw new SecretLookupError(
        'Secrets Manager Error',
        `ResourceNotFoundException: Secrets Manager can't find the specified secret. (${secretId} is not under "secrets-manager" in ${this.describe()})`,
      );
    }
    if (jsonKey === undefined) return typeof secret === 'string' ? secret : JSON.stringify(secret);
    const object = typeof secret === 'string' ? parseObject(secret) : secret;
    const value = object && typeof object === 'object' ? (object as Record<string, unknown>)[jsonKey] : undefined;
    if (value === undefined) throw new SecretLookupError('Secrets Manager Error', `Unable to find the json key ${jsonKey} in the secret ${secretId} (${this.describe()})`);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  private read(): SecretsFileContent {
    if (!this.path) {
      throw new SecretLookupError(
        'Decrypted Variables Error',
        'PARAMETER_STORE and SECRETS_MANAGER variables need a secrets file: start codepipeline-local with --secrets-file FILE (or CODEPIPELINE_LOCAL_SECRETS_FILE)',
      );
    }
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('it is not a JSON object');
      return parsed as SecretsFileContent;
    } catch (error) {
      throw new SecretLookupError('Decrypted Variables Error', `Cannot read the secrets file ${this.path}: ${(error as Error).message}`);
    }
  }

  private describe(): string {
    return `the secrets file ${this.path}`;
  }
}

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

import type { BuildRequest } from './build-request.js';
import type { Buildspec } from './buildspec.js';

/** The buildspec's parameter-store and secrets-manager variables resolved, or the context of the first lookup that failed. */
export type BuildspecSecrets = { ok: true; values: Record<string, string> } | { ok: false; statusCode: string; message: string };

// The status codes CodeBuild shows when these lookups fail [recalled from real build logs, unverified].
const STATUS_CODES = { PARAMETER_STORE: 'Decrypted Variables Error', SECRETS_MANAGER: 'Secrets Manager Error' } as const;

/** Resolves `env.parameter-store` and `env.secrets-manager` through the request's resolver. */
export async function resolveBuildspecSecrets(request: BuildRequest, buildspec: Buildspec | undefined): Promise<BuildspecSecrets> {
  const wanted = [
    ...Object.entries(buildspec?.env.parameterStore ?? {}).map(([name, ref]) => ['PARAMETER_STORE', name, ref] as const),
    ...Object.entries(buildspec?.env.secretsManager ?? {}).map(([name, ref]) => ['SECRETS_MANAGER', name, ref] as const),
  ];
  const values: Record<string, string> = {};
  for (const [type, name, reference] of wanted) {
    if (request.resolveBuildspecSecret === undefined) {
      const message = `cannot resolve ${reference} for ${name}: no ${type === 'PARAMETER_STORE' ? 'parameter store' : 'secrets manager'} is configured`;
      return { ok: false, statusCode: STATUS_CODES[type], message };
    }
    try {
      values[name] = await request.resolveBuildspecSecret(type, reference);
    } catch (err) {
      return { ok: false, statusCode: STATUS_CODES[type], message: err instanceof Error ? err.message : String(err) };
    }
  }
  return { ok: true, values };
}

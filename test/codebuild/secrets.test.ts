import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSecretReference, SecretLookupError, SecretsFile } from '../../src/codebuild/index.js';

describe('SecretsFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpl-secrets-'));
  const path = join(dir, 'secrets.json');
  writeFileSync(
    path,
    JSON.stringify({
      'parameter-store': { '/ci/npm-token': 'npm-123', plain: 'p' },
      'secrets-manager': { 'prod/db': { password: 'hunter2', port: 5432 }, token: 'raw-text', 'arn:aws:secretsmanager:us-east-1:000000000000:secret:api-AbCdEf': '{"key":"k1"}' },
    }),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const secrets = new SecretsFile(path);

  it('resolves PARAMETER_STORE by name and SECRETS_MANAGER by id and json key, leaving PLAINTEXT alone', () => {
    const out = secrets.resolveAll([
      { name: 'A', value: '/ci/npm-token', type: 'PARAMETER_STORE' },
      { name: 'B', value: 'prod/db:password', type: 'SECRETS_MANAGER' },
      { name: 'C', value: 'prod/db:port', type: 'SECRETS_MANAGER' },
      { name: 'D', value: 'token', type: 'SECRETS_MANAGER' },
      { name: 'E', value: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:api-AbCdEf:key::', type: 'SECRETS_MANAGER' },
      { name: 'F', value: 'as is', type: 'PLAINTEXT' },
      { name: 'G', value: 'arn:aws:ssm:us-east-1:000000000000:parameter/ci/npm-token', type: 'PARAMETER_STORE' },
    ]);
    expect(out.variables.map((v) => v.value)).toEqual(['npm-123', 'hunter2', '5432', 'raw-text', 'k1', 'as is', 'npm-123']);
    expect(out.secrets).toEqual(['npm-123', 'hunter2', '5432', 'raw-text', 'k1', 'npm-123']);
  });

  it('returns a whole JSON secret as its JSON text', () => {
    expect(secrets.resolveAll([{ name: 'S', value: 'prod/db', type: 'SECRETS_MANAGER' }]).variables[0].value).toBe('{"password":"hunter2","port":5432}');
  });

  describe('when a parameter is missing', () => {
    it('fails with CodeBuild\'s Decrypted Variables Error naming the parameter and the file', () => {
      const error = (() => {
        try {
          secrets.resolveAll([{ name: 'A', value: '/nope', type: 'PARAMETER_STORE' }]);
        } catch (e) {
          return e as SecretLookupError;
        }
      })();
      expect(error).toBeInstanceOf(SecretLookupError);
      expect(error!.statusCode).toBe('Decrypted Variables Error');
      expect(error!.message).toContain('parameter does not exist: /nope');
      expect(error!.message).toContain(path);
    });
  });

  describe('when a secret or its json key is missing', () => {
    it('fails with a Secrets Manager Error', () => {
      expect(() => secrets.resolveAll([{ name: 'A', value: 'missing', type: 'SECRETS_MANAGER' }])).toThrow(/Secrets Manager can't find the specified secret/);
      expect(() => secrets.resolveAll([{ name: 'A', value: 'prod/db:user', type: 'SECRETS_MANAGER' }])).toThrow(/json key user/);
    });
  });

  describe('when no secrets file is configured', () => {
    it('says how to configure one, and only when a secret is needed', () => {
      const none = new SecretsFile(undefined);
      expect(none.resolveAll([{ name: 'A', value: 'x' }]).variables).toEqual([{ name: 'A', value: 'x' }]);
      expect(() => none.resolveAll([{ name: 'A', value: '/x', type: 'PARAMETER_STORE' }])).toThrow(/--secrets-file/);
    });
  });
});

describe('parseSecretReference', () => {
  it('keeps a secret ARN whole and reads the json key after it', () => {
    expect(parseSecretReference('arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCd:password')).toEqual({
      secretId: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:db-AbCd',
      jsonKey: 'password',
    });
    expect(parseSecretReference('db:password:AWSCURRENT')).toEqual({ secretId: 'db', jsonKey: 'password' });
    expect(parseSecretReference('db')).toEqual({ secretId: 'db' });
  });
});

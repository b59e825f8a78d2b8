import { describe, expect, it } from 'vitest';
import { callerArn, readRequestContext } from '../../../src/api/protocol/index.js';

const defaults = { account: '000000000000', region: 'us-east-1' };
const signed = (key: string) => `AWS4-HMAC-SHA256 Credential=${key}/20260101/eu-west-1/codecommit/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;

describe('callerArn', () => {
  it.each([
    ['an access key id', signed('Mary_Major'), 'arn:aws:iam::000000000000:user/Mary_Major'],
    ['the default key test', signed('test'), 'arn:aws:iam::000000000000:root'],
    ['a key that is an account number', signed('111122223333'), 'arn:aws:iam::111122223333:root'],
    ['an unsigned request', undefined, 'arn:aws:iam::000000000000:root'],
  ])('gives %s its ARN', (_what, authorization, expected) => {
    expect(callerArn(readRequestContext(authorization, 'r', defaults))).toBe(expected);
  });
});

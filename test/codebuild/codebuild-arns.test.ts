import { describe, expect, it } from 'vitest';
import { buildArn, projectArn, s3ManagedKeyArn } from '../../src/codebuild/index.js';

describe('CodeBuild ARNs', () => {
  const scope = { account: '123456789012', region: 'eu-west-1' };

  it('names projects, builds and the AWS managed S3 key of the account and region', () => {
    expect(projectArn(scope, 'web')).toBe('arn:aws:codebuild:eu-west-1:123456789012:project/web');
    expect(buildArn(scope, 'web:0d6f')).toBe('arn:aws:codebuild:eu-west-1:123456789012:build/web:0d6f');
    expect(s3ManagedKeyArn(scope)).toBe('arn:aws:kms:eu-west-1:123456789012:alias/aws/s3');
  });
});

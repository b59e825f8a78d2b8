import { describe, expect, it } from 'vitest';
import { formatArn, parseArn, s3PathOf } from '../../src/shared/index.js';

describe('parseArn', () => {
  it('splits an ARN of any partition, the resource keeping its colons', () => {
    expect(parseArn('arn:aws-us-gov:codedeploy:us-gov-west-1:123456789012:deploymentgroup:app/group')).toEqual({
      partition: 'aws-us-gov',
      service: 'codedeploy',
      region: 'us-gov-west-1',
      account: '123456789012',
      resource: 'deploymentgroup:app/group',
    });
  });

  it('reads back what formatArn builds', () => {
    const arn = formatArn({ service: 'codepipeline', region: 'eu-west-1', account: '123456789012', resource: 'my-pipeline' });
    expect(arn).toBe('arn:aws:codepipeline:eu-west-1:123456789012:my-pipeline');
    expect(parseArn(arn, { service: 'codepipeline', accountId: true })?.resource).toBe('my-pipeline');
  });

  describe('when the text is not an ARN of the service asked for', () => {
    it('answers undefined', () => {
      expect(parseArn('arn:awsx:codepipeline:eu-west-1:123456789012:p')).toBeUndefined();
      expect(parseArn('arn:aws:codepipeline:eu-west-1:123456789012:p', { service: 'codebuild' })).toBeUndefined();
      expect(parseArn('arn:aws:codepipeline:eu-west-1:1234:p', { accountId: true })).toBeUndefined();
      expect(parseArn('my-pipeline')).toBeUndefined();
    });
  });
});

describe('s3PathOf', () => {
  it('reads bucket/key out of an S3 ARN and leaves a plain location as it is', () => {
    expect(s3PathOf('arn:aws-cn:s3:::bucket/some/key.zip')).toBe('bucket/some/key.zip');
    expect(s3PathOf('bucket/some/key.zip')).toBe('bucket/some/key.zip');
  });
});

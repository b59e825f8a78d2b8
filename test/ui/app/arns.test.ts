import { describe, expect, it } from 'vitest';
import { buildServiceRoleArn, isRoleArn, localConnectionArn, personName, pipelineServiceRoleArn, principalName } from '../../../src/ui/app/lib/arns.js';

describe('the console ARNs', () => {
  const caller = { account: '111122223333', region: 'eu-west-1' };

  it('names the service roles and the connection the console creates, as AWS does', () => {
    expect(pipelineServiceRoleArn(caller, 'web')).toBe('arn:aws:iam::111122223333:role/service-role/AWSCodePipelineServiceRole-eu-west-1-web');
    expect(buildServiceRoleArn('111122223333', 'web-build')).toBe('arn:aws:iam::111122223333:role/service-role/codebuild-web-build-service-role');
    expect(localConnectionArn(caller)).toBe('arn:aws:codestar-connections:eu-west-1:111122223333:connection/local');
  });

  describe('isRoleArn', () => {
    it('accepts an IAM role of a 12-digit account, in any partition', () => {
      expect(isRoleArn('arn:aws:iam::111122223333:role/my-role')).toBe(true);
      expect(isRoleArn('arn:aws-us-gov:iam::111122223333:role/service-role/x')).toBe(true);
    });

    it('refuses users, other services, regions, short accounts and an empty name', () => {
      for (const text of ['arn:aws:iam::111122223333:user/u', 'arn:aws:sts::111122223333:role/r', 'arn:aws:iam:eu-west-1:111122223333:role/r', 'arn:aws:iam::1111:role/r', 'arn:aws:iam::111122223333:role/', 'my-role']) {
        expect(isRoleArn(text), text).toBe(false);
      }
    });
  });

  it('shortens a caller ARN to the name the AWS console shows for authors', () => {
    expect(principalName('arn:aws:iam::111122223333:user/team/alice')).toBe('alice');
    expect(principalName('arn:aws:iam::111122223333:root')).toBe('root');
    expect(principalName(undefined)).toBe('unknown');
    expect(personName('arn:aws:iam::111122223333:user/bob')).toBe('bob');
    expect(personName('Grace Hopper')).toBe('Grace Hopper');
  });
});

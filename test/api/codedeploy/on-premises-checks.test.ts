import { describe, expect, it } from 'vitest';
import { checkIamArns } from '../../../src/api/codedeploy/on-premises-checks.js';

describe('checkIamArns', () => {
  it('accepts an IAM user ARN or an STS session ARN, in any partition', () => {
    expect(checkIamArns({ iamUserArn: 'arn:aws:iam::123456789012:user/path/web-1' })).toEqual({ iamUserArn: 'arn:aws:iam::123456789012:user/path/web-1' });
    expect(checkIamArns({ iamUserArn: 'arn:aws-cn:iam::123456789012:user/web-1' })).toEqual({ iamUserArn: 'arn:aws-cn:iam::123456789012:user/web-1' });
    expect(checkIamArns({ iamSessionArn: 'arn:aws:sts::123456789012:assumed-role/role/session' })).toEqual({ iamSessionArn: 'arn:aws:sts::123456789012:assumed-role/role/session' });
  });

  describe('when an ARN is not an IAM user, or an assumed-role session, of a 12-digit account without region', () => {
    it.each([
      ['iamUserArn', 'arn:aws:iam::123456789012:role/web-1', 'InvalidIamUserArnException'],
      ['iamUserArn', 'arn:aws:iam:us-east-1:123456789012:user/web-1', 'InvalidIamUserArnException'],
      ['iamUserArn', 'arn:aws:sts::123456789012:user/web-1', 'InvalidIamUserArnException'],
      ['iamUserArn', 'arn:aws:iam::1234:user/web-1', 'InvalidIamUserArnException'],
      ['iamUserArn', 'arn:awsx:iam::123456789012:user/web-1', 'InvalidIamUserArnException'],
      ['iamUserArn', 'arn:aws:iam::123456789012:user/web:1', 'InvalidIamUserArnException'],
      ['iamUserArn', 'web-1', 'InvalidIamUserArnException'],
      ['iamSessionArn', 'arn:aws:sts::123456789012:assumed-role/role', 'InvalidIamSessionArnException'],
      ['iamSessionArn', 'arn:aws:sts::123456789012:assumed-role/role/session/extra', 'InvalidIamSessionArnException'],
      ['iamSessionArn', 'arn:aws:sts:us-east-1:123456789012:assumed-role/role/session', 'InvalidIamSessionArnException'],
      ['iamSessionArn', 'arn:aws:iam::123456789012:assumed-role/role/session', 'InvalidIamSessionArnException'],
    ])('refuses %s %s with %s', (member, arn, name) => {
      expect(() => checkIamArns({ [member]: arn })).toThrow(expect.objectContaining({ name }));
    });
  });
});

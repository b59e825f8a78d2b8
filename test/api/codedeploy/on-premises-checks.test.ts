import { describe, expect, it } from 'vitest';
import { checkIamArns } from '../../../src/api/codedeploy/on-premises-checks.js';

describe('checkIamArns', () => {
  it('accepts an IAM user ARN or an STS session ARN, in any partition', () => {
    expect(checkIamArns({ iamUserArn: 'arn:aws:iam::123456789012:user/path/web-1' })).toEqual({ iamUserArn: 'arn:aws:iam::123456789012:user/path/web-1' });
    expect(checkIamArns({ iamUserArn: 'arn:aws-cn:iam::123456789012:user/web-1' })).toEqual({ iamUserArn: 'arn:aws-cn:iam::123456789012:user/web-1' });
    expect(checkIamArns({ iamSessionArn: 'arn:aws:sts::123456789012:assumed-role/role/session' })).toEqual({ iamSessionArn: 'arn:aws:sts::123456789012:assumed-role/role/session' });
  });

  describe('when a user ARN is not an IAM user of a 12-digit account without region', () => {
    it.each([
      'arn:aws:iam::123456789012:role/web-1',
      'arn:aws:iam:us-east-1:123456789012:user/web-1',
      'arn:aws:sts::123456789012:user/web-1',
      'arn:aws:iam::1234:user/web-1',
      'arn:awsx:iam::123456789012:user/web-1',
      'arn:aws:iam::123456789012:user/web:1',
      'web-1',
    ])('refuses %s with InvalidIamUserArnException', (iamUserArn) => {
      expect(() => checkIamArns({ iamUserArn })).toThrow(expect.objectContaining({ name: 'InvalidIamUserArnException' }));
    });
  });

  describe('when a session ARN is not an assumed-role session without region', () => {
    it.each([
      'arn:aws:sts::123456789012:assumed-role/role',
      'arn:aws:sts::123456789012:assumed-role/role/session/extra',
      'arn:aws:sts:us-east-1:123456789012:assumed-role/role/session',
      'arn:aws:iam::123456789012:assumed-role/role/session',
    ])('refuses %s with InvalidIamSessionArnException', (iamSessionArn) => {
      expect(() => checkIamArns({ iamSessionArn })).toThrow(expect.objectContaining({ name: 'InvalidIamSessionArnException' }));
    });
  });
});

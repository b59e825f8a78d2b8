import { describe, expect, it } from 'vitest';
import { isApprovalPoolMember } from '../../../src/api/codecommit/approval-pool.js';

describe('isApprovalPoolMember', () => {
  it.each([
    ['CodeCommitApprovers:123456789012:Mary_Major', 'arn:aws:iam::123456789012:user/Mary_Major', true],
    ['CodeCommitApprovers:123456789012:Mary_Major', 'arn:aws:iam::123456789012:user/team/Mary_Major', true],
    ['CodeCommitApprovers:123456789012:Mary_Major', 'arn:aws:sts::123456789012:federated-user/Mary_Major', true],
    ['CodeCommitApprovers:123456789012:Mary_Major', 'arn:aws:iam::111122223333:user/Mary_Major', false],
    ['CodeCommitApprovers:123456789012:Mary_Major', 'arn:aws:sts::123456789012:assumed-role/CodeCommitReview/Mary_Major', false],
    ['CodeCommitApprovers:123456789012:*Mary_Major', 'arn:aws:sts::123456789012:assumed-role/CodeCommitReview/Mary_Major', true],
    ['CodeCommitApprovers:123456789012:Mary*', 'arn:aws:iam::123456789012:user/Mary_Major', true],
    ['CodeCommitApprovers:123456789012:Mary*', 'arn:aws:iam::123456789012:user/Jorge_Souza', false],
    ['arn:aws:sts::123456789012:assumed-role/CodeCommitReview/*', 'arn:aws:sts::123456789012:assumed-role/CodeCommitReview/Li_Juan', true],
    ['arn:aws:sts::123456789012:assumed-role/CodeCommitReview/*', 'arn:aws:sts::123456789012:assumed-role/Other/Li_Juan', false],
    ['arn:aws:iam::123456789012:role/CodeCommitReview', 'arn:aws:sts::123456789012:assumed-role/CodeCommitReview/Li_Juan', true],
    ['arn:aws:iam::123456789012:user/Mary_Major', 'arn:aws:iam::123456789012:user/Mary_Major', true],
    ['arn:aws:iam::123456789012:user/Mary_Major', 'arn:aws:iam::123456789012:user/Mary_Major2', false],
    ['arn:aws:iam::123456789012:user/Mary.Major', 'arn:aws:iam::123456789012:user/MaryxMajor', false],
  ])('%s counts %s: %s', (member, caller, expected) => {
    expect(isApprovalPoolMember(member, caller)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluatePolicies, parsePolicyDocument } from '../../src/iam/index.js';

const A = '000000000000';
const doc = (Statement: object[], Version = '2012-10-17') => parsePolicyDocument(JSON.stringify({ Version, Statement }), 'identity');
const req = (action: string, resource: string, context: Record<string, string[]> = {}) => ({ action, resource, context });
const alice = { 'aws:username': ['alice'], 'aws:principaltag/team': ['web'] };

describe('policy variables and ARN operators', () => {
  it('replaces ${aws:username} in Resource from the request, in 2012-10-17 documents only', () => {
    const own = [{ Effect: 'Allow', Action: 'iam:*AccessKey*', Resource: `arn:aws:iam::${A}:user/\${aws:username}` }];
    expect(evaluatePolicies([doc(own)], req('iam:CreateAccessKey', `arn:aws:iam::${A}:user/alice`, alice))).toBe('Allow');
    expect(evaluatePolicies([doc(own)], req('iam:CreateAccessKey', `arn:aws:iam::${A}:user/bob`, alice))).toBe('ImplicitDeny');
    // Without the key in the request the variable has no value and the resource matches nothing.
    expect(evaluatePolicies([doc(own)], req('iam:CreateAccessKey', `arn:aws:iam::${A}:user/alice`))).toBe('ImplicitDeny');
    // Version 2008-10-17 has no variables: the text is read as written.
    expect(evaluatePolicies([doc(own, '2008-10-17')], req('iam:CreateAccessKey', `arn:aws:iam::${A}:user/alice`, alice))).toBe('ImplicitDeny');
    expect(evaluatePolicies([doc(own, '2008-10-17')], req('iam:CreateAccessKey', `arn:aws:iam::${A}:user/\${aws:username}`, alice))).toBe('Allow');
  });

  it('replaces variables in condition values, with a default value and the literal ${*}', () => {
    const owner = doc([{ Effect: 'Allow', Action: 'codepipeline:GetPipeline', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }]);
    expect(evaluatePolicies([owner], req('codepipeline:GetPipeline', '*', { ...alice, 'aws:resourcetag/owner': ['alice'] }))).toBe('Allow');
    expect(evaluatePolicies([owner], req('codepipeline:GetPipeline', '*', { ...alice, 'aws:resourcetag/owner': ['bob'] }))).toBe('ImplicitDeny');
    const team = doc([{ Effect: 'Allow', Action: 'codepipeline:*', Resource: `arn:aws:codepipeline:*:${A}:\${aws:PrincipalTag/team, 'shared'}-*` }]);
    expect(evaluatePolicies([team], req('codepipeline:GetPipeline', `arn:aws:codepipeline:us-east-1:${A}:web-app`, alice))).toBe('Allow');
    expect(evaluatePolicies([team], req('codepipeline:GetPipeline', `arn:aws:codepipeline:us-east-1:${A}:shared-app`, { 'aws:username': ['bob'] }))).toBe('Allow');
    expect(evaluatePolicies([team], req('codepipeline:GetPipeline', `arn:aws:codepipeline:us-east-1:${A}:ops-app`, alice))).toBe('ImplicitDeny');
    const star = doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${*}' }]);
    expect(evaluatePolicies([star], req('s3:GetObject', 'arn:aws:s3:::b/*', alice))).toBe('Allow');
    expect(evaluatePolicies([star], req('s3:GetObject', 'arn:aws:s3:::b/key', alice))).toBe('ImplicitDeny');
  });

  it('lets a deny with an unresolved variable in a negated condition not apply', () => {
    const policies = [doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]), doc([{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/owner': '${aws:username}' } } }])];
    expect(evaluatePolicies(policies, req('codepipeline:GetPipeline', '*', { ...alice, 'aws:resourcetag/owner': ['bob'] }))).toBe('ExplicitDeny');
    expect(evaluatePolicies(policies, req('codepipeline:GetPipeline', '*', { ...alice, 'aws:resourcetag/owner': ['alice'] }))).toBe('Allow');
    expect(evaluatePolicies(policies, req('codepipeline:GetPipeline', '*', { 'aws:resourcetag/owner': ['alice'] }))).toBe('Allow');
  });

  it('reads wildcards in ArnEquals as in ArnLike, as IAM does', () => {
    const p = doc([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:user/*` } } }]);
    expect(evaluatePolicies([p], req('codepipeline:ListPipelines', '*', { 'aws:principalarn': [`arn:aws:iam::${A}:user/alice`] }))).toBe('Allow');
    expect(evaluatePolicies([p], req('codepipeline:ListPipelines', '*', { 'aws:principalarn': [`arn:aws:iam::${A}:role/r`] }))).toBe('ImplicitDeny');
    const not = doc([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/*` } } }]);
    expect(evaluatePolicies([not], req('codepipeline:ListPipelines', '*', { 'aws:principalarn': [`arn:aws:iam::${A}:user/alice`] }))).toBe('Allow');
    expect(evaluatePolicies([not], req('codepipeline:ListPipelines', '*', { 'aws:principalarn': [`arn:aws:iam::${A}:role/r`] }))).toBe('ImplicitDeny');
  });
});

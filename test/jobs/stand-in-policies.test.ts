import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { parseStandIns, standInPolicyOf } from '../../src/jobs/index.js';

const CFN = { category: 'Deploy', owner: 'AWS', provider: 'CloudFormation', version: '1' } as const;
const ECS = { category: 'Deploy', owner: 'AWS', provider: 'ECS', version: '1' } as const;

describe('stand-in policies', () => {
  it('reads the file, then the flags over it; a full type key wins over a provider name, which wins over *', () => {
    const policies = parseStandIns({ CloudFormation: 'worker', '*': 'succeed' }, ['CloudFormation=succeed', 'Deploy/AWS/ECS/1=fail']);
    expect(standInPolicyOf(policies, CFN)).toBe('succeed');
    expect(standInPolicyOf(policies, ECS)).toBe('fail');
    expect(standInPolicyOf(policies, { ...ECS, provider: 'StepFunctions', category: 'Invoke' })).toBe('succeed');
    expect(standInPolicyOf({}, CFN)).toBe('fail');
  });

  it('refuses a policy that is none, and a file that is no object', () => {
    expect(() => parseStandIns({ CloudFormation: 'maybe' })).toThrow("Invalid stand-in policy 'maybe' for CloudFormation: expected fail, succeed or worker");
    expect(() => parseStandIns(['CloudFormation'])).toThrow('must hold a JSON object');
    expect(() => parseStandIns(undefined, ['CloudFormation'])).toThrow('expected PROVIDER=fail|succeed|worker');
  });

  it('takes --stand-ins and CODEPIPELINE_LOCAL_STAND_INS, checked at start', () => {
    expect(readConfig({ standIns: 'CloudFormation=succeed,ECS=worker' }, {}, false).standIns).toEqual(['CloudFormation=succeed', 'ECS=worker']);
    expect(readConfig({}, { CODEPIPELINE_LOCAL_STAND_INS: 'ECS=worker' }, false).standIns).toEqual(['ECS=worker']);
    expect(() => readConfig({ standIns: 'ECS=sometimes' }, {}, false)).toThrow('standIns (--stand-ins or CODEPIPELINE_LOCAL_STAND_INS): stand-ins are PROVIDER=fail|succeed|worker');
    expect(readConfig({}, {}, false).jobTimeoutMinutes).toBe(24 * 60);
  });
});

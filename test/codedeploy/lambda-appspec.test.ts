import { describe, expect, it } from 'vitest';
import { DeploymentRefusal, parseLambdaAppSpec, trafficSteps } from '../../src/codedeploy/index.js';

describe('a Lambda AppSpec', () => {
  it('reads the YAML of AWS examples: the function, alias, versions (unquoted numbers too) and hooks', () => {
    const spec = parseLambdaAppSpec(
      ['version: 0.0', 'Resources:', '  - myLambdaFunction:', '      Type: AWS::Lambda::Function', '      Properties:', '        Name: "myfn"', '        Alias: "live"', '        CurrentVersion: 1', '        TargetVersion: 2', 'Hooks:', '  - BeforeAllowTraffic: "before"', '  - AfterAllowTraffic: "after"'].join('\n'),
    );
    expect(spec).toEqual({ functionName: 'myfn', alias: 'live', currentVersion: '1', targetVersion: '2', beforeAllowTraffic: 'before', afterAllowTraffic: 'after' });
  });

  it('reads JSON, and refuses a file without a function or with an unknown hook as InvalidRevision', () => {
    const json = { version: 0.0, Resources: [{ f: { Type: 'AWS::Lambda::Function', Properties: { Name: 'f', Alias: 'a', CurrentVersion: '3', TargetVersion: '4' } } }] };
    expect(parseLambdaAppSpec(JSON.stringify(json))).toMatchObject({ functionName: 'f', currentVersion: '3', targetVersion: '4' });
    for (const bad of ['version: 0.0\nResources: []', `${JSON.stringify(json).slice(0, -1)}, "Hooks": [{"BeforeInstall": "x"}]}`, ': not yaml: [']) {
      expect(() => parseLambdaAppSpec(bad)).toThrow(DeploymentRefusal);
    }
  });
});

describe('traffic steps', () => {
  it('moves all at once, as a canary, or linearly', () => {
    expect(trafficSteps({ type: 'AllAtOnce' })).toEqual([{ weight: 1, waitMs: 0 }]);
    expect(trafficSteps({ type: 'TimeBasedCanary', timeBasedCanary: { canaryPercentage: 10, canaryInterval: 5 } })).toEqual([
      { weight: 0.1, waitMs: 300_000 },
      { weight: 1, waitMs: 0 },
    ]);
    expect(trafficSteps({ type: 'TimeBasedLinear', timeBasedLinear: { linearPercentage: 25, linearInterval: 2 } })).toEqual([
      { weight: 0.25, waitMs: 120_000 },
      { weight: 0.5, waitMs: 120_000 },
      { weight: 0.75, waitMs: 120_000 },
      { weight: 1, waitMs: 0 },
    ]);
  });
});

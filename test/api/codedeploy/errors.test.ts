import * as sdk from '@aws-sdk/client-codedeploy';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/api/codedeploy/errors.js';
import { exceptionNames, type ServiceModel } from '../../../src/api/protocol/index.js';
import { loadAwsModel } from '../../../src/model/index.js';

describe('CodeDeploy wire errors', () => {
  const defined = Object.entries(errors);
  const model = loadAwsModel('codedeploy') as ServiceModel;
  // The model keeps three exceptions no operation raises (DeploymentAlreadyStarted, InvalidInstanceId, InvalidTarget); the SDK omits them.
  const raised = new Set(Object.values(model.operations).flatMap((op) => (op.errors ?? []).map((e) => e.shape)));

  it('defines one class per exception of the service model', () => {
    expect(defined.map(([name]) => name).sort()).toEqual(exceptionNames(model).sort());
  });

  it.each(defined.filter(([name]) => raised.has(name)).map(([name, cls]) => [name, cls] as const))('%s is an exception class of the SDK, answered with HTTP 400', (name, cls) => {
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass, `${name} is not exported by @aws-sdk/client-codedeploy`).toBeDefined();
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.CodeDeployServiceException);
    expect(cls.errorName).toBe(name);
    expect(cls.httpStatus).toBe(400);
  });
});

import * as sdk from '@aws-sdk/client-codepipeline';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/api/codepipeline/errors.js';
import { exceptionNames, type ServiceModel } from '../../../src/api/protocol/index.js';
import { loadAwsModel } from '../../../src/model/index.js';

describe('CodePipeline wire errors', () => {
  const defined = Object.entries(errors);

  it('defines one class per exception an operation of the service model can raise', () => {
    const model = loadAwsModel('codepipeline') as ServiceModel;
    const raised = new Set(Object.values(model.operations).flatMap((op) => (op.errors ?? []).map((e) => e.shape)));
    expect(defined.map(([name]) => name).sort()).toEqual(exceptionNames(model).filter((n) => raised.has(n)).sort());
  });

  it.each(defined.map(([name, cls]) => [name, cls] as const))('%s is an exception class of the SDK, answered with HTTP 400', (name, cls) => {
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass, `${name} is not exported by @aws-sdk/client-codepipeline`).toBeDefined();
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.CodePipelineServiceException);
    expect(cls.errorName).toBe(name);
    expect(cls.httpStatus).toBe(400);
  });
});

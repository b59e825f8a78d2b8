import * as sdk from '@aws-sdk/client-codebuild';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/api/codebuild/errors.js';
import type { ServiceModel } from '../../../src/api/protocol/index.js';
import { loadAwsModel } from '../../../src/model/index.js';


describe('CodeBuild wire errors', () => {
  const defined = Object.entries(errors);

  it('defines one class per exception the operations can raise (every operation of the model is implemented)', () => {
    const model = loadAwsModel('codebuild') as ServiceModel;
    const raised = new Set(Object.values(model.operations).flatMap((op) => (op.errors ?? []).map((e) => e.shape)));
    expect(defined.map(([name]) => name).sort()).toEqual([...raised].sort());
  });

  it.each(defined.map(([name, cls]) => [name, cls] as const))('%s is an exception class of the SDK, answered with HTTP 400', (name, cls) => {
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass, `${name} is not exported by @aws-sdk/client-codebuild`).toBeDefined();
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.CodeBuildServiceException);
    expect(cls.errorName).toBe(name);
    expect(cls.httpStatus).toBe(400);
  });
});

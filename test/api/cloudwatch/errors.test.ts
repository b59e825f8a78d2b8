import * as sdk from '@aws-sdk/client-cloudwatch';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/api/cloudwatch/errors.js';
import { exceptionNames, shapeOf, type ServiceModel } from '../../../src/api/protocol/index.js';
import { loadAwsModel } from '../../../src/model/index.js';

describe('CloudWatch wire errors', () => {
  const model = loadAwsModel('cloudwatch') as ServiceModel;
  // ValidationException is the protocol's own (coded ValidationError on the query side); the others come from the model.
  const modelled = Object.entries(errors).filter(([name]) => name !== 'ValidationException');

  it.each(modelled)('%s is an exception of the model, with its status, and a class of the SDK', (name, cls) => {
    expect(exceptionNames(model)).toContain(name);
    expect(cls.errorName).toBe(name);
    expect(cls.httpStatus).toBe(shapeOf(model, name)?.error?.httpStatusCode);
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass, `${name} is not exported by @aws-sdk/client-cloudwatch`).toBeDefined();
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.CloudWatchServiceException);
  });

  it('uses the SDK class of CloudWatch validation errors', () => {
    expect(new sdk.ValidationException({ message: 'm', $metadata: {} }).name).toBe(errors.ValidationException.errorName);
  });
});

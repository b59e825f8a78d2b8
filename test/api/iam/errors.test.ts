import * as sdk from '@aws-sdk/client-iam';
import { describe, expect, it } from 'vitest';
import * as errors from '../../../src/api/iam/errors.js';
import { shapeOf, type ServiceModel } from '../../../src/api/protocol/index.js';
import { loadAwsModel } from '../../../src/model/index.js';

describe('IAM wire errors', () => {
  const model = loadAwsModel('iam') as ServiceModel;
  const modelled = Object.entries(errors).filter(([name]) => name.endsWith('Exception')) as [string, { errorName: string; httpStatus: number }][];

  it.each(modelled)('%s is an exception of the model and the SDK, with the status of its awsQueryError trait', (name, cls) => {
    expect(cls.errorName).toBe(name);
    expect(shapeOf(model, name)?.error?.httpStatusCode).toBe(cls.httpStatus);
    const sdkClass = (sdk as Record<string, unknown>)[name] as { prototype: unknown } | undefined;
    expect(sdkClass!.prototype).toBeInstanceOf(sdk.IAMServiceException);
  });

  it("names the unmodelled refusals by the codes IAM answers them with", () => {
    expect(Object.values(errors.QUERY_REFUSALS).map((c) => [c.errorName, c.httpStatus])).toContainEqual(['InvalidClientTokenId', 403]);
    expect(errors.QUERY_REFUSALS.BadSignature.errorName).toBe('SignatureDoesNotMatch');
    expect(errors.QUERY_REFUSALS.ExpiredToken.errorName).toBe('ExpiredToken');
  });
});

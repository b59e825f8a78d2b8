import { describe, expect, it } from 'vitest';
import { InputSchemas, Router, lazyServiceDefinition, type LazyModel } from '../../src/api/protocol/index.js';
import { loadAwsModel, loadAwsModelMetadata, type AwsServiceName } from '../../src/model/index.js';

const SERVICES: AwsServiceName[] = ['codepipeline', 'codebuild', 'codedeploy', 'codecommit', 's3', 'sns', 'codestar-notifications', 'cloudwatch'];

describe('the models’ metadata (src/model/aws/metadata.json)', () => {
  it.each(SERVICES)('is %s’s model metadata as stored', (service) => {
    expect(loadAwsModelMetadata(service)).toEqual((loadAwsModel(service) as { metadata: unknown }).metadata);
  });

  it('routes a request without loading the models of the services it does not go to', () => {
    const loaded: string[] = [];
    const fresh = SERVICES.map((service) => ({
      definition: lazyServiceDefinition({ metadata: loadAwsModelMetadata(service), load: () => (loaded.push(service), loadAwsModel(service)) } as LazyModel, {}),
      get schemas(): InputSchemas {
        throw new Error('schemas are not needed to route');
      },
    }));
    const router = new Router(fresh);
    const route = router.route({ method: 'POST', path: '/', headers: { 'x-amz-target': 'CodeBuild_20161006.ListProjects' }, query: new URLSearchParams(), body: Buffer.alloc(0) }, undefined);
    expect(route?.service).toBe(fresh[1]);
    expect(loaded).toEqual([]);
    expect(route?.service?.definition.model.metadata.serviceId).toBe('CodeBuild');
    expect(loaded).toEqual(['codebuild']);
  });
});

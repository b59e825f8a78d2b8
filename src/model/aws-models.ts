import { readFileSync } from 'node:fs';
import { packagePath } from '../shared/index.js';

/** The services whose botocore models are kept in src/model/aws/. */
export type AwsServiceName = 'codepipeline' | 'codebuild' | 'codedeploy' | 'codecommit' | 's3' | 'lambda' | 'sns' | 'codestar-notifications' | 'iam' | 'sts' | 'cloudwatch';

const cache = new Map<AwsServiceName, unknown>();

/** Loads a botocore service model (documentation stripped) copied by scripts/extract-aws-models.py. */
export function loadAwsModel(service: AwsServiceName): unknown {
  let model = cache.get(service);
  if (!model) {
    model = JSON.parse(readFileSync(packagePath('src/model/aws', `${service}.json`), 'utf8'));
    cache.set(service, model);
  }
  return model;
}

let metadata: Record<AwsServiceName, unknown> | undefined;

/** A service model's metadata (protocols, targetPrefix, signingName...) without parsing the model itself: routing needs only this. */
export function loadAwsModelMetadata(service: AwsServiceName): unknown {
  metadata ??= JSON.parse(readFileSync(packagePath('src/model/aws', 'metadata.json'), 'utf8')) as Record<AwsServiceName, unknown>;
  return metadata[service];
}

/** A model to load on first use, with its metadata at hand now; `load` defaults to the model as stored. */
export function lazyAwsModel(service: AwsServiceName, load: () => unknown = () => loadAwsModel(service)): { metadata: unknown; load: () => unknown } {
  return { metadata: loadAwsModelMetadata(service), load };
}

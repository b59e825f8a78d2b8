import { readFileSync } from 'node:fs';
import { packagePath } from '../shared/index.js';

/** The services whose botocore models are kept in src/model/aws/. */
export type AwsServiceName = 'codepipeline' | 'codebuild' | 'codedeploy' | 'codecommit' | 's3';

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

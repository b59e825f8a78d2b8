import { loadAwsModel } from '../../model/index.js';
import type { ServiceModel } from '../protocol/index.js';

/** The S3 botocore model (rest-xml) the service is served from. */
export function s3Model(): ServiceModel {
  return loadAwsModel('s3') as ServiceModel;
}

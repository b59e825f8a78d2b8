import type { JobArtifactRecord, JobRecord } from '../model/index.js';

/** The temporary credentials AWS hands a job worker for the artifact bucket; IAM is off, so any values the S3 API accepts
 * do. The access key id is the job's account, which the emulator reads as the caller's account. */
function artifactCredentials(job: JobRecord) {
  return { accessKeyId: job.account, secretAccessKey: 'codepipeline-local-job-secret', sessionToken: `codepipeline-local-job-${job.id}` };
}

function artifact(a: JobArtifactRecord) {
  return { name: a.name, ...(a.revision ? { revision: a.revision } : {}), location: { type: 'S3', s3Location: { bucketName: a.bucket, objectKey: a.key } } };
}

/** A job's `data` as PollForJobs and GetJobDetails return it (JobData); third-party jobs leave out the pipeline's ARN and execution id. */
export function jobDataOf(job: JobRecord) {
  return {
    actionTypeId: { ...job.actionTypeId },
    actionConfiguration: { configuration: { ...job.configuration } },
    pipelineContext: {
      pipelineName: job.pipelineName,
      stage: { name: job.stageName },
      action: { name: job.actionName, actionExecutionId: job.actionExecutionId },
      ...(job.kind === 'Custom' ? { pipelineArn: job.pipelineArn, pipelineExecutionId: job.pipelineExecutionId } : {}),
    },
    inputArtifacts: job.inputArtifacts.map(artifact),
    outputArtifacts: job.outputArtifacts.map(artifact),
    // AWS hands credentials only to a job whose action reads or writes artifacts.
    ...(job.inputArtifacts.length || job.outputArtifacts.length ? { artifactCredentials: artifactCredentials(job) } : {}),
    ...(job.continuationToken !== undefined ? { continuationToken: job.continuationToken } : {}),
  };
}

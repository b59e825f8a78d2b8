import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Job } from '@aws-sdk/client-codepipeline';
import { strToU8, zipSync } from 'fflate';

/** An S3 client signed with a job's artifact credentials, as a worker written from AWS's docs makes one. */
export function artifactS3(url: string, job: Job): S3Client {
  const c = job.data!.artifactCredentials!;
  return new S3Client({
    endpoint: url,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: c.accessKeyId!, secretAccessKey: c.secretAccessKey!, sessionToken: c.sessionToken },
    maxAttempts: 1,
  });
}

/** Downloads a job's input artifact zip. */
export async function downloadInput(url: string, job: Job, index = 0): Promise<Uint8Array> {
  const s3 = artifactS3(url, job);
  try {
    const { bucketName, objectKey } = job.data!.inputArtifacts![index].location!.s3Location!;
    const object = await s3.send(new GetObjectCommand({ Bucket: bucketName, Key: objectKey }));
    return object.Body!.transformToByteArray();
  } finally {
    s3.destroy();
  }
}

/** Uploads a zip holding the given files as a job's output artifact. */
export async function uploadOutput(url: string, job: Job, files: Record<string, string>, index = 0): Promise<void> {
  const s3 = artifactS3(url, job);
  try {
    const { bucketName, objectKey } = job.data!.outputArtifacts![index].location!.s3Location!;
    const body = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
    await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: objectKey, Body: body }));
  } finally {
    s3.destroy();
  }
}

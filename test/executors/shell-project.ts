import { CreateProjectCommand, type CodeBuildClient, type ComputeType, type CreateProjectCommandInput } from '@aws-sdk/client-codebuild';

/** A project with no source and no artifacts whose build runs the given shell commands in its build phase, on `image`. */
export function createShellProject(
  client: CodeBuildClient,
  name: string,
  commands: string | string[],
  image: string,
  computeType: ComputeType = 'BUILD_GENERAL1_SMALL',
  extra: Partial<CreateProjectCommandInput> = {},
): Promise<unknown> {
  const buildspec = `version: 0.2\nphases:\n  build:\n    commands:\n${[commands].flat().map((c) => `      - ${c}\n`).join('')}`;
  return client.send(new CreateProjectCommand({
    name,
    source: { type: 'NO_SOURCE', buildspec },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: { type: 'LINUX_CONTAINER', image, computeType },
    serviceRole: 'arn:aws:iam::000000000000:role/service-role/codebuild',
    ...extra,
  }));
}

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandsBuildspec, commandsProject } from '../../../src/providers/build/index.js';

const scope = { account: '000000000000', region: 'us-east-1' };
const job = (fields: Partial<Parameters<typeof commandsProject>[1]> = {}) => ({
  configuration: {},
  commands: ['npm ci', 'export VERSION=1.0'],
  outputArtifactNames: [],
  ...fields,
});

describe('commandsBuildspec', () => {
  it('runs the commands in the build phase and exports the outputVariables', () => {
    const spec = parse(commandsBuildspec(job({ outputVariables: ['VERSION', 'CODEBUILD_BUILD_ID'] })));
    expect(spec).toEqual({ version: 0.2, env: { 'exported-variables': ['VERSION', 'CODEBUILD_BUILD_ID'] }, phases: { build: { commands: ['npm ci', 'export VERSION=1.0'] } } });
  });

  it("takes the output artifact's files, quoting what YAML would read otherwise", () => {
    const spec = parse(commandsBuildspec(job({ commands: ['echo "a: b" # not a comment', '- x'], outputArtifactNames: ['Out'], outputArtifactFiles: ['dist/**/*', '*.json'] })));
    expect(spec.phases.build.commands).toEqual(['echo "a: b" # not a comment', '- x']);
    expect(spec.artifacts).toEqual({ files: ['dist/**/*', '*.json'] });
  });

  it('takes every file for an output artifact declared without files', () => {
    expect(parse(commandsBuildspec(job({ outputArtifactNames: ['Out'] }))).artifacts).toEqual({ files: ['**/*'] });
  });
});

describe('commandsProject', () => {
  it('runs on the Amazon Linux standard image with the configured compute type, for 55 minutes', () => {
    const project = commandsProject(scope, job({ configuration: { ComputeType: 'BUILD_GENERAL1_LARGE' } }));
    expect(project.environment).toEqual({ type: 'LINUX_CONTAINER', image: 'aws/codebuild/amazonlinux2-x86_64-standard:5.0', computeType: 'BUILD_GENERAL1_LARGE' });
    expect(project.timeoutInMinutes).toBe(55);
    expect(project.arn).toBe('arn:aws:codebuild:us-east-1:000000000000:project/codepipeline-commands');
  });

  it.each([
    [{ EnvironmentType: 'WINDOWS_SERVER_2022_CONTAINER' }, 'EnvironmentType WINDOWS_SERVER_2022_CONTAINER is not emulated by codepipeline-local: use LINUX_CONTAINER'],
    [{ ComputeType: 'BUILD_GENERAL1_HUGE' }, 'Invalid ComputeType BUILD_GENERAL1_HUGE: use one of BUILD_GENERAL1_SMALL, BUILD_GENERAL1_MEDIUM, BUILD_GENERAL1_LARGE'],
  ])('fails the action with a ConfigurationError for %o', (configuration, message) => {
    const expected = expect.objectContaining({ name: 'ActionFailure', code: 'ConfigurationError', message, retryable: false });
    expect(() => commandsProject(scope, job({ configuration }))).toThrow(expected);
  });
});

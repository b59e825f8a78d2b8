import { describe, expect, it } from 'vitest';
import { ActionFailure, type ActionJob } from '../../../src/providers/index.js';
import { failureSummary, parseConfiguration } from '../../../src/providers/build/index.js';
import type { BuildRecord } from '../../../src/store/index.js';

function job(configuration: Record<string, string>, inputs = ['Source']): ActionJob {
  return {
    account: '000000000000',
    region: 'us-east-1',
    pipelineName: 'p',
    pipelineExecutionId: 'e',
    stageName: 'Build',
    actionName: 'Build',
    actionExecutionId: 'a',
    actionTypeId: { category: 'Build', owner: 'AWS', provider: 'CodeBuild', version: '1' },
    configuration,
    inputArtifacts: inputs.map((name) => ({ name, zipPath: `/tmp/${name}.zip` })),
    outputArtifactNames: [],
    workDir: '/tmp',
  };
}

function failure(fn: () => unknown): ActionFailure {
  try {
    fn();
  } catch (error) {
    return error as ActionFailure;
  }
  throw new Error('expected a failure');
}

describe('the CodeBuild action configuration', () => {
  it('reads ProjectName, the only input as primary source, and typed environment variables', () => {
    const config = parseConfiguration(job({ ProjectName: 'web', EnvironmentVariables: '[{"name":"A","value":"1"},{"name":"B","value":"/p","type":"PARAMETER_STORE"}]' }));
    expect(config).toEqual({
      projectName: 'web',
      primarySource: 'Source',
      environmentVariables: [
        { name: 'A', value: '1', type: 'PLAINTEXT' },
        { name: 'B', value: '/p', type: 'PARAMETER_STORE' },
      ],
      batchEnabled: false,
      combineArtifacts: false,
    });
  });

  it('reads BatchEnabled and CombineArtifacts ("true"/"false"); CombineArtifacts needs BatchEnabled', () => {
    expect(parseConfiguration(job({ ProjectName: 'web', BatchEnabled: 'true', CombineArtifacts: 'TRUE' }))).toMatchObject({ batchEnabled: true, combineArtifacts: true });
    expect(parseConfiguration(job({ ProjectName: 'web', BatchEnabled: 'false' }))).toMatchObject({ batchEnabled: false, combineArtifacts: false });
    expect(failure(() => parseConfiguration(job({ ProjectName: 'web', CombineArtifacts: 'true' })))).toMatchObject({ code: 'ConfigurationError', message: 'Invalid configuration of action Build: CombineArtifacts requires BatchEnabled to be true' });
    expect(failure(() => parseConfiguration(job({ ProjectName: 'web', BatchEnabled: 'yes' }))).message).toBe('Invalid configuration of action Build: BatchEnabled must be "true" or "false", not yes');
  });

  describe('when there are several inputs', () => {
    it('requires PrimarySource, naming one of them', () => {
      expect(failure(() => parseConfiguration(job({ ProjectName: 'web' }, ['A', 'B']))).message).toContain('PrimarySource is required');
      expect(failure(() => parseConfiguration(job({ ProjectName: 'web', PrimarySource: 'C' }, ['A', 'B']))).message).toContain('not one of');
      expect(parseConfiguration(job({ ProjectName: 'web', PrimarySource: 'B' }, ['A', 'B'])).primarySource).toBe('B');
    });
  });

  describe('when EnvironmentVariables is not a JSON array of variables', () => {
    it('fails with a ConfigurationError saying what is expected', () => {
      for (const text of ['not json', '{"name":"A"}', '[{"name":"A"}]', '[{"name":"A","value":"1","type":"SSM"}]']) {
        const error = failure(() => parseConfiguration(job({ ProjectName: 'web', EnvironmentVariables: text })));
        expect(error).toBeInstanceOf(ActionFailure);
        expect(error.code).toBe('ConfigurationError');
      }
    });
  });
});

describe('failureSummary', () => {
  it("names the state, and the failing phase's code and message", () => {
    const build = {
      buildStatus: 'FAILED',
      phases: [
        { phaseType: 'INSTALL', phaseStatus: 'SUCCEEDED', startMs: 0, endMs: 1, contexts: [] },
        { phaseType: 'BUILD', phaseStatus: 'FAILED', startMs: 1, endMs: 2, contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'Error while executing command: npm test. Reason: exit status 1' }] },
      ],
    } as unknown as BuildRecord;
    expect(failureSummary(build)).toBe('Build terminated with state: FAILED. Phase: BUILD, Code: COMMAND_EXECUTION_ERROR, Message: Error while executing command: npm test. Reason: exit status 1');
    expect(failureSummary({ buildStatus: 'STOPPED', phases: [] } as unknown as BuildRecord)).toBe('Build terminated with state: STOPPED');
  });
});

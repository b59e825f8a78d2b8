import { describe, expect, it } from 'vitest';
import { EventLog, executionStateChange, eventTime } from '../../src/events/index.js';
import { retryDelaySeconds, retryPolicyOf } from '../../src/sns/retry-policy.js';
import type { PipelineExecutionRecord } from '../../src/model/index.js';

const origin = { id: 'e-1', account: '123456789012', region: 'us-east-1', nowMs: Date.UTC(2020, 0, 24, 22, 3, 7, 456) };
const execution = {
  id: 'x-1',
  pipelineName: 'p',
  pipelineVersion: 3,
  trigger: { triggerType: 'StartPipelineExecution', triggerDetail: 'arn:aws:iam::123456789012:user/u' },
  startMs: origin.nowMs,
} as unknown as PipelineExecutionRecord;

describe('executionStateChange', () => {
  it("builds AWS's envelope and detail, with the trigger on STARTED", () => {
    const event = executionStateChange(origin, execution, 'STARTED', 1);
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'CodePipeline Pipeline Execution State Change',
      source: 'aws.codepipeline',
      account: '123456789012',
      time: '2020-01-24T22:03:07Z',
      resources: ['arn:aws:codepipeline:us-east-1:123456789012:p'],
      detail: { pipeline: 'p', 'execution-id': 'x-1', state: 'STARTED', version: 3, 'pipeline-execution-attempt': 1, 'execution-trigger': { 'trigger-type': 'StartPipelineExecution' } },
    });
    expect(executionStateChange(origin, execution, 'FAILED', 1).detail).not.toHaveProperty('execution-trigger');
    expect(eventTime(origin.nowMs)).toBe('2020-01-24T22:03:07Z');
  });
});

describe('EventLog', () => {
  it('keeps the last events, filters them and tells listeners', () => {
    const log = new EventLog(2);
    const heard: string[] = [];
    log.subscribe((l) => heard.push(l.event.id));
    for (const id of ['a', 'b', 'c']) log.append({ ...executionStateChange(origin, execution, 'STARTED', 1), id });
    expect(log.recent().map((l) => l.event.id)).toEqual(['b', 'c']);
    expect(log.recent({ pipeline: 'other' })).toEqual([]);
    expect(heard).toEqual(['a', 'b', 'c']);
  });
});

describe('retryPolicyOf', () => {
  it("takes SNS's default of 3 retries 20 s apart, and a subscription's own policy", () => {
    const d = retryPolicyOf(undefined, undefined);
    expect([d.numRetries, retryDelaySeconds(d, 1)]).toEqual([3, 20]);
    const own = retryPolicyOf(JSON.stringify({ healthyRetryPolicy: { minDelayTarget: 1, maxDelayTarget: 1, numRetries: 1 } }), undefined);
    expect([own.numRetries, retryDelaySeconds(own, 1)]).toEqual([1, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { translateBuildEvents, translateDeploymentEvents, type AwsEvent } from '../../src/events/index.js';
import type { BuildRecord, DeploymentRecord } from '../../src/model/index.js';
import { TypedEmitter } from '../../src/shared/index.js';

const T0 = Date.UTC(2026, 0, 2, 15, 4, 5);

function build(over: Partial<BuildRecord>): BuildRecord {
  return {
    id: 'web:1',
    arn: 'arn:aws:codebuild:us-east-1:000000000000:build/web:1',
    account: '000000000000',
    region: 'us-east-1',
    projectName: 'web',
    buildNumber: 1,
    startMs: T0,
    buildStatus: 'IN_PROGRESS',
    buildComplete: false,
    currentPhase: 'PROVISIONING',
    phases: [{ phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', startMs: T0, endMs: T0 + 1000 }, { phaseType: 'PROVISIONING', startMs: T0 + 1000 }],
    environment: { image: 'aws/codebuild/standard:7.0', computeType: 'BUILD_GENERAL1_SMALL', type: 'LINUX_CONTAINER' },
    artifacts: {},
    source: { type: 'NO_SOURCE' },
    logs: { groupName: '/aws/codebuild/web', streamName: 's', deepLink: 'http://x' },
    timeoutInMinutes: 60,
    initiator: 'me',
    ...over,
  } as unknown as BuildRecord;
}

describe('translateBuildEvents', () => {
  it('emits a state change on the first sight and on each status move, and a phase change for each phase that ended', () => {
    const emitter = new TypedEmitter<{ 'build:changed': BuildRecord }>();
    const out: AwsEvent[] = [];
    let n = 0;
    translateBuildEvents(emitter, { newId: () => `e${++n}`, now: () => T0, emit: (e) => out.push(e) });
    emitter.emit('build:changed', build({}));
    const phases = [
      { phaseType: 'SUBMITTED', phaseStatus: 'SUCCEEDED', startMs: T0, endMs: T0 + 1000 },
      { phaseType: 'PROVISIONING', phaseStatus: 'SUCCEEDED', startMs: T0 + 1000, endMs: T0 + 3000 },
      { phaseType: 'BUILD', phaseStatus: 'FAILED', startMs: T0 + 3000, endMs: T0 + 4000, contexts: [{ statusCode: 'COMMAND_EXECUTION_ERROR', message: 'exit 1' }] },
      { phaseType: 'COMPLETED', startMs: T0 + 4000 },
    ];
    emitter.emit('build:changed', build({ buildStatus: 'FAILED', buildComplete: true, currentPhase: 'COMPLETED', phases } as Partial<BuildRecord>));
    expect(out.map((e) => [e['detail-type'], e.detail['build-status'] ?? e.detail['completed-phase']])).toEqual([
      ['CodeBuild Build Phase Change', 'SUBMITTED'],
      ['CodeBuild Build State Change', 'IN_PROGRESS'],
      ['CodeBuild Build Phase Change', 'PROVISIONING'],
      ['CodeBuild Build Phase Change', 'BUILD'],
      ['CodeBuild Build State Change', 'FAILED'],
    ]);
    const failedPhase = out[3];
    expect(failedPhase).toMatchObject({
      source: 'aws.codebuild',
      resources: ['arn:aws:codebuild:us-east-1:000000000000:build/web:1'],
      detail: { 'completed-phase-status': 'FAILED', 'completed-phase-context': '["COMMAND_EXECUTION_ERROR: exit 1"]', 'completed-phase-duration-seconds': 1, 'project-name': 'web', version: '1' },
    });
    expect(failedPhase.detail['completed-phase-start']).toBe('Jan 2, 2026 3:04:08 PM');
  });
});

describe('translateDeploymentEvents', () => {
  it('emits START when a deployment starts and SUCCESS or FAILURE when it ends', () => {
    const emitter = new TypedEmitter<{ 'deployment:started': DeploymentRecord; 'deployment:ended': DeploymentRecord }>();
    const out: AwsEvent[] = [];
    translateDeploymentEvents(emitter, { newId: () => 'e', now: () => T0, emit: (e) => out.push(e) });
    const d = { deploymentId: 'd-ABCDEFGHI', account: '000000000000', region: 'us-east-1', applicationName: 'app', deploymentGroupName: 'grp', deploymentGroupId: 'g-1', status: 'InProgress' } as DeploymentRecord;
    emitter.emit('deployment:started', d);
    emitter.emit('deployment:ended', { ...d, status: 'Failed' });
    expect(out.map((e) => e.detail.state)).toEqual(['START', 'FAILURE']);
    expect(out[0]).toMatchObject({
      'detail-type': 'CodeDeploy Deployment State-change Notification',
      resources: ['arn:aws:codedeploy:us-east-1:000000000000:application:app', 'arn:aws:codedeploy:us-east-1:000000000000:deploymentgroup:app/grp'],
      detail: { deploymentId: 'd-ABCDEFGHI', application: 'app', deploymentGroup: 'grp', instanceGroupId: 'g-1', region: 'us-east-1' },
    });
  });
});

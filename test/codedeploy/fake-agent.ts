import { LIFECYCLE_EVENTS, type DeployToInstance, type InstanceDeploymentRequest, type LifecycleEvent, type LifecycleEventName } from '../../src/codedeploy/instance-deployment.js';

/** One call the fake agent received, with when it started and ended (ms). */
export interface FakeAgentCall {
  request: InstanceDeploymentRequest;
  startMs: number;
  endMs?: number;
}

/** How the fake agent treats one request: fail at an event, take a while (ms) per event, or hang until aborted. */
export interface FakeBehaviour {
  failAt?: LifecycleEventName;
  delayMs?: number;
  /** Never finishes until the request's signal aborts (then the rest is Skipped). */
  hang?: boolean;
}

/** A DeployToInstance that walks the seven events without Docker, as told per instance name, recording every call. */
export function fakeAgent(behaviour: (request: InstanceDeploymentRequest) => FakeBehaviour = () => ({})): { deploy: DeployToInstance; calls: FakeAgentCall[] } {
  const calls: FakeAgentCall[] = [];
  const deploy: DeployToInstance = async (request) => {
    const call: FakeAgentCall = { request, startMs: Date.now() };
    calls.push(call);
    const b = behaviour(request);
    const events: LifecycleEvent[] = [];
    let failed = false;
    for (const name of LIFECYCLE_EVENTS) {
      if (failed || request.signal.aborted) {
        events.push({ lifecycleEventName: name, status: 'Skipped', endMs: Date.now() });
        continue;
      }
      const startMs = Date.now();
      request.onEvent({ lifecycleEventName: name, status: 'InProgress', startMs });
      if (b.hang) await new Promise((r) => request.signal.addEventListener('abort', r, { once: true }));
      else if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
      failed = b.failAt === name;
      const event: LifecycleEvent = failed
        ? {
            lifecycleEventName: name,
            status: 'Failed',
            startMs,
            endMs: Date.now(),
            diagnostics: { errorCode: 'ScriptFailed', scriptName: 'scripts/check.sh', message: 'Script at specified location: scripts/check.sh failed with exit code 1', logTail: '[stdout]checking\n' },
          }
        : { lifecycleEventName: name, status: 'Succeeded', startMs, endMs: Date.now(), diagnostics: { errorCode: 'Success', scriptName: '', message: 'Succeeded', logTail: '' } };
      events.push(event);
      request.onEvent(event);
    }
    call.endMs = Date.now();
    const status = failed ? 'Failed' : events.some((e) => e.status === 'Skipped') ? 'Skipped' : 'Succeeded';
    return { status, events };
  };
  return { deploy, calls };
}

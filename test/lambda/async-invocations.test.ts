import { describe, expect, it, vi } from 'vitest';
import { AsyncInvocations, type InvocationResult } from '../../src/lambda/index.js';
import { WAIT_TIMEOUT_MS } from '../helpers/wait.js';
import type { LambdaFunctionRecord } from '../../src/model/index.js';
import { ManualClock, silentLogger } from '../../src/shared/index.js';

const FN = { account: '000000000000', region: 'us-east-1', name: 'fn', arn: 'arn:aws:lambda:us-east-1:000000000000:function:fn' } as LambdaFunctionRecord;
const result = (failed: boolean): InvocationResult => ({ requestId: 'r', payload: Buffer.from('null'), log: [], cold: false, ...(failed ? { functionError: 'Unhandled' } : {}) });

function setup(outcomes: boolean[], exists = () => true) {
  const clock = new ManualClock(0);
  const invoke = vi.fn(async () => result(outcomes.shift() ?? false));
  const functions = {
    get: () => {
      if (!exists()) throw new Error('Function not found');
      return FN;
    },
  };
  const queue = new AsyncInvocations({ functions, invoke, clock, timers: clock, log: silentLogger() });
  return { clock, invoke, queue };
}

describe('AsyncInvocations (InvocationType Event)', () => {
  describe('when the function keeps failing', () => {
    it('retries twice, 1 minute and then 2 minutes later, and no more', async () => {
      const { clock, invoke, queue } = setup([true, true, true, true]);
      queue.queue(FN, Buffer.from('{}'));
      await vi.waitFor(() => expect(queue.retriesWaiting).toBe(1), { timeout: WAIT_TIMEOUT_MS });
      expect(invoke).toHaveBeenCalledTimes(1);
      clock.advance(59_999);
      expect(invoke).toHaveBeenCalledTimes(1);
      clock.advance(1);
      await vi.waitFor(() => expect(queue.retriesWaiting).toBe(1), { timeout: WAIT_TIMEOUT_MS });
      expect(invoke).toHaveBeenCalledTimes(2);
      clock.advance(120_000);
      await vi.waitFor(() => expect(invoke).toHaveBeenCalledTimes(3), { timeout: WAIT_TIMEOUT_MS });
      // The third failure is not retried.
      await new Promise((resolve) => setImmediate(resolve));
      expect(queue.retriesWaiting).toBe(0);
    });
  });

  describe('when a retry succeeds or the function is gone', () => {
    it('stops after the first success', async () => {
      const { clock, invoke, queue } = setup([true, false]);
      queue.queue(FN, Buffer.from('{}'));
      await vi.waitFor(() => expect(queue.retriesWaiting).toBe(1), { timeout: WAIT_TIMEOUT_MS });
      clock.advance(60_000);
      await vi.waitFor(() => expect(invoke).toHaveBeenCalledTimes(2), { timeout: WAIT_TIMEOUT_MS });
      await new Promise((resolve) => setImmediate(resolve));
      expect(queue.retriesWaiting).toBe(0);
    });

    it('does not retry a function deleted meanwhile', async () => {
      let exists = true;
      const { clock, invoke, queue } = setup([true, true], () => exists);
      queue.queue(FN, Buffer.from('{}'));
      await vi.waitFor(() => expect(queue.retriesWaiting).toBe(1), { timeout: WAIT_TIMEOUT_MS });
      exists = false;
      clock.advance(60_000);
      expect(queue.retriesWaiting).toBe(0);
      expect(invoke).toHaveBeenCalledTimes(1);
    });
  });
});

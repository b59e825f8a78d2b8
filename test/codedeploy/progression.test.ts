import { describe, expect, it } from 'vitest';
import { BUILT_IN_DEPLOYMENT_CONFIGS, minimumHealthyCount } from '../../src/codedeploy/deployment-configs.js';
import { progress, startProblem, type InstanceResult } from '../../src/codedeploy/progression.js';

const config = (name: string) => BUILT_IN_DEPLOYMENT_CONFIGS.find((c) => c.deploymentConfigName === `CodeDeployDefault.${name}`)!;

/** Runs a progression over instance names; `fails` lists those that fail. Returns the batches and the end. */
async function simulate(total: number, minHealthy: number, fails: string[] = []) {
  const names = Array.from({ length: total }, (_, i) => `i${i + 1}`);
  const batches: string[][] = [];
  let current: string[] = [];
  let skipped: string[] = [];
  const end = await progress(
    names,
    minHealthy,
    async (name): Promise<InstanceResult> => {
      current.push(name);
      await Promise.resolve();
      if (current.length) (batches.push(current), (current = []));
      return fails.includes(name) ? 'Failed' : 'Succeeded';
    },
    (rest) => (skipped = rest),
    () => false,
  );
  return { batches, end, skipped };
}

describe('progression', () => {
  describe('when computing the minimum healthy count', () => {
    it('keeps all but one for OneAtATime, half rounded up for HalfAtATime, and none for AllAtOnce', () => {
      expect(minimumHealthyCount(config('OneAtATime'), 3)).toBe(2);
      expect(minimumHealthyCount(config('HalfAtATime'), 9)).toBe(5);
      expect(minimumHealthyCount(config('AllAtOnce'), 9)).toBe(0);
    });
  });

  describe('when checking a deployment can start', () => {
    it('refuses an empty group with NO_INSTANCES and an impossible minimum with HEALTH_CONSTRAINTS_INVALID', () => {
      expect(startProblem(0, 0)).toBe('NO_INSTANCES');
      expect(startProblem(1, minimumHealthyCount(config('HalfAtATime'), 1))).toBe('HEALTH_CONSTRAINTS_INVALID');
      expect(startProblem(1, minimumHealthyCount(config('OneAtATime'), 1))).toBeUndefined();
    });
  });

  describe('when every instance succeeds', () => {
    it('goes one by one with OneAtATime', async () => {
      const { batches, end } = await simulate(3, 2);
      expect(batches).toEqual([['i1'], ['i2'], ['i3']]);
      expect(end).toEqual({ status: 'Succeeded' });
    });

    it('deploys HalfAtATime in batches of at most half, rounded down (9 instances: 4, 4, 1)', async () => {
      const { batches } = await simulate(9, 5);
      expect(batches.map((b) => b.length)).toEqual([4, 4, 1]);
    });

    it('deploys AllAtOnce in one batch', async () => {
      const { batches } = await simulate(4, 0);
      expect(batches.map((b) => b.length)).toEqual([4]);
    });
  });

  describe('when an instance fails', () => {
    it('stops OneAtATime at the first failure and skips the rest (HEALTH_CONSTRAINTS)', async () => {
      const { batches, end, skipped } = await simulate(3, 2, ['i1']);
      expect(batches).toEqual([['i1']]);
      expect(skipped).toEqual(['i2', 'i3']);
      expect(end).toEqual({ status: 'Failed', code: 'HEALTH_CONSTRAINTS' });
    });

    it('still succeeds with OneAtATime when only the last instance fails', async () => {
      expect((await simulate(3, 2, ['i3'])).end).toEqual({ status: 'Succeeded' });
    });

    it('fails a single-instance OneAtATime deployment whose instance fails', async () => {
      expect((await simulate(1, 0, ['i1'])).end).toEqual({ status: 'Failed', code: 'HEALTH_CONSTRAINTS' });
    });

    it('succeeds AllAtOnce when at least one instance succeeds, and fails when all fail', async () => {
      expect((await simulate(3, 0, ['i1', 'i2'])).end).toEqual({ status: 'Succeeded' });
      expect((await simulate(2, 0, ['i1', 'i2'])).end).toEqual({ status: 'Failed', code: 'HEALTH_CONSTRAINTS' });
    });

    it('shrinks the next HalfAtATime batch by the failures so far', async () => {
      const { batches, end } = await simulate(9, 5, ['i1']);
      expect(batches.map((b) => b.length)).toEqual([4, 3, 2]);
      expect(end).toEqual({ status: 'Succeeded' });
    });
  });
});

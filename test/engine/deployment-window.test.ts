import { describe, expect, it } from 'vitest';
import { deploymentWindow } from '../../src/engine/conditions/deployment-window-rule.js';

const at = (iso: string) => new Date(iso);

describe('deploymentWindow', () => {
  describe('when the cron has AWS’s six fields', () => {
    it('matches to the minute whatever the seconds field says, as AWS documents seconds as not applicable', () => {
      const window = deploymentWindow('0 0-29 10 ? * *');
      expect(window.match(at('2026-12-07T10:15:42Z'))).toBe(true);
      expect(window.match(at('2026-12-07T10:30:00Z'))).toBe(false);
    });

    it('numbers days of the week 1-7 from Sunday, as Quartz and AWS do', () => {
      const sundays = deploymentWindow('* * * ? * 1');
      expect(sundays.match(at('2026-12-06T12:00:00Z'))).toBe(true); // a Sunday
      expect(sundays.match(at('2026-12-07T12:00:00Z'))).toBe(false);
      expect(deploymentWindow('* * * ? * MON-FRI').match(at('2026-12-07T12:00:00Z'))).toBe(true);
    });

    it('reads L and # in the day fields', () => {
      expect(deploymentWindow('* * * L * ?').match(at('2026-12-31T08:00:00Z'))).toBe(true);
      expect(deploymentWindow('* * * L * ?').match(at('2026-12-30T08:00:00Z'))).toBe(false);
      // The first Monday of December 2026 is the 7th.
      expect(deploymentWindow('* * * ? * MON#1').match(at('2026-12-07T08:00:00Z'))).toBe(true);
      expect(deploymentWindow('* * * ? * MON#1').match(at('2026-12-14T08:00:00Z'))).toBe(false);
    });
  });

  describe('when the cron has the optional year field', () => {
    it('matches only in those years', () => {
      expect(deploymentWindow('* * * * * ? 2026').match(at('2026-12-07T08:00:00Z'))).toBe(true);
      expect(deploymentWindow('* * * * * ? 2027').match(at('2026-12-07T08:00:00Z'))).toBe(false);
    });
  });

  describe('when a time zone is given', () => {
    it('reads the hours in that zone and finds when the window next opens', () => {
      const window = deploymentWindow('* * 9-17 ? * MON-FRI *', 'America/New_York');
      expect(window.match(at('2026-12-07T13:59:00Z'))).toBe(false); // 08:59 in New York
      expect(window.match(at('2026-12-07T14:00:00Z'))).toBe(true);
      expect(window.nextRun(at('2026-12-07T12:00:00Z'))?.toISOString()).toBe('2026-12-07T14:00:00.000Z');
    });
  });

  describe('when the window cannot be read', () => {
    it('refuses a cron of five fields, an invalid field and an unknown time zone', () => {
      expect(() => deploymentWindow('* 9-17 * * MON-FRI')).toThrow('must have 6 or 7 fields');
      expect(() => deploymentWindow('* * 25 ? * *')).toThrow();
      expect(() => deploymentWindow('* * 9-17 ? * *', 'Nowhere/Atlantis')).toThrow();
    });
  });
});

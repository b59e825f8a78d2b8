import { describe, expect, it } from 'vitest';
import { matchesTagFilter, matchesTargeting } from '../../src/codedeploy/tag-filters.js';

const web = [
  { Key: 'Role', Value: 'web' },
  { Key: 'Env', Value: 'prod' },
];

describe('tag filters', () => {
  describe('matchesTagFilter', () => {
    it.each([
      [{ Key: 'Role', Type: 'KEY_ONLY' }, true],
      [{ Key: 'role', Type: 'KEY_ONLY' }, false],
      [{ Value: 'prod', Type: 'VALUE_ONLY' }, true],
      [{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' }, true],
      [{ Key: 'Role', Value: 'prod', Type: 'KEY_AND_VALUE' }, false],
      [{ Key: 'Role', Value: 'web' }, true],
      [{ Key: 'Role', Type: 'SOMETHING' }, false],
    ])('compares %j as its Type says', (filter, expected) => {
      expect(matchesTagFilter(web, filter)).toBe(expected);
    });
  });

  describe('matchesTargeting', () => {
    it('matches a flat filter list when any filter matches', () => {
      expect(matchesTargeting(web, { ec2TagFilters: [{ Key: 'Role', Value: 'db', Type: 'KEY_AND_VALUE' }, { Value: 'prod', Type: 'VALUE_ONLY' }] })).toBe(true);
      expect(matchesTargeting(web, { onPremisesInstanceTagFilters: [{ Key: 'Role', Value: 'db', Type: 'KEY_AND_VALUE' }] })).toBe(false);
    });

    it('matches a tag set only when every group matches', () => {
      const set = (second: string) => ({ ec2TagSet: { ec2TagSetList: [[{ Key: 'Role', Value: 'web', Type: 'KEY_AND_VALUE' }], [{ Key: 'Env', Value: second, Type: 'KEY_AND_VALUE' }]] } });
      expect(matchesTargeting(web, set('prod'))).toBe(true);
      expect(matchesTargeting(web, set('dev'))).toBe(false);
      expect(matchesTargeting(web, { onPremisesTagSet: { onPremisesTagSetList: [[{ Key: 'Env', Type: 'KEY_ONLY' }]] } })).toBe(true);
    });

    it('matches an instance that satisfies either the EC2 or the on-premises criteria, and nothing without criteria', () => {
      expect(matchesTargeting(web, { ec2TagFilters: [{ Key: 'Nope', Type: 'KEY_ONLY' }], onPremisesInstanceTagFilters: [{ Key: 'Env', Type: 'KEY_ONLY' }] })).toBe(true);
      expect(matchesTargeting(web, {})).toBe(false);
      expect(matchesTargeting(web, { ec2TagFilters: [] })).toBe(false);
    });
  });
});

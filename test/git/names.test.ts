import { describe, expect, it } from 'vitest';
import { isBranchName, isObjectId, isRepositoryName } from '../../src/git/index.js';

describe('git names', () => {
  describe('isRepositoryName', () => {
    it.each(['app', 'My_Repo-1.2', 'a'.repeat(100), 'x.gitx'])('accepts %s', (name) => {
      expect(isRepositoryName(name)).toBe(true);
    });

    it.each(['', 'a'.repeat(101), 'app.git', 'APP.GIT', '.', '..', '...', 'a/b', '../etc', '%2e%2e', 'a b', '--upload-pack=touch', 'naïve', 'a\nb'])('refuses %j', (name) => {
      expect(isRepositoryName(name)).toBe(false);
    });
  });

  describe('isBranchName', () => {
    it.each(['main', 'feature/login', 'release-1.0', 'fix_2', 'a'.repeat(256), 'v1@2'])('accepts %s', (name) => {
      expect(isBranchName(name)).toBe(true);
    });

    it.each([
      '',
      'a'.repeat(257),
      '-main',
      '--upload-pack=touch',
      '../main',
      'a..b',
      'a//b',
      '/main',
      'main/',
      'main.',
      'main.lock',
      'feature/.hidden',
      'a b',
      'a~1',
      'a^',
      'a:b',
      'a?',
      'a*',
      'a[b',
      'a\\b',
      'a@{1}',
      '@',
      'HEAD',
      'a\u0000b',
      '0123456789abcdef0123456789abcdef01234567',
    ])('refuses %j', (name) => {
      expect(isBranchName(name)).toBe(false);
    });
  });

  describe('isObjectId', () => {
    it('accepts full SHA-1 and SHA-256 ids in lowercase', () => {
      expect(isObjectId('a'.repeat(40))).toBe(true);
      expect(isObjectId('b'.repeat(64))).toBe(true);
    });

    it.each(['abc1234', 'A'.repeat(40), 'g'.repeat(40), 'HEAD', 'main', `${'a'.repeat(40)}^`, '--all'])('refuses %j', (id) => {
      expect(isObjectId(id)).toBe(false);
    });
  });
});

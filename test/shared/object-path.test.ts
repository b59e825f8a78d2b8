import { describe, expect, it } from 'vitest';
import { hasDotSegment, isBucketName, objectPath } from '../../src/shared/index.js';

describe('isBucketName', () => {
  it('accepts S3 bucket names and refuses the rest', () => {
    for (const name of ['abc', 'my-bucket.v2', 'a1b']) expect(isBucketName(name)).toBe(true);
    for (const name of ['ab', '..', 'a..b', 'Upper', '-abc', 'abc-', 'a/b', 'a'.repeat(64), '']) expect(isBucketName(name)).toBe(false);
  });
});

describe('hasDotSegment', () => {
  it('finds . and .. segments, with either slash', () => {
    for (const path of ['..', 'a/..', '../b', 'a/./b', 'a\\..\\b']) expect(hasDotSegment(path)).toBe(true);
    for (const path of ['a', 'a/b', '..a', 'a..', 'a/.b/c', '']) expect(hasDotSegment(path)).toBe(false);
  });
});

describe('objectPath', () => {
  it('refuses keys that climb, even when they would land back inside the bucket', () => {
    expect(objectPath('/s3', 'b', 'x/../y')).toBeUndefined();
    expect(objectPath('/s3', 'b', 'a\\..\\..\\c')).toBeUndefined();
    expect(objectPath('/s3', 'b', 'x/y')).toBe('/s3/b/x/y');
  });
});

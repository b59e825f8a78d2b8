import { describe, expect, it } from 'vitest';
import { matchesFilter, type AwsEvent } from '../../src/events/index.js';

const event = (source: string, detail: Record<string, unknown>): AwsEvent => ({
  version: '0',
  id: 'e',
  'detail-type': 'x',
  source,
  account: '000000000000',
  time: '2026-12-06T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail,
});

describe('the event filter', () => {
  it("matches `pipeline` against the name each service's events carry: pipeline, project, application or repository", () => {
    const filter = { pipeline: 'web' };
    expect(matchesFilter(event('aws.codepipeline', { pipeline: 'web' }), filter)).toBe(true);
    expect(matchesFilter(event('aws.codebuild', { 'project-name': 'web' }), filter)).toBe(true);
    expect(matchesFilter(event('aws.codedeploy', { application: 'web' }), filter)).toBe(true);
    expect(matchesFilter(event('aws.codecommit', { repositoryName: 'web' }), filter)).toBe(true);
    expect(matchesFilter(event('aws.codepipeline', { pipeline: 'api' }), filter)).toBe(false);
    expect(matchesFilter(event('aws.codebuild', { 'project-name': 'web-tests' }), filter)).toBe(false);
  });
});

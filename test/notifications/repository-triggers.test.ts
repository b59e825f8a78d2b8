import { describe, expect, it } from 'vitest';
import { triggerFires, triggerMessage, type StoredTrigger } from '../../src/notifications/index.js';

const trigger = (over: Partial<StoredTrigger> = {}): StoredTrigger => ({ name: 't', destinationArn: 'arn:aws:sns:us-east-1:000000000000:t', branches: [], events: ['all'], ...over });

describe('repository triggers', () => {
  it('fire for their events (or all) and, on branches, only for the branches they name', () => {
    const created = { event: 'referenceCreated', referenceType: 'branch', referenceName: 'main' };
    expect(triggerFires(trigger(), created)).toBe(true);
    expect(triggerFires(trigger({ events: ['createReference'] }), created)).toBe(true);
    expect(triggerFires(trigger({ events: ['updateReference', 'deleteReference'] }), created)).toBe(false);
    expect(triggerFires(trigger({ branches: ['release'] }), created)).toBe(false);
    expect(triggerFires(trigger({ branches: ['release'] }), { ...created, referenceName: 'release' })).toBe(true);
    expect(triggerFires(trigger({ branches: ['release'] }), { event: 'referenceDeleted', referenceType: 'tag', referenceName: 'v1' })).toBe(true);
    expect(triggerFires(trigger(), { event: 'somethingElse', referenceType: 'branch', referenceName: 'main' })).toBe(false);
  });

  it('send one record as CodeCommit does, with the custom data only when the trigger has some', () => {
    const input = {
      eventName: 'ReferenceChanges' as const,
      eventId: 'id-1',
      eventTime: '2026-12-06T18:00:00.000Z',
      region: 'us-east-1',
      repositoryArn: 'arn:aws:codecommit:us-east-1:000000000000:app',
      configurationId: 'conf-1',
      userIdentityArn: 'arn:aws:iam::000000000000:root',
      references: [{ ref: 'refs/heads/main', commit: 'abc', created: true }],
    };
    expect(JSON.parse(triggerMessage(trigger({ customData: 'x' }), input))).toEqual({
      Records: [
        {
          awsRegion: 'us-east-1',
          codecommit: { references: [{ ref: 'refs/heads/main', commit: 'abc', created: true }] },
          customData: 'x',
          eventId: 'id-1',
          eventName: 'ReferenceChanges',
          eventPartNumber: 1,
          eventSource: 'aws:codecommit',
          eventSourceARN: 'arn:aws:codecommit:us-east-1:000000000000:app',
          eventTime: '2026-12-06T18:00:00.000Z',
          eventTotalParts: 1,
          eventTriggerConfigId: 'conf-1',
          eventTriggerName: 't',
          eventVersion: '1.0',
          userIdentityARN: 'arn:aws:iam::000000000000:root',
        },
      ],
    });
    expect(JSON.parse(triggerMessage(trigger(), input)).Records[0]).not.toHaveProperty('customData');
  });
});

import { describe, expect, it } from 'vitest';
import { isFinalStatus } from '../../src/model/index.js';

describe('isFinalStatus', () => {
  it('calls an ended execution, stage or action final, an abandoned action included', () => {
    for (const status of ['Succeeded', 'Failed', 'Stopped', 'Superseded', 'Cancelled', 'Abandoned']) expect(isFinalStatus(status), status).toBe(true);
  });

  it('does not call a running or waiting one final', () => {
    for (const status of ['InProgress', 'Stopping', 'Pending']) expect(isFinalStatus(status), status).toBe(false);
  });
});

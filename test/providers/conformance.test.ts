import { manualApprovalProvider } from '../../src/providers/index.js';
import { describeProviderConformance } from './conformance.js';
import { localTestProviders } from '../helpers/test-provider.js';

describeProviderConformance('Manual approval', () => ({
  provider: manualApprovalProvider,
  succeeding: { configuration: { CustomData: 'ship it?' } },
  failing: { actionName: 'reject-me' },
  long: { actionName: 'never-answered' },
  approval: (job) => {
    if (job.actionName === 'never-answered') return new Promise<never>(() => {});
    return Promise.resolve({ status: job.actionName === 'reject-me' ? 'Rejected' : 'Approved', summary: 'reviewed', approvedBy: 'arn:aws:iam::000000000000:user/alice' });
  },
}));

describeProviderConformance('LocalTest (the test-only provider)', () => {
  const build = localTestProviders().find((p) => p.type.id.category === 'Build')!;
  return {
    provider: build,
    succeeding: { outputArtifactNames: ['BuildArtifact'] },
    failing: { configuration: { Outcome: 'Fail' } },
    long: { configuration: { Sleep: '60000' } },
  };
});

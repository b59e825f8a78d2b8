import type { SnsService } from '../../sns/index.js';

/** What the SNS API needs: the SNS domain. */
export interface SnsDeps {
  sns: SnsService;
}

import type { Iam } from '../../iam/index.js';

/** What IAM's and STS's handlers work on: the access-control domain of the emulator. */
export interface IamDeps {
  iam: Iam;
  /** True with `--iam`: calls are signed and verified, so the caller's identity is known. */
  enforced: boolean;
}

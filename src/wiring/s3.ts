import { s3Service } from '../api/index.js';
import type { FeatureContext, FeatureModule } from './feature-module.js';

/** Builds the S3 feature: the S3 API on the emulator's port, over the `--s3-dir` folder. */
export function s3Feature(ctx: FeatureContext): FeatureModule {
  return { services: [s3Service({ storage: ctx.s3 })] };
}

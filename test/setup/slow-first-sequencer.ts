import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (seconds on two loaded cores, longest first). A fresh clone has no vitest cache of
 * durations, so vitest would start files by size and a long file started last keeps one worker busy alone at the
 * end; starting these first lets the workers finish together.
 */
export const SLOW_FILES = [
  // Builds the Lambda image on a fresh machine (minutes); the other Lambda Docker files wait for it on a lock.
  'test/lambda/invoke.test.ts',
  'test/executors/functions-docker-host.test.ts',
  'test/e2e/tutorial-cli.test.ts',
  'test/api/protocol/model-fuzz.test.ts',
  'test/executors/instances-swarm.test.ts',
  'test/executors/swarm.test.ts',
  'test/api/codecommit/git-http.test.ts',
  'test/e2e/tutorial-s3.test.ts',
  'test/commands/demo.test.ts',
  'test/codebuild/warm-containers.test.ts',
  'test/executors/instances-docker-host.test.ts',
  'test/executors/docker-host.test.ts',
  'test/api/codebuild/sandboxes.test.ts',
  'test/ui/pipeline-view.test.ts',
  'test/cli/aws-cli.test.ts',
  'test/codedeploy/agent.test.ts',
  'test/ui/create-pipeline.test.ts',
  'test/ui/repository-pages.test.ts',
  'test/ui/release-safety.test.ts',
  'test/executors/docker-host-tls.test.ts',
  'test/api/s3/s3-aws-cli.test.ts',
  'test/codebuild/build-runner.test.ts',
  'test/api/codepipeline/executions/execution-modes.test.ts',
  'test/ui/execution-views.test.ts',
  'test/e2e/journey.test.ts',
];

/** Vitest's sequencer, except that the files of SLOW_FILES start first, in that order. */
export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = SLOW_FILES.indexOf(relative(file.project.config.root, file.moduleId).replaceAll('\\', '/'));
      return index < 0 ? SLOW_FILES.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

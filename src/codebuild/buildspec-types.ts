import type { ReportDefinition } from './buildspec-reports.js';
import type { BuildspecBatch } from './buildspec-batch.js';

/** The buildspec phases, in the order CodeBuild runs them (the only names a buildspec may use). */
export const BuildspecPhaseName = {
  install: 'install',
  pre_build: 'pre_build',
  build: 'build',
  post_build: 'post_build',
} as const;
export type BuildspecPhaseName = (typeof BuildspecPhaseName)[keyof typeof BuildspecPhaseName];

/** What a phase does when one of its commands fails (`on-failure`); absent means CodeBuild's default transitions. */
export type OnFailure =
  | { mode: 'ABORT' }
  | { mode: 'CONTINUE' }
  | { mode: 'RETRY'; count: number; pattern: RegExp };

/** One phase of a buildspec. */
export interface BuildspecPhase {
  commands: string[];
  finally: string[];
  onFailure?: OnFailure;
  runAs?: string;
  runtimeVersions: Record<string, string>;
}

/** One artifact definition (`artifacts` or one of its `secondary-artifacts`). */
export interface ArtifactDefinition {
  files: string[];
  name?: string;
  discardPaths: boolean;
  baseDirectory?: string;
  excludePaths: string[];
  enableSymlinks: boolean;
  s3Prefix?: string;
}

/** The `artifacts` section: the primary definition (when `files` is given) and the secondary ones by identifier. */
export interface BuildspecArtifacts {
  primary?: ArtifactDefinition;
  secondary: Record<string, ArtifactDefinition>;
}

/** The `cache` section. */
export interface BuildspecCache {
  paths: string[];
  key?: string;
  fallbackKeys: string[];
  action?: 'restore' | 'save';
}

/** The `env` section. */
export interface BuildspecEnv {
  /** `bash` or `/bin/sh` as written; undefined means CodeBuild's Linux default, /bin/sh. */
  shell?: string;
  variables: Record<string, string>;
  parameterStore: Record<string, string>;
  secretsManager: Record<string, string>;
  exportedVariables: string[];
  gitCredentialHelper: boolean;
}

/** A parsed, validated buildspec (versions 0.1 and 0.2). */
export interface Buildspec {
  version: '0.1' | '0.2';
  runAs?: string;
  env: BuildspecEnv;
  phases: Partial<Record<BuildspecPhaseName, BuildspecPhase>>;
  artifacts?: BuildspecArtifacts;
  cache?: BuildspecCache;
  /** `reports`, by report group name or ARN. */
  reports: Record<string, ReportDefinition>;
  /** `batch`: the builds StartBuildBatch runs; ignored by a single build. */
  batch?: BuildspecBatch;
  /** Why `batch` cannot be used (the YAML_FILE_ERROR message a batch fails with); single builds ignore it. */
  batchProblem?: string;
}

/** The result of {@link parseBuildspec}: a buildspec, or the message of CodeBuild's YAML_FILE_ERROR context. */
export type BuildspecParseResult = { ok: true; buildspec: Buildspec } | { ok: false; message: string };

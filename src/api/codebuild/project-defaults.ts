import type { CodeBuildArtifacts, CodeBuildProject, CodeBuildSource } from '../../store/index.js';

// Sources whose builds can report their status to the provider (the types ProjectSource.reportBuildStatus is valid for).
const STATUS_REPORTING_SOURCES = ['GITHUB', 'GITHUB_ENTERPRISE', 'GITLAB', 'GITLAB_SELF_MANAGED', 'BITBUCKET'];

/**
 * A source with the members AWS shows though they were not given: `insecureSsl: false` always, and
 * `reportBuildStatus: false` for the providers it applies to (AWS's examples). `gitCloneDepth` is not filled: the
 * API documents no default, and the examples that show 1 are projects made in the console.
 */
export function sourceWithDefaults(source: CodeBuildSource): CodeBuildSource {
  return {
    ...source,
    insecureSsl: source.insecureSsl ?? false,
    ...(STATUS_REPORTING_SOURCES.includes(source.type) ? { reportBuildStatus: source.reportBuildStatus ?? false } : {}),
  };
}

/**
 * Artifacts with the members AWS shows though they were not given: S3 gets `namespaceType` and `packaging` NONE (the
 * documented defaults), `encryptionDisabled: false` and, for the primary, the project's name as `name` (AWS's
 * create-project and update-project examples); CODEPIPELINE gets the name, `packaging` NONE and `encryptionDisabled`
 * false (inferred); NO_ARTIFACTS stays as given.
 */
export function artifactsWithDefaults(artifacts: CodeBuildArtifacts, projectName: string | undefined): CodeBuildArtifacts {
  const name = artifacts.name ?? projectName;
  if (artifacts.type === 'S3') {
    return {
      ...artifacts,
      ...(name !== undefined ? { name } : {}),
      namespaceType: artifacts.namespaceType ?? 'NONE',
      packaging: artifacts.packaging ?? 'NONE',
      encryptionDisabled: artifacts.encryptionDisabled ?? false,
    };
  }
  if (artifacts.type === 'CODEPIPELINE') return { ...artifacts, ...(name !== undefined ? { name } : {}), packaging: artifacts.packaging ?? 'NONE', encryptionDisabled: artifacts.encryptionDisabled ?? false };
  return artifacts;
}

/** A project as CreateProject, UpdateProject and BatchGetProjects show it: stored as given, shown with AWS's defaults. */
export function projectWithDefaults(project: CodeBuildProject): CodeBuildProject {
  return {
    ...project,
    source: sourceWithDefaults(project.source),
    ...(project.secondarySources ? { secondarySources: project.secondarySources.map(sourceWithDefaults) } : {}),
    artifacts: artifactsWithDefaults(project.artifacts, project.name),
    ...(project.secondaryArtifacts ? { secondaryArtifacts: project.secondaryArtifacts.map((a) => artifactsWithDefaults(a, undefined)) } : {}),
  };
}

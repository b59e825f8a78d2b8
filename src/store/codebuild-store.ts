import type Database from 'better-sqlite3';
import type { BuildRecord, CodeBuildProject, ProjectRecord, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** Sort order of build lists, as CodeBuild's SortOrderType spells it. */
export type BuildSortOrder = 'ASCENDING' | 'DESCENDING';

interface ProjectRow {
  created_ms: number;
  modified_ms: number;
  record: string;
}

function toProject(row: ProjectRow): ProjectRecord {
  return { project: JSON.parse(row.record) as CodeBuildProject, createdMs: row.created_ms, modifiedMs: row.modified_ms };
}

/** Reads and writes CodeBuild projects and builds, each kept as one JSON record per row. */
export class CodeBuildStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new project; false when one of that name exists in the scope. */
  createProject(scope: Scope, project: CodeBuildProject, nowMs: number): boolean {
    const result = this.sql(
      'INSERT INTO codebuild_projects (account, region, name, created_ms, modified_ms, record) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ).run(scope.account, scope.region, project.name, nowMs, nowMs, JSON.stringify(project));
    return result.changes === 1;
  }

  /** Finds a project by name. */
  getProject(scope: Scope, name: string): ProjectRecord | undefined {
    const row = this.sql('SELECT created_ms, modified_ms, record FROM codebuild_projects WHERE account = ? AND region = ? AND name = ?').get(
      scope.account,
      scope.region,
      name,
    ) as ProjectRow | undefined;
    return row && toProject(row);
  }

  /** Replaces a project's record; false when it no longer exists. */
  updateProject(scope: Scope, project: CodeBuildProject, nowMs: number): boolean {
    const result = this.sql('UPDATE codebuild_projects SET record = ?, modified_ms = ? WHERE account = ? AND region = ? AND name = ?').run(
      JSON.stringify(project),
      nowMs,
      scope.account,
      scope.region,
      project.name,
    );
    return result.changes === 1;
  }

  /** Removes a project; its builds are kept, as on AWS. */
  deleteProject(scope: Scope, name: string): void {
    this.sql('DELETE FROM codebuild_projects WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
  }

  /** Every project of a scope, in name order. */
  listProjects(scope: Scope): ProjectRecord[] {
    const rows = this.sql('SELECT created_ms, modified_ms, record FROM codebuild_projects WHERE account = ? AND region = ? ORDER BY name').all(
      scope.account,
      scope.region,
    ) as ProjectRow[];
    return rows.map(toProject);
  }

  /** How many projects a scope holds. */
  countProjects(scope: Scope): number {
    return (this.sql('SELECT COUNT(*) AS n FROM codebuild_projects WHERE account = ? AND region = ?').get(scope.account, scope.region) as { n: number }).n;
  }

  /** Takes the project's next build number (1, 2, ...), never handing out one twice; undefined when the project is gone. */
  nextBuildNumber(scope: Scope, name: string): number | undefined {
    const row = this.sql(
      'UPDATE codebuild_projects SET last_build_number = last_build_number + 1 WHERE account = ? AND region = ? AND name = ? RETURNING last_build_number AS n',
    ).get(scope.account, scope.region, name) as { n: number } | undefined;
    return row?.n;
  }

  /** Stores a new build. */
  insertBuild(build: BuildRecord): void {
    this.sql('INSERT INTO codebuild_builds (id, account, region, project_name, build_number, status, record) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      build.id,
      build.account,
      build.region,
      build.projectName,
      build.buildNumber,
      build.buildStatus,
      JSON.stringify(build),
    );
  }

  /** Writes a build's new state; false when it was deleted meanwhile. */
  saveBuild(build: BuildRecord): boolean {
    const result = this.sql('UPDATE codebuild_builds SET status = ?, record = ? WHERE id = ?').run(build.buildStatus, JSON.stringify(build), build.id);
    return result.changes === 1;
  }

  /** Finds a build by id in a scope, or in any scope when none is given (log links carry no scope). */
  getBuild(id: string, scope?: Scope): BuildRecord | undefined {
    const row = this.sql('SELECT record FROM codebuild_builds WHERE id = ?').get(id) as { record: string } | undefined;
    const build = row && (JSON.parse(row.record) as BuildRecord);
    if (build && scope && (build.account !== scope.account || build.region !== scope.region)) return undefined;
    return build;
  }

  /** The ids of a scope's builds, newest first unless ASCENDING. */
  listBuildIds(scope: Scope, order: BuildSortOrder = 'DESCENDING'): string[] {
    const dir = order === 'ASCENDING' ? 'ASC' : 'DESC';
    const rows = this.sql(`SELECT id FROM codebuild_builds WHERE account = ? AND region = ? ORDER BY seq ${dir}`).all(scope.account, scope.region) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The ids of a project's builds by build number, highest first unless ASCENDING. */
  listBuildIdsForProject(scope: Scope, projectName: string, order: BuildSortOrder = 'DESCENDING'): string[] {
    const dir = order === 'ASCENDING' ? 'ASC' : 'DESC';
    const rows = this.sql(`SELECT id FROM codebuild_builds WHERE account = ? AND region = ? AND project_name = ? ORDER BY build_number ${dir}, seq ${dir}`).all(
      scope.account,
      scope.region,
      projectName,
    ) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Deletes a build's record. */
  deleteBuild(id: string): void {
    this.sql('DELETE FROM codebuild_builds WHERE id = ?').run(id);
  }

  /** Builds recorded as still running, e.g. when the emulator stopped in the middle of them. */
  activeBuilds(): BuildRecord[] {
    const rows = this.sql("SELECT record FROM codebuild_builds WHERE status = 'IN_PROGRESS' ORDER BY seq").all() as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as BuildRecord);
  }
}

import type Database from 'better-sqlite3';
import type { FleetRecord, Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** Reads and writes CodeBuild's compute fleets (one JSON record per ARN) and the resource policies of projects and report groups. */
export class CodeBuildFleetStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new fleet; false when one of that name exists in the scope. */
  createFleet(scope: Scope, fleet: FleetRecord): boolean {
    const result = this.sql('INSERT INTO codebuild_fleets (arn, account, region, name, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      fleet.arn,
      scope.account,
      scope.region,
      fleet.name,
      JSON.stringify(fleet),
    );
    return result.changes > 0;
  }

  /** Replaces a fleet's record; false when it no longer exists. */
  updateFleet(fleet: FleetRecord): boolean {
    return this.sql('UPDATE codebuild_fleets SET record = ? WHERE arn = ?').run(JSON.stringify(fleet), fleet.arn).changes > 0;
  }

  /** Finds a fleet of a scope by its ARN or its name. */
  getFleet(scope: Scope, arnOrName: string): FleetRecord | undefined {
    const row = this.sql('SELECT record FROM codebuild_fleets WHERE account = ? AND region = ? AND (arn = ? OR name = ?)').get(scope.account, scope.region, arnOrName, arnOrName) as
      | { record: string }
      | undefined;
    return row && (JSON.parse(row.record) as FleetRecord);
  }

  /** Every fleet of a scope, in name order. */
  listFleets(scope: Scope): FleetRecord[] {
    const rows = this.sql('SELECT record FROM codebuild_fleets WHERE account = ? AND region = ? ORDER BY name').all(scope.account, scope.region) as { record: string }[];
    return rows.map((r) => JSON.parse(r.record) as FleetRecord);
  }

  /** How many fleets a scope holds. */
  countFleets(scope: Scope): number {
    return (this.sql('SELECT COUNT(*) AS n FROM codebuild_fleets WHERE account = ? AND region = ?').get(scope.account, scope.region) as { n: number }).n;
  }

  /** Removes a fleet. */
  deleteFleet(arn: string): void {
    this.sql('DELETE FROM codebuild_fleets WHERE arn = ?').run(arn);
  }

  /** Stores a resource's policy document, replacing the one it had. */
  putPolicy(scope: Scope, resourceArn: string, policy: string): void {
    this.sql('INSERT INTO codebuild_resource_policies (resource_arn, account, region, policy) VALUES (?, ?, ?, ?) ON CONFLICT (resource_arn) DO UPDATE SET policy = excluded.policy').run(
      resourceArn,
      scope.account,
      scope.region,
      policy,
    );
  }

  /** A resource's policy document, if it has one. */
  getPolicy(resourceArn: string): string | undefined {
    return (this.sql('SELECT policy FROM codebuild_resource_policies WHERE resource_arn = ?').get(resourceArn) as { policy: string } | undefined)?.policy;
  }

  /** Every stored policy, with the ARN it is on (ListSharedProjects and ListSharedReportGroups read them). */
  listPolicies(): { resourceArn: string; policy: string }[] {
    return this.sql('SELECT resource_arn AS resourceArn, policy FROM codebuild_resource_policies ORDER BY resource_arn').all() as { resourceArn: string; policy: string }[];
  }

  /** Removes a resource's policy; one it does not have is no error. */
  deletePolicy(resourceArn: string): void {
    this.sql('DELETE FROM codebuild_resource_policies WHERE resource_arn = ?').run(resourceArn);
  }
}

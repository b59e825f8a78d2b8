import type Database from 'better-sqlite3';
import type { ApplicationRecord, DeploymentConfigRecord, DeploymentGroupRecord, Scope } from '../model/index.js';
import { parseRecord, statementCache, type Db } from './database.js';

/** Reads and writes CodeDeploy applications, deployment groups and custom deployment configs, one JSON record per row. */
export class CodeDeployStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new application; false when one of that name exists in the scope. */
  createApplication(scope: Scope, app: ApplicationRecord): boolean {
    const sql = 'INSERT INTO codedeploy_applications (account, region, name, record) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';
    return this.sql(sql).run(scope.account, scope.region, app.applicationName, JSON.stringify(app)).changes === 1;
  }

  /** Finds an application by name. */
  getApplication(scope: Scope, name: string): ApplicationRecord | undefined {
    const row = this.sql('SELECT record FROM codedeploy_applications WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, name);
    return parseRecord<ApplicationRecord>(row);
  }

  /** Every application of a scope, in name order. */
  listApplications(scope: Scope): ApplicationRecord[] {
    const rows = this.sql('SELECT record FROM codedeploy_applications WHERE account = ? AND region = ? ORDER BY name').all(scope.account, scope.region);
    return rows.map((r) => parseRecord<ApplicationRecord>(r)!);
  }

  /** Removes an application, its deployment groups and registered revisions; deployments are kept, as their history stays readable. */
  deleteApplication(scope: Scope, name: string): void {
    this.db.transaction(() => {
      this.sql('DELETE FROM codedeploy_revisions WHERE account = ? AND region = ? AND application_name = ?').run(scope.account, scope.region, name);
      this.sql('DELETE FROM codedeploy_deployment_groups WHERE account = ? AND region = ? AND application_name = ?').run(scope.account, scope.region, name);
      this.sql('DELETE FROM codedeploy_applications WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
    })();
  }

  /**
   * Renames an application and moves what is keyed by its name (deployment groups, registered revisions,
   * deployments) with it; false when the new name is taken or the application is gone.
   */
  renameApplication(scope: Scope, name: string, newName: string): boolean {
    return this.db.transaction(() => {
      const app = this.getApplication(scope, name);
      if (!app || this.getApplication(scope, newName)) return false;
      const args = [newName, newName, scope.account, scope.region, name] as const;
      this.sql("UPDATE codedeploy_applications SET name = ?, record = json_set(record, '$.applicationName', ?) WHERE account = ? AND region = ? AND name = ?").run(...args);
      for (const table of ['codedeploy_deployment_groups', 'codedeploy_revisions']) {
        const sql = `UPDATE ${table} SET application_name = ?, record = json_set(record, '$.applicationName', ?) WHERE account = ? AND region = ? AND application_name = ?`;
        this.sql(sql).run(...args);
      }
      const deployments = `UPDATE codedeploy_deployments SET record = json_set(record, '$.applicationName', ?)
        WHERE account = ? AND region = ? AND json_extract(record, '$.applicationName') = ?`;
      this.sql(deployments).run(newName, scope.account, scope.region, name);
      return true;
    })();
  }

  /** Stores a new deployment group; false when the application already has one of that name. */
  createDeploymentGroup(scope: Scope, group: DeploymentGroupRecord): boolean {
    const sql = `INSERT INTO codedeploy_deployment_groups (account, region, application_name, name, config_name, record)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`;
    const args = [scope.account, scope.region, group.applicationName, group.deploymentGroupName, group.deploymentConfigName, JSON.stringify(group)];
    return this.sql(sql).run(...args).changes === 1;
  }

  /** Finds a deployment group by application and name. */
  getDeploymentGroup(scope: Scope, applicationName: string, name: string): DeploymentGroupRecord | undefined {
    const sql = 'SELECT record FROM codedeploy_deployment_groups WHERE account = ? AND region = ? AND application_name = ? AND name = ?';
    return parseRecord<DeploymentGroupRecord>(this.sql(sql).get(scope.account, scope.region, applicationName, name));
  }

  /** Every deployment group of an application, in name order. */
  listDeploymentGroups(scope: Scope, applicationName: string): DeploymentGroupRecord[] {
    const sql = 'SELECT record FROM codedeploy_deployment_groups WHERE account = ? AND region = ? AND application_name = ? ORDER BY name';
    return this.sql(sql).all(scope.account, scope.region, applicationName).map((r) => parseRecord<DeploymentGroupRecord>(r)!);
  }

  /** Replaces a deployment group, renaming it when the record's name differs; false when the new name is taken. */
  replaceDeploymentGroup(scope: Scope, currentName: string, group: DeploymentGroupRecord): boolean {
    return this.db.transaction(() => {
      if (group.deploymentGroupName !== currentName && this.getDeploymentGroup(scope, group.applicationName, group.deploymentGroupName)) return false;
      this.deleteDeploymentGroup(scope, group.applicationName, currentName);
      return this.createDeploymentGroup(scope, group);
    })();
  }

  /** Removes a deployment group. */
  deleteDeploymentGroup(scope: Scope, applicationName: string, name: string): void {
    const sql = 'DELETE FROM codedeploy_deployment_groups WHERE account = ? AND region = ? AND application_name = ? AND name = ?';
    this.sql(sql).run(scope.account, scope.region, applicationName, name);
  }

  /** Whether any deployment group of the scope uses a deployment config. */
  isConfigUsedByGroups(scope: Scope, configName: string): boolean {
    const sql = 'SELECT 1 FROM codedeploy_deployment_groups WHERE account = ? AND region = ? AND config_name = ? LIMIT 1';
    return this.sql(sql).get(scope.account, scope.region, configName) !== undefined;
  }

  /** Stores a new custom deployment config; false when one of that name exists. */
  createDeploymentConfig(scope: Scope, config: DeploymentConfigRecord): boolean {
    const sql = 'INSERT INTO codedeploy_deployment_configs (account, region, name, record) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING';
    return this.sql(sql).run(scope.account, scope.region, config.deploymentConfigName, JSON.stringify(config)).changes === 1;
  }

  /** Finds a custom deployment config by name. */
  getDeploymentConfig(scope: Scope, name: string): DeploymentConfigRecord | undefined {
    const sql = 'SELECT record FROM codedeploy_deployment_configs WHERE account = ? AND region = ? AND name = ?';
    return parseRecord<DeploymentConfigRecord>(this.sql(sql).get(scope.account, scope.region, name));
  }

  /** Every custom deployment config of a scope, in name order. */
  listDeploymentConfigs(scope: Scope): DeploymentConfigRecord[] {
    const sql = 'SELECT record FROM codedeploy_deployment_configs WHERE account = ? AND region = ? ORDER BY name';
    return this.sql(sql).all(scope.account, scope.region).map((r) => parseRecord<DeploymentConfigRecord>(r)!);
  }

  /** Removes a custom deployment config. */
  deleteDeploymentConfig(scope: Scope, name: string): void {
    this.sql('DELETE FROM codedeploy_deployment_configs WHERE account = ? AND region = ? AND name = ?').run(scope.account, scope.region, name);
  }
}

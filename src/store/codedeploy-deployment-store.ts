import type Database from 'better-sqlite3';
import { ACTIVE_DEPLOYMENT_STATUSES, type DeploymentRecord, type DeploymentStatus, type DeploymentTargetRecord, type TargetStatus, type Scope } from '../model/index.js';
import { parseRecord, statementCache, type Db } from './database.js';

/** What ListDeployments may filter on (times in epoch ms). */
export interface DeploymentFilter {
  deploymentGroupId?: string;
  statuses?: string[];
  createdFromMs?: number;
  createdToMs?: number;
  externalId?: string;
}

const ACTIVE = `status IN (${ACTIVE_DEPLOYMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** Reads and writes CodeDeploy deployments and their targets (one row per instance), each a JSON record. */
export class CodeDeployDeploymentStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new deployment with its targets in one transaction. */
  insert(deployment: DeploymentRecord, targets: DeploymentTargetRecord[]): void {
    this.db.transaction(() => {
      const sql = 'INSERT INTO codedeploy_deployments (id, account, region, group_id, status, create_ms, record) VALUES (?, ?, ?, ?, ?, ?, ?)';
      const d = deployment;
      this.sql(sql).run(d.deploymentId, d.account, d.region, d.deploymentGroupId, d.status, d.createMs, JSON.stringify(d));
      targets.forEach((t, i) => {
        const insert = 'INSERT INTO codedeploy_deployment_targets (deployment_id, target_id, position, status, record) VALUES (?, ?, ?, ?, ?)';
        this.sql(insert).run(t.deploymentId, t.targetId, i, t.status, JSON.stringify(t));
      });
    })();
  }

  /** Finds a deployment by id, in any scope. */
  get(deploymentId: string): DeploymentRecord | undefined {
    return parseRecord<DeploymentRecord>(this.sql('SELECT record FROM codedeploy_deployments WHERE id = ?').get(deploymentId));
  }

  /** Replaces a deployment's record. */
  update(deployment: DeploymentRecord): void {
    this.sql('UPDATE codedeploy_deployments SET status = ?, record = ? WHERE id = ?').run(deployment.status, JSON.stringify(deployment), deployment.deploymentId);
  }

  /** The deployments of a scope matching a filter, newest first. */
  list(scope: Scope, filter: DeploymentFilter = {}): DeploymentRecord[] {
    const where = ['account = ?', 'region = ?'];
    const args: unknown[] = [scope.account, scope.region];
    if (filter.deploymentGroupId) (where.push('group_id = ?'), args.push(filter.deploymentGroupId));
    if (filter.statuses?.length) (where.push(`status IN (${filter.statuses.map(() => '?').join(', ')})`), args.push(...filter.statuses));
    if (filter.createdFromMs !== undefined) (where.push('create_ms >= ?'), args.push(filter.createdFromMs));
    if (filter.createdToMs !== undefined) (where.push('create_ms <= ?'), args.push(filter.createdToMs));
    const rows = this.sql(`SELECT record FROM codedeploy_deployments WHERE ${where.join(' AND ')} ORDER BY seq DESC`).all(...args);
    const records = rows.map((r) => parseRecord<DeploymentRecord>(r)!);
    return filter.externalId === undefined ? records : records.filter((d) => d.externalId === filter.externalId);
  }

  /** The deployment that currently holds a deployment group (Created, Queued or InProgress), if any. */
  activeOfGroup(deploymentGroupId: string): DeploymentRecord | undefined {
    const sql = `SELECT record FROM codedeploy_deployments WHERE group_id = ? AND ${ACTIVE} ORDER BY seq LIMIT 1`;
    return parseRecord<DeploymentRecord>(this.sql(sql).get(deploymentGroupId));
  }

  /** Every deployment that has not ended, in any scope (for recovery after a restart). */
  active(): DeploymentRecord[] {
    return this.sql(`SELECT record FROM codedeploy_deployments WHERE ${ACTIVE} ORDER BY seq`).all().map((r) => parseRecord<DeploymentRecord>(r)!);
  }

  /** The newest deployment of a group with the given status (any status when omitted). */
  latestOfGroup(deploymentGroupId: string, status?: DeploymentStatus): DeploymentRecord | undefined {
    const sql = `SELECT record FROM codedeploy_deployments WHERE group_id = ? ${status ? 'AND status = ?' : ''} ORDER BY seq DESC LIMIT 1`;
    return parseRecord<DeploymentRecord>(this.sql(sql).get(...(status ? [deploymentGroupId, status] : [deploymentGroupId])));
  }

  /** The targets of a deployment, in the order they were selected. */
  targets(deploymentId: string): DeploymentTargetRecord[] {
    const sql = 'SELECT record FROM codedeploy_deployment_targets WHERE deployment_id = ? ORDER BY position';
    return this.sql(sql).all(deploymentId).map((r) => parseRecord<DeploymentTargetRecord>(r)!);
  }

  /** One target of a deployment. */
  target(deploymentId: string, targetId: string): DeploymentTargetRecord | undefined {
    const sql = 'SELECT record FROM codedeploy_deployment_targets WHERE deployment_id = ? AND target_id = ?';
    return parseRecord<DeploymentTargetRecord>(this.sql(sql).get(deploymentId, targetId));
  }

  /** Replaces a target's record. */
  updateTarget(target: DeploymentTargetRecord): void {
    const sql = 'UPDATE codedeploy_deployment_targets SET status = ?, record = ? WHERE deployment_id = ? AND target_id = ?';
    this.sql(sql).run(target.status, JSON.stringify(target), target.deploymentId, target.targetId);
  }

  /** How the most recent finished deployment to an instance of a scope ended, if it ever had one. */
  lastOutcomeOf(scope: Scope, instanceName: string): TargetStatus | undefined {
    const sql = `SELECT t.status FROM codedeploy_deployment_targets t JOIN codedeploy_deployments d ON d.id = t.deployment_id
      WHERE t.target_id = ? AND d.account = ? AND d.region = ? AND t.status IN ('Succeeded', 'Failed') ORDER BY d.seq DESC LIMIT 1`;
    return (this.sql(sql).get(instanceName, scope.account, scope.region) as { status: TargetStatus } | undefined)?.status;
  }
}

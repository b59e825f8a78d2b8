import type Database from 'better-sqlite3';
import { statementCache, type Db } from './database.js';
import type { Scope } from '../model/index.js';

/** A tag of an on-premises instance, spelled as CodeDeploy's `Tag` shape. */
export interface InstanceTag {
  Key: string;
  Value: string;
}

/** The Docker container standing in for an instance, and the loopback port its Nginx is published on. */
export interface InstanceContainerRef {
  id: string;
  name: string;
  hostPort: number;
}

/** An on-premises instance registered with CodeDeploy (kept after deregistration, as AWS lists it). */
export interface InstanceRecord {
  account: string;
  region: string;
  instanceName: string;
  /** `arn:aws:codedeploy:<region>:<account>:instance/<name>_<10 random characters>`, as AWS shows it. */
  instanceArn: string;
  iamUserArn?: string;
  iamSessionArn?: string;
  registerMs: number;
  deregisterMs?: number;
  /** Tags in the order they were first added. */
  tags: InstanceTag[];
  /** Absent once deregistered (its container is removed then). */
  container?: InstanceContainerRef;
}

/** What is stored when an instance is registered. */
export interface NewInstance {
  instanceName: string;
  instanceArn: string;
  iamUserArn?: string;
  iamSessionArn?: string;
}

interface Row {
  account: string;
  region: string;
  name: string;
  instance_arn: string;
  iam_user_arn: string | null;
  iam_session_arn: string | null;
  register_ms: number;
  deregister_ms: number | null;
  tags: string;
  container_id: string | null;
  container_name: string | null;
  host_port: number | null;
}

function toRecord(row: Row): InstanceRecord {
  return {
    account: row.account,
    region: row.region,
    instanceName: row.name,
    instanceArn: row.instance_arn,
    ...(row.iam_user_arn !== null ? { iamUserArn: row.iam_user_arn } : {}),
    ...(row.iam_session_arn !== null ? { iamSessionArn: row.iam_session_arn } : {}),
    registerMs: row.register_ms,
    ...(row.deregister_ms !== null ? { deregisterMs: row.deregister_ms } : {}),
    tags: JSON.parse(row.tags) as InstanceTag[],
    ...(row.container_id !== null && row.container_name !== null && row.host_port !== null
      ? { container: { id: row.container_id, name: row.container_name, hostPort: row.host_port } }
      : {}),
  };
}

const COLUMNS =
  'account, region, name, instance_arn, iam_user_arn, iam_session_arn, register_ms, deregister_ms, tags, container_id, container_name, host_port';
const BY_NAME = 'account = ? AND region = ? AND name = ?';
const INSTALLATION_KEY = 'installation-id';

/** Reads and writes on-premises instances per account and region; every write is one transaction. */
export class InstanceStore {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Returns an instance by name, registered or deregistered, or undefined. */
  get(scope: Scope, name: string): InstanceRecord | undefined {
    const row = this.sql(`SELECT ${COLUMNS} FROM onpremises_instances WHERE ${BY_NAME}`).get(scope.account, scope.region, name) as Row | undefined;
    return row && toRecord(row);
  }

  /** Lists the instances of a scope in name order, registered and deregistered. */
  list(scope: Scope): InstanceRecord[] {
    const rows = this.sql(`SELECT ${COLUMNS} FROM onpremises_instances WHERE account = ? AND region = ? ORDER BY name`).all(scope.account, scope.region) as Row[];
    return rows.map(toRecord);
  }

  /** Lists the registered instances of every scope (the containers the emulator keeps running). */
  allRegistered(): InstanceRecord[] {
    const rows = this.sql(`SELECT ${COLUMNS} FROM onpremises_instances WHERE deregister_ms IS NULL ORDER BY account, region, name`).all() as Row[];
    return rows.map(toRecord);
  }

  /**
   * Stores a registration; a deregistered instance of the same name is replaced by it.
   * Returns false, storing nothing, when an instance of that name is registered.
   */
  register(scope: Scope, instance: NewInstance, nowMs: number): boolean {
    return this.db.transaction(() => {
      const existing = this.get(scope, instance.instanceName);
      if (existing && existing.deregisterMs === undefined) return false;
      this.sql(`DELETE FROM onpremises_instances WHERE ${BY_NAME}`).run(scope.account, scope.region, instance.instanceName);
      this.sql(`INSERT INTO onpremises_instances (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '[]', NULL, NULL, NULL)`).run(
        scope.account,
        scope.region,
        instance.instanceName,
        instance.instanceArn,
        instance.iamUserArn ?? null,
        instance.iamSessionArn ?? null,
        nowMs,
      );
      return true;
    })();
  }

  /** Forgets an instance entirely (a registration whose container could not be started). */
  delete(scope: Scope, name: string): void {
    this.sql(`DELETE FROM onpremises_instances WHERE ${BY_NAME}`).run(scope.account, scope.region, name);
  }

  /** Records (or forgets, with undefined) the container of an instance. */
  setContainer(scope: Scope, name: string, container: InstanceContainerRef | undefined): void {
    this.sql(`UPDATE onpremises_instances SET container_id = ?, container_name = ?, host_port = ? WHERE ${BY_NAME}`).run(
      container?.id ?? null,
      container?.name ?? null,
      container?.hostPort ?? null,
      scope.account,
      scope.region,
      name,
    );
  }

  /** Marks a registered instance deregistered (keeping its tags) and returns it as it was, or undefined. */
  deregister(scope: Scope, name: string, nowMs: number): InstanceRecord | undefined {
    return this.db.transaction(() => {
      const existing = this.get(scope, name);
      if (!existing || existing.deregisterMs !== undefined) return undefined;
      this.sql(`UPDATE onpremises_instances SET deregister_ms = ? WHERE ${BY_NAME}`).run(nowMs, scope.account, scope.region, name);
      return existing;
    })();
  }

  /** Replaces the tags of several instances in one transaction; `update` gets each one's current tags. */
  updateTags(scope: Scope, names: string[], update: (tags: InstanceTag[]) => InstanceTag[]): void {
    this.db.transaction(() => {
      for (const name of names) {
        const existing = this.get(scope, name);
        if (!existing) continue;
        this.sql(`UPDATE onpremises_instances SET tags = ? WHERE ${BY_NAME}`).run(JSON.stringify(update(existing.tags)), scope.account, scope.region, name);
      }
    })();
  }

  /** The id of this data directory's emulator, made once: it tells its containers apart from another data directory's. */
  installationId(makeId: () => string): string {
    return this.db.transaction(() => {
      const row = this.sql('SELECT value FROM instance_settings WHERE key = ?').get(INSTALLATION_KEY) as { value: string } | undefined;
      if (row) return row.value;
      const id = makeId();
      this.sql('INSERT INTO instance_settings (key, value) VALUES (?, ?)').run(INSTALLATION_KEY, id);
      return id;
    })();
  }
}

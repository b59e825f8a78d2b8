import type Database from 'better-sqlite3';
import type { Scope } from '../model/index.js';
import { statementCache, type Db } from './database.js';

/** What the store indexes an approval rule template by; the rest of it is the caller's document. */
export interface ApprovalTemplateKeys {
  approvalRuleTemplateId: string;
  approvalRuleTemplateName: string;
}

/** Reads and writes CodeCommit approval rule templates per account and region, and the repositories they apply to. */
export class ApprovalTemplateStore<Doc extends ApprovalTemplateKeys = ApprovalTemplateKeys> {
  private readonly sql: (sql: string) => Database.Statement;

  constructor(private readonly db: Db) {
    this.sql = statementCache(db);
  }

  /** Stores a new template; returns false when its name is taken. */
  create(scope: Scope, doc: Doc): boolean {
    const result = this.sql('INSERT INTO approval_rule_templates (account, region, template_id, name, document) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      scope.account,
      scope.region,
      doc.approvalRuleTemplateId,
      doc.approvalRuleTemplateName,
      JSON.stringify(doc),
    );
    return result.changes === 1;
  }

  /** Returns a template by name, or undefined. */
  get(scope: Scope, name: string): Doc | undefined {
    const row = this.sql('SELECT document FROM approval_rule_templates WHERE account = ? AND region = ? AND name = ?').get(scope.account, scope.region, name) as { document: string } | undefined;
    return row && (JSON.parse(row.document) as Doc);
  }

  /** Lists the names of a scope's templates in name order. */
  names(scope: Scope): string[] {
    return (this.sql('SELECT name FROM approval_rule_templates WHERE account = ? AND region = ? ORDER BY name').all(scope.account, scope.region) as { name: string }[]).map((r) => r.name);
  }

  /** Replaces a template (found by id, so it may be renamed); returns false when the new name is taken. */
  replace(scope: Scope, doc: Doc): boolean {
    try {
      this.sql('UPDATE approval_rule_templates SET name = ?, document = ? WHERE account = ? AND region = ? AND template_id = ?').run(
        doc.approvalRuleTemplateName,
        JSON.stringify(doc),
        scope.account,
        scope.region,
        doc.approvalRuleTemplateId,
      );
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
      throw error;
    }
  }

  /** Deletes a template that no repository uses; returns 'in-use' when one does, 'missing' when there is none. */
  delete(scope: Scope, name: string): Doc | 'in-use' | 'missing' {
    return this.db.transaction(() => {
      const doc = this.get(scope, name);
      if (!doc) return 'missing' as const;
      if (this.repositories(scope, doc.approvalRuleTemplateId).length) return 'in-use' as const;
      this.sql('DELETE FROM approval_rule_templates WHERE account = ? AND region = ? AND template_id = ?').run(scope.account, scope.region, doc.approvalRuleTemplateId);
      return doc;
    })();
  }

  /** Associates a template with a repository (again is fine); false when the repository already has `limit` others. */
  associate(scope: Scope, templateId: string, repositoryName: string, limit: number): boolean {
    return this.db.transaction(() => {
      const current = this.templateIdsOf(scope, repositoryName);
      if (!current.includes(templateId) && current.length >= limit) return false;
      this.sql('INSERT INTO approval_rule_template_repositories (account, region, template_id, repository_name) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(scope.account, scope.region, templateId, repositoryName);
      return true;
    })();
  }

  /** Removes an association, if there is one. */
  disassociate(scope: Scope, templateId: string, repositoryName: string): void {
    this.sql('DELETE FROM approval_rule_template_repositories WHERE account = ? AND region = ? AND template_id = ? AND repository_name = ?').run(scope.account, scope.region, templateId, repositoryName);
  }

  /** The repositories a template is associated with, in name order. */
  repositories(scope: Scope, templateId: string): string[] {
    const rows = this.sql('SELECT repository_name AS name FROM approval_rule_template_repositories WHERE account = ? AND region = ? AND template_id = ? ORDER BY repository_name').all(scope.account, scope.region, templateId) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /** The ids of the templates associated with a repository. */
  templateIdsOf(scope: Scope, repositoryName: string): string[] {
    const rows = this.sql('SELECT template_id AS id FROM approval_rule_template_repositories WHERE account = ? AND region = ? AND repository_name = ?').all(scope.account, scope.region, repositoryName) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** The names of the templates associated with a repository, in name order. */
  namesFor(scope: Scope, repositoryName: string): string[] {
    const rows = this.sql(
      'SELECT t.name AS name FROM approval_rule_template_repositories a JOIN approval_rule_templates t ON t.account = a.account AND t.region = a.region AND t.template_id = a.template_id WHERE a.account = ? AND a.region = ? AND a.repository_name = ? ORDER BY t.name',
    ).all(scope.account, scope.region, repositoryName) as { name: string }[];
    return rows.map((r) => r.name);
  }

  /** Moves a renamed repository's template associations to its new name. */
  renameRepository(scope: Scope, oldName: string, newName: string): void {
    this.sql('UPDATE approval_rule_template_repositories SET repository_name = ? WHERE account = ? AND region = ? AND repository_name = ?').run(newName, scope.account, scope.region, oldName);
  }
}

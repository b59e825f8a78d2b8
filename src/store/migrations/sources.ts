import type { Migration } from '../migration.js';

/** The sources feature's schema changes (numbers 3 and 9 to 13: see MIGRATION_NUMBERS). */
export const sourceMigrations: Migration[] = [
  {
    version: 3,
    description: 'CodeCommit repositories: emulator-made bare repositories and registered checkouts',
    sql: `
      CREATE TABLE repositories (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        name TEXT NOT NULL,
        repository_id TEXT NOT NULL UNIQUE,
        description TEXT,
        default_branch TEXT,
        git_dir TEXT NOT NULL,
        work_tree TEXT,
        registered INTEGER NOT NULL,
        created_ms INTEGER NOT NULL,
        updated_ms INTEGER NOT NULL,
        PRIMARY KEY (account, region, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 9,
    description: 'CodeCommit repositories: the KMS key UpdateRepositoryEncryptionKey records',
    sql: `ALTER TABLE repositories ADD COLUMN kms_key_id TEXT;`,
  },
  {
    version: 10,
    description: 'CodeCommit pull requests (each one a JSON document with its events)',
    sql: `
      CREATE TABLE pull_requests (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        pull_request_id INTEGER NOT NULL,
        repository_name TEXT NOT NULL,
        status TEXT NOT NULL,
        author_arn TEXT NOT NULL,
        client_request_token TEXT,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, pull_request_id)
      ) WITHOUT ROWID;
      CREATE INDEX pull_requests_by_repository ON pull_requests (account, region, repository_name, pull_request_id);
    `,
  },
  {
    version: 11,
    description: 'CodeCommit comments on pull requests and compared commits (each one a JSON document)',
    sql: `
      CREATE TABLE comments (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        comment_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        repository_name TEXT NOT NULL,
        pull_request_id TEXT,
        client_request_token TEXT,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, comment_id)
      ) WITHOUT ROWID;
      CREATE INDEX comments_by_repository ON comments (account, region, repository_name, seq);
    `,
  },
  {
    version: 12,
    description: 'CodeCommit repository triggers (the configuration PutRepositoryTriggers recorded, as JSON)',
    sql: `ALTER TABLE repositories ADD COLUMN triggers TEXT;`,
  },
  {
    version: 13,
    description: 'CodeCommit approval rule templates (JSON documents) and the repositories they are associated with',
    sql: `
      CREATE TABLE approval_rule_templates (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        template_id TEXT NOT NULL,
        name TEXT NOT NULL,
        document TEXT NOT NULL,
        PRIMARY KEY (account, region, template_id),
        UNIQUE (account, region, name)
      ) WITHOUT ROWID;
      CREATE TABLE approval_rule_template_repositories (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        template_id TEXT NOT NULL,
        repository_name TEXT NOT NULL,
        PRIMARY KEY (account, region, template_id, repository_name)
      ) WITHOUT ROWID;
    `,
  },
];

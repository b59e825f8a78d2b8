import {
  CodeCommitClient,
  CreateBranchCommand,
  CreateCommitCommand,
  CreatePullRequestApprovalRuleCommand,
  CreatePullRequestCommand,
  CreateRepositoryCommand,
  PostCommentForPullRequestCommand,
  PutFileCommand,
  UpdatePullRequestApprovalStateCommand,
} from '@aws-sdk/client-codecommit';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ACCOUNT } from '../helpers/emulator.js';
import { executionProbes } from '../helpers/execution-probes.js';
import { testAction } from '../helpers/local-pipelines.js';
import { awsAction, pipelineOf, uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';

// Content that would run or draw if the console put it in the page as markup instead of text.
const HOSTILE = '<img src=x onerror="window.__injected=1"><script>window.__injected=2</script>';

/** What the page holds that it should not: elements made from the repository's content, or a script's mark. */
async function injected(page: Page) {
  return page.evaluate(() => ({ mark: (window as unknown as { __injected?: number }).__injected, images: document.querySelectorAll('main img, main script').length }));
}

/** The texts of the elements a locator finds, once there is at least one. */
async function texts(locator: Locator): Promise<string[]> {
  await locator.first().waitFor();
  return locator.allTextContents();
}

describe('the repository pages', () => {
  const h = useConsoleHarness();
  const probe = executionProbes(() => h.client);
  const repo = uniqueName('shop');
  const commits = { first: '', second: '', feature: '' };
  let pullRequestId = '';

  // A repository made through the API: two commits on main, one more on a branch, a pull request with a comment.
  beforeAll(async () => {
    const cc = h.env.client(CodeCommitClient);
    await cc.send(new CreateRepositoryCommand({ repositoryName: repo, repositoryDescription: 'The shop' }));
    const first = await cc.send(new PutFileCommand({ repositoryName: repo, branchName: 'main', filePath: 'README.md', fileContent: Buffer.from('# Shop\n\nSells things.\n'), commitMessage: 'Start the shop', name: 'Ada Lovelace', email: 'ada@example.com' }));
    commits.first = first.commitId!;
    const second = await cc.send(
      new CreateCommitCommand({
        repositoryName: repo,
        branchName: 'main',
        parentCommitId: commits.first,
        authorName: 'Grace Hopper',
        email: 'grace@example.com',
        commitMessage: `Add the cart ${HOSTILE}\n\nThe cart keeps items between pages.`,
        putFiles: [
          { filePath: 'README.md', fileContent: Buffer.from('# Shop\n\nSells things, with a cart.\n') },
          { filePath: 'src/cart.js', fileContent: Buffer.from(`export const items = [];\n// ${HOSTILE}\n`) },
        ],
      }),
    );
    commits.second = second.commitId!;
    await cc.send(new CreateBranchCommand({ repositoryName: repo, branchName: 'checkout', commitId: commits.second }));
    const feature = await cc.send(
      new PutFileCommand({ repositoryName: repo, branchName: 'checkout', parentCommitId: commits.second, filePath: 'src/cart.js', fileContent: Buffer.from(`export const items = [];\nexport const total = () => 0;\n// ${HOSTILE}\n`), commitMessage: 'Add a total' }),
    );
    commits.feature = feature.commitId!;
    const created = await cc.send(
      new CreatePullRequestCommand({ title: 'Checkout page', description: `Adds a total.\n${HOSTILE}`, targets: [{ repositoryName: repo, sourceReference: 'checkout', destinationReference: 'main' }] }),
    );
    pullRequestId = created.pullRequest!.pullRequestId!;
    await cc.send(new PostCommentForPullRequestCommand({ pullRequestId, repositoryName: repo, beforeCommitId: commits.second, afterCommitId: commits.feature, content: `Looks right ${HOSTILE}` }));
    // Two rules, one met by Mary's approval (another access key is another IAM user of the account), one not.
    const rule = (needed: number, pool: string) => JSON.stringify({ Version: '2018-11-08', Statements: [{ Type: 'Approvers', NumberOfApprovalsNeeded: needed, ApprovalPoolMembers: [pool] }] });
    await cc.send(new CreatePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Mary', approvalRuleContent: rule(1, `CodeCommitApprovers:${TEST_ACCOUNT}:Mary_*`) }));
    await cc.send(new CreatePullRequestApprovalRuleCommand({ pullRequestId, approvalRuleName: 'Two leads', approvalRuleContent: rule(2, `CodeCommitApprovers:${TEST_ACCOUNT}:Lead_*`) }));
    const mary = h.env.client(CodeCommitClient, 'us-east-1', 'Mary_Major');
    await mary.send(new UpdatePullRequestApprovalStateCommand({ pullRequestId, revisionId: created.pullRequest!.revisionId, approvalState: 'APPROVE' }));
  });

  describe('when a user browses a repository from the repositories list', () => {
    it('shows its files, a file, the branch history and a commit’s changes, with its content as text', async () => {
      const page = await h.open('/console/repositories');
      const row = page.getByTestId(`repository-row-${repo}`);
      await expect(row.textContent()).resolves.toMatch(/The shop.*main/);
      await row.getByRole('link', { name: repo }).click();

      const tree = page.getByTestId('file-tree');
      await tree.waitFor();
      await expect(texts(tree.locator('tr'))).resolves.toEqual([expect.stringContaining('src'), expect.stringContaining('README.md')]);
      await expect(page.getByTestId(`commit-${commits.second}`).textContent()).resolves.toContain(`Add the cart ${HOSTILE}`);
      await tree.getByRole('link', { name: 'src' }).click();
      await page.getByTestId('entry-src/cart.js').getByRole('link').click();
      const content = page.getByTestId('file-content');
      await expect(texts(content.locator('.line-text'))).resolves.toEqual(['export const items = [];', `// ${HOSTILE}`]);
      await page.getByTestId('branch-picker').selectOption('checkout');
      await page.waitForURL(`**/repositories/${repo}/file/checkout/src/cart.js`);
      await expect.poll(() => content.locator('.line-text').nth(1).textContent()).toBe('export const total = () => 0;');
      await h.screenshot(page, 'repository-file');

      await page.getByTestId('tab-commits').click();
      const rows = page.locator('[data-testid^="history-row-"]');
      await rows.nth(1).waitFor();
      await expect(rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).resolves.toEqual([`history-row-${commits.second}`, `history-row-${commits.first}`]);
      await expect(rows.nth(1).textContent()).resolves.toContain('Start the shop');
      await h.screenshot(page, 'repository-history');

      await rows.nth(0).getByRole('link', { name: 'Add the cart' }).click();
      await expect(page.getByTestId('commit-title').textContent()).resolves.toBe(`Add the cart ${HOSTILE}`);
      await expect(page.getByTestId('commit-body').textContent()).resolves.toBe('The cart keeps items between pages.');
      const readme = page.getByTestId('diff-README.md');
      await expect(texts(readme.locator('.diff-removed .line-text'))).resolves.toEqual(['-Sells things.']);
      await expect(texts(readme.locator('.diff-added .line-text'))).resolves.toEqual(['+Sells things, with a cart.']);
      await expect(page.getByTestId('diff-src/cart.js').textContent()).resolves.toMatch(/Added.*src\/cart\.js.*@@ -0,0 \+1,2 @@/);
      await h.screenshot(page, 'repository-commit');
      expect(await injected(page)).toEqual({ mark: undefined, images: 0 });
    });
  });

  describe('when a user opens a pull request', () => {
    it('lists it among the open ones and shows its branches, status, approvals, comments and changes', async () => {
      const page = await h.open(`/console/repositories/${repo}/pull-requests`);
      const row = page.getByTestId(`pull-request-row-${pullRequestId}`);
      await expect(row.textContent()).resolves.toMatch(/Checkout page.*Open.*checkout.*main/);
      await row.getByRole('link').click();

      await expect(page.getByTestId('pull-request-title').textContent()).resolves.toBe('Checkout page');
      await expect(page.getByTestId('pull-request-status').textContent()).resolves.toBe('Open');
      await expect(page.getByTestId('pull-request-description').textContent()).resolves.toBe(`Adds a total.\n${HOSTILE}`);
      await expect(page.getByTestId('pull-request-source').textContent()).resolves.toBe(`checkout at ${commits.feature.slice(0, 8)}`);
      await expect(page.getByTestId('pull-request-destination').textContent()).resolves.toBe(`main at ${commits.second.slice(0, 8)}`);
      await expect(page.getByTestId('comments').textContent()).resolves.toContain(`Looks right ${HOSTILE}`);
      const rules = page.getByTestId('approval-rules').locator('tbody tr');
      await expect(texts(rules)).resolves.toEqual([
        expect.stringMatching(/^Mary1 approval from CodeCommitApprovers:\d+:Mary_\*✓ Approved$/),
        expect.stringMatching(/^Two leads2 approvals from CodeCommitApprovers:\d+:Lead_\*○ Awaiting approvals$/),
      ]);
      await expect(page.getByTestId('approval-overall').textContent()).resolves.toBe('Not all approval rules are satisfied yet.');
      await expect(page.getByTestId('approved-by').textContent()).resolves.toBe('Approved by Mary_Major.');
      await expect(texts(page.getByTestId('diff-src/cart.js').locator('.diff-added .line-text'))).resolves.toEqual(['+export const total = () => 0;']);
      await h.screenshot(page, 'pull-request');
      expect(await injected(page)).toEqual({ mark: undefined, images: 0 });

      await page.getByTestId('tab-pull-requests').click();
      await page.getByTestId('filter-CLOSED').click();
      await expect(page.locator('.empty').textContent()).resolves.toContain('No closed pull requests');
    });
  });

  describe('when a pipeline reads the repository', () => {
    it('links its CodeCommit source action to the repository and to the commit it ran', async () => {
      const name = uniqueName('shop-pipeline');
      const source = awsAction('Source', 'Source', 'CodeCommit', { RepositoryName: repo, BranchName: 'main', PollForSourceChanges: 'false' }, { outputArtifacts: [{ name: 'SourceArtifact' }] });
      const build = testAction('Build', 'Build', {}, { inputArtifacts: [{ name: 'SourceArtifact' }] });
      const id = await probe.create(pipelineOf(name, [{ name: 'Source', actions: [source] }, { name: 'Build', actions: [build] }]));
      await probe.untilStatus(name, id, 'Succeeded');
      const page = await h.open(`/console/pipelines/${name}`);
      await expect(page.getByTestId('repository-Source').textContent()).resolves.toBe(`${repo} · main`);
      await page.getByTestId('revision-Source').click();
      await expect(page.getByTestId('commit-title').textContent()).resolves.toBe(`Add the cart ${HOSTILE}`);
      expect(new URL(page.url()).pathname).toBe(`/console/repositories/${repo}/commit/${commits.second}`);
    });
  });
});

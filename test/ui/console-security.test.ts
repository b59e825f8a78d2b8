import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { executionProbes } from '../helpers/execution-probes.js';
import { approvalAction, localPipeline, testAction } from '../helpers/local-pipelines.js';
import { uniqueName } from '../helpers/pipelines.js';
import { useConsoleHarness } from './helpers/browser.js';
import { untilStage } from './helpers/page-probes.js';

/** Records, from before the app starts, every CSP violation the page reports and every console message about one. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`event: ${e.effectiveDirective} blocked ${e.blockedURI}`));
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))];
}

/** The scheme of every link on the page (`http:`, `https:`, `javascript:`, ...). */
function linkProtocols(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('a')].map((a) => a.protocol));
}

describe('the console security', () => {
  const h = useConsoleHarness();
  const probe = executionProbes(() => h.client);

  describe('when an approval links to a javascript: URL', () => {
    it('shows the URL as text, not as a link, and still links an https URL', async () => {
      const name = uniqueName('links');
      const unsafe = 'javascript:alert(1)';
      const safe = 'https://example.com/review?change=42';
      const approvals = [approvalAction('Unsafe', { configuration: { ExternalEntityLink: unsafe } }), approvalAction('Safe', { configuration: { ExternalEntityLink: safe } })];
      await probe.create(localPipeline(name, [{ name: 'Approve', actions: approvals }]));
      const page = await h.open(`/console/pipelines/${name}`);

      await page.getByTestId('review-Unsafe').click();
      const link = page.getByTestId('review-dialog').getByTestId('external-entity-link');
      await expect(link.textContent()).resolves.toBe(unsafe);
      await expect(link.evaluate((el) => el.tagName)).resolves.toBe('SPAN');
      await expect(page.locator('a[href^="javascript:"]').count()).resolves.toBe(0);
      expect(await linkProtocols(page)).not.toContain('javascript:');
      await page.keyboard.press('Escape');
      await page.getByTestId('review-dialog').waitFor({ state: 'detached' });

      await page.getByTestId('review-Safe').click();
      const safeLink = page.getByTestId('review-dialog').locator('a[data-testid="external-entity-link"]');
      await expect(safeLink.getAttribute('href')).resolves.toBe(safe);
      await expect(safeLink.getAttribute('rel')).resolves.toBe('noreferrer');
      await expect(safeLink.textContent()).resolves.toBe(safe);
    });
  });

  describe('when the console is served', () => {
    it('answers every console route with the Content-Security-Policy and the other security headers', async () => {
      const paths = ['/', '/console/', '/console/pipelines/web', '/console/api/context', '/console/api/artifacts/bucket/missing.zip', '/console/api/nothing', '/console/missing.js'];
      const html = await (await fetch(`${h.env.url}/console/`)).text();
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)![1];
      for (const path of [...paths, script]) {
        for (const encoding of ['identity', 'gzip']) {
          const answer = await fetch(`${h.env.url}${path}`, { redirect: 'manual', headers: { 'accept-encoding': encoding } });
          await answer.arrayBuffer();
          const csp = answer.headers.get('content-security-policy') ?? '';
          expect(csp, `${path} (${answer.status})`).toContain("default-src 'self'");
          expect(csp).toContain("script-src 'self'");
          expect(csp).toContain("connect-src 'self'");
          expect(csp).toContain("frame-ancestors 'none'");
          expect(csp).not.toContain('unsafe-inline');
          expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
          expect(answer.headers.get('referrer-policy'), path).toBe('no-referrer');
        }
      }
      const controller = new AbortController();
      const stream = await fetch(`${h.env.url}/console/api/events`, { signal: controller.signal });
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('content-security-policy')).toContain("default-src 'self'");
      controller.abort();
    });

    it('runs the app under that policy without a violation, and the policy blocks an injected inline script', async () => {
      const name = uniqueName('csp');
      const id = await probe.create(localPipeline(name, [{ name: 'Build', actions: [testAction('Build', 'Build', { Sleep: '500' })] }, { name: 'Approve', actions: [approvalAction('Approval')] }]));
      let violations = async (): Promise<string[]> => [];
      const page = await h.open(`/console/pipelines/${name}`, async (p) => {
        violations = await recordViolations(p);
      });
      // Live updates come over the event stream, which connect-src must allow.
      await untilStage(page, 'Approve', 'InProgress');
      await page.getByTestId('review-Approval').click();
      await page.getByTestId('review-dialog').getByTestId('dialog-submit').click();
      await untilStage(page, 'Approve', 'Succeeded');
      await probe.untilStatus(name, id, 'Succeeded');
      await page.goto(`${h.env.url}/console/pipelines/${name}/executions/${id}`);
      await page.getByText('Source revisions').waitFor();
      expect(await violations()).toEqual([]);

      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.appendChild(script);
      });
      await expect.poll(violations).toContainEqual(expect.stringMatching(/script-src/));
      await expect(page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).resolves.toBeUndefined();
    });
  });
});

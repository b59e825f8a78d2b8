import type { Page } from 'playwright-core';

/** Records, in the page, every status each stage shows, from before the app starts, so a test can read the order. */
export async function recordStageStatuses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    const last = new Map<string, string>();
    (window as unknown as { __stageStatuses: string[] }).__stageStatuses = seen;
    const scan = () => {
      document.querySelectorAll<HTMLElement>('[data-testid^="stage-"]').forEach((el) => {
        const stage = el.dataset.testid!.slice('stage-'.length);
        const status = el.dataset.status ?? 'None';
        if (last.get(stage) !== status) {
          last.set(stage, status);
          seen.push(`${stage}:${status}`);
        }
      });
    };
    new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
  });
}

/** The stage statuses the page has shown so far, in order (`Build:InProgress`, `Build:Succeeded`, ...). */
export function stageStatuses(page: Page): Promise<string[]> {
  return page.evaluate(() => [...(window as unknown as { __stageStatuses: string[] }).__stageStatuses]);
}

/**
 * Counts full page loads from now on (a reload or a navigation that is not the app's own), to prove updates came live.
 * Call it once the harness has opened the page: the harness loads a page again when the network dropped its files.
 */
export function countLoads(page: Page): () => number {
  let loads = 0;
  page.on('load', () => loads++);
  return () => loads;
}

/** The status a stage shows now. */
export function stageStatus(page: Page, stage: string): Promise<string | null> {
  return page.getByTestId(`stage-${stage}`).getAttribute('data-status');
}

/** Waits until a stage shows a status. */
export async function untilStage(page: Page, stage: string, status: string, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="stage-${stage}"][data-status="${status}"]`).waitFor({ timeout });
}

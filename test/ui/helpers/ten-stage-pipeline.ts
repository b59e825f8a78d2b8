import type { Page } from 'playwright-core';
import type { StageDeclaration } from '../../../src/model/index.js';
import { testAction } from '../../helpers/local-pipelines.js';

/** The stage whose Succeeded status, shown last, says the whole ten-stage pipeline is drawn. */
const LAST_STAGE = 'Stage10';

/** The stages of the console's reference pipeline: nine after the source, each with two parallel actions and a third after them (10 stages, 28 actions). */
export function tenStages(): StageDeclaration[] {
  return Array.from({ length: 9 }, (_, i) => ({
    name: `Stage${i + 2}`,
    actions: [testAction('Compile', 'Build'), testAction('Check', 'Test'), testAction('Publish', 'Deploy', {}, { runOrder: 2 })],
  }));
}

/** Waits, frame by frame, until the page shows all ten stages with the last one Succeeded; resolves with the page's performance.now() of that frame. */
export function allStagesShown(page: Page, timeout = 10_000): Promise<number> {
  return page
    .waitForFunction(
      (last) => {
        const stages = document.querySelectorAll('[data-testid^="stage-"]');
        return stages.length === 10 && document.querySelectorAll(`[data-testid="stage-${last}"][data-status="Succeeded"]`).length === 1 ? performance.now() : false;
      },
      LAST_STAGE,
      { polling: 'raf', timeout },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

import { useEffect, useRef } from 'preact/hooks';
import type { PipelineDialog } from './pipeline-dialogs.js';
import { stageViews, type PipelineViewData } from './pipeline-data.js';

/** The approval a review link names: AWS's `#/<stage>/<action>/approve/<token>` after the pipeline's page. */
export function approvalInHash(hash: string): { stageName: string; actionName: string; token: string } | undefined {
  const match = /^#\/([^/]+)\/([^/]+)\/approve\/([^/]+)$/.exec(hash);
  if (!match) return undefined;
  try {
    return { stageName: decodeURIComponent(match[1]), actionName: decodeURIComponent(match[2]), token: decodeURIComponent(match[3]) };
  } catch {
    return undefined;
  }
}

/**
 * Opens the review dialog of the approval an approval message's review link names, once the pipeline has loaded; when
 * that approval no longer waits for that token, says so instead. The hash is then cleared, so a reload does not ask again.
 */
export function useApprovalLink(data: PipelineViewData | undefined, open: (d: PipelineDialog) => void, say: (message: string) => void): void {
  const handled = useRef(false);
  useEffect(() => {
    if (!data || handled.current) return;
    handled.current = true;
    const wanted = approvalInHash(window.location.hash);
    if (!wanted) return;
    history.replaceState(history.state, '', window.location.pathname + window.location.search);
    const stage = stageViews(data).find((s) => s.declaration.name === wanted.stageName);
    const action = stage?.groups.flat().find((a) => a.declaration.name === wanted.actionName);
    const waiting = action?.state?.latestExecution?.status === 'InProgress' && action.state.latestExecution.token === wanted.token;
    if (action && waiting) open({ kind: 'review', stageName: wanted.stageName, action });
    else say(`The approval ${wanted.actionName} in ${wanted.stageName} this link asks for is no longer waiting for a review.`);
  }, [data, open, say]);
}
